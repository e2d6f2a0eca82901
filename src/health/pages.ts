import type { z } from 'zod';
import type { HealthFailureReason } from './provider.js';
import { fetchWithRetry, reasonForError, reasonForStatus, type FetchLike } from './resilience.js';

export type PagesResult<T> = { ok: true; items: T[] } | { ok: false; reason: HealthFailureReason; detail: string };

export interface PagesRequest<P, T> {
  fetch: FetchLike;
  firstUrl: string;
  headers: Record<string, string>;
  /** One page, parsed with zod: a payload that does not match becomes `malformedResponse`, never a crash. */
  pageSchema: z.ZodType<P>;
  itemsOf: (page: P) => T[];
  nextLinkOf: (page: P) => string | null | undefined;
  retryAfterCapMs: number;
  signal?: AbortSignal;
  /** A runaway nextLink chain is a server bug; stop rather than loop for ever. */
  maxPages?: number;
}

/**
 * GET a collection and follow its next links (Graph `@odata.nextLink`, ARM `nextLink`; domain-facts §2).
 * Next links are followed only on the first request's origin, so the bearer token never leaves the cloud it was issued for.
 */
export async function fetchAllPages<P, T>(req: PagesRequest<P, T>): Promise<PagesResult<T>> {
  const origin = new URL(req.firstUrl).origin;
  const items: T[] = [];
  let url: string | null | undefined = req.firstUrl;
  for (let page = 0; url; page++) {
    if (page >= (req.maxPages ?? 50)) return { ok: false, reason: 'malformedResponse', detail: 'too many pages' };
    let response: Response;
    try {
      response = await fetchWithRetry(req.fetch, url, { method: 'GET', headers: req.headers }, req);
    } catch (err) {
      return { ok: false, reason: reasonForError(err, req.signal), detail: String(err) };
    }
    if (!response.ok) {
      const body = await response.text().catch(() => '');
      return { ok: false, reason: reasonForStatus(response.status), detail: `HTTP ${response.status} ${body.slice(0, 300)}` };
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch (err) {
      if (req.signal?.aborted) return { ok: false, reason: 'timeout', detail: String(err) };
      return { ok: false, reason: 'malformedResponse', detail: `not JSON: ${String(err)}` };
    }
    const parsed = req.pageSchema.safeParse(json);
    if (!parsed.success) return { ok: false, reason: 'malformedResponse', detail: parsed.error.message.slice(0, 500) };
    items.push(...req.itemsOf(parsed.data));
    url = req.nextLinkOf(parsed.data);
    if (url && new URL(url, origin).origin !== origin) {
      return { ok: false, reason: 'malformedResponse', detail: `next link leaves ${origin}` };
    }
    if (url) url = new URL(url, origin).toString();
  }
  return { ok: true, items };
}
