/**
 * Azure Support settings (issue 14 points 4, 5, 7). Off by default: with AZURE_SUPPORT_MODE empty nothing polls,
 * no button appears and the demo quick start is unchanged. The integrator merges this fragment into the env schema.
 */
import { z } from 'zod';
import { blankToUndefined, guidPattern as guid, wholeNumber as millis } from '../config/envFields.js';

const optionalText = z.preprocess(blankToUndefined, z.string().trim().optional());
const optionalUrl = z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/ }).optional());

// Built when called: the env is parsed once at startup, and a module-level schema would stay in the heap for good.
export const azureSupportEnvSchema = () =>
  z.object({
  /** off: nothing of this runs; live: track (and, per team, file) Azure support tickets through the Support API. */
  AZURE_SUPPORT_MODE: z.preprocess(blankToUndefined, z.enum(['off', 'live']).default('off')),
  /** The partner's multi-tenant app (may be the same app as HEALTH_CLIENT_ID); consented in each customer tenant. */
  AZURE_SUPPORT_CLIENT_ID: optionalText,
  AZURE_SUPPORT_CLIENT_SECRET: optionalText,
  /** The partner's own tenant: the auxiliary token for filing on a customer's behalf comes from here. */
  AZURE_SUPPORT_PARTNER_TENANT_ID: z.preprocess(blankToUndefined, z.string().regex(guid, 'expected the partner tenant GUID').optional()),
  /** How often one tracked ticket is read again (ms); the loop below wakes more often and polls only due rows. */
  AZURE_SUPPORT_POLL_INTERVAL_MS: millis(300_000, 10_000, 86_400_000),
  /** How often the single poll loop looks for due tickets (ms). */
  AZURE_SUPPORT_LOOP_MS: millis(15_000, 200, 600_000),
  /** How long a poller's claim on a ticket row holds before another instance may take it (ms). */
  AZURE_SUPPORT_LEASE_MS: millis(120_000, 1_000, 3_600_000),
  /** Per-request timeout towards login and ARM (ms). */
  AZURE_SUPPORT_TIMEOUT_MS: millis(10_000, 100, 120_000),
  /** Longest Retry-After an interactive call (a card click) waits before its single retry (ms). */
  AZURE_SUPPORT_RETRY_AFTER_CAP_MS: millis(2_000, 0, 60_000),
  /** How long "File in Azure" waits for Microsoft's long-running create to finish before handing it to the poller (ms). */
  AZURE_SUPPORT_CREATE_WAIT_MS: millis(8_000, 0, 60_000),
  /** Base-URL overrides (tests, egress proxies); token scopes keep the real cloud's resource. */
  AZURE_SUPPORT_LOGIN_URL: optionalUrl,
  AZURE_SUPPORT_ARM_URL: optionalUrl,
  /** The partner's contact on filed tickets (Microsoft contacts the partner, never the customer: seed 001). */
  PARTNER_CONTACT_FIRST_NAME: optionalText,
  PARTNER_CONTACT_LAST_NAME: optionalText,
  /** ISO 3166-1 alpha-3 country code, as the Support API expects (e.g. usa, twn, chn). */
  PARTNER_CONTACT_COUNTRY: z.preprocess(blankToUndefined, z.string().regex(/^[A-Za-z]{3}$/, 'expected a 3-letter country code, e.g. usa').default('usa')),
  /** Windows time zone name Microsoft's engineers see (e.g. Pacific Standard Time, Taipei Standard Time). */
  PARTNER_CONTACT_TIME_ZONE: z.preprocess(blankToUndefined, z.string().max(100).default('Pacific Standard Time')),
  /** Language the partner wants support in (e.g. en-US, zh-TW). */
  PARTNER_CONTACT_LANGUAGE: z.preprocess(blankToUndefined, z.string().regex(/^[a-z]{2}(-[A-Za-z]{2,4})?$/, 'expected a language tag, e.g. en-US').default('en-US')),
});
export type AzureSupportEnv = z.infer<ReturnType<typeof azureSupportEnvSchema>>;

/** Whether tracking can run at all: live mode with the app's credentials. */
export function azureSupportConfigured(env: AzureSupportEnv): boolean {
  return env.AZURE_SUPPORT_MODE === 'live' && Boolean(env.AZURE_SUPPORT_CLIENT_ID && env.AZURE_SUPPORT_CLIENT_SECRET);
}
