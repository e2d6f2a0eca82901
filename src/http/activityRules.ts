import { z } from 'zod';

/** The rules activityBody.ts's schema and activityQuickCheck.ts share. */

// Ids end up in connector URLs (encodeURIComponent throws on a lone surrogate) and in SQL parameters: well-formed
// Unicode without control characters only.
export const wellFormed = (s: string): boolean => !/[\u0000-\u001f\u007f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
/** Bot Framework invoke names this bot answers; anything else is refused up front (4xx) rather than 501 from botbuilder. */
export const handledInvokes = ['adaptiveCard/action', 'application/search'] as const;

export const serviceUrl = z.url({ protocol: /^https?$/ }).max(2048);
// A deployment hears from a handful of service URLs; each is parsed once, not on every turn.
const knownServiceUrls = new Set<string>();

/** Whether `v` passes the schema's serviceUrl rule (an http(s) URL of at most 2 048 characters). */
export function isServiceUrl(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  if (knownServiceUrls.has(v)) return true;
  if (!serviceUrl.safeParse(v).success) return false;
  if (knownServiceUrls.size >= 256) knownServiceUrls.clear();
  knownServiceUrls.add(v);
  return true;
}

