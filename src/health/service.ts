import type { HealthCheck, HealthItem } from '../flow/case.js';
import type { HealthFailureReason, HealthProvider, HealthQuery, SourceResult } from './provider.js';
import { HealthCache, withTimeout } from './resilience.js';

/** A few seconds: the agent is waiting on the card (issue 6, Resilience). */
export const defaultHealthTimeoutMs = 4000;
/** About two minutes, so a busy team re-opening cards does not hammer Graph (issue 6). */
export const defaultHealthCacheTtlMs = 2 * 60 * 1000;

export interface CheckHealthOptions {
  timeoutMs?: number;
  cache?: HealthCache;
  /** Told about every source that could not be checked, with the technical detail the card leaves out. */
  onFailure?: (failure: { source: SourceResult['source']; reason: HealthFailureReason; detail?: string }) => void;
}

/** Incidents before advisories, newest update first: the agent reads the top of the list. */
export function byUrgency(a: HealthItem, b: HealthItem): number {
  if (a.classification !== b.classification) return a.classification === 'incident' ? -1 : 1;
  return b.lastUpdated.localeCompare(a.lastUpdated);
}

/** Health is per customer tenant (and subscription for Azure); the product only filters, but filtered answers are what we keep. */
export function healthCacheKey(source: string, query: HealthQuery): string {
  const tenant = (query.customerTenantId ?? query.customerDomain ?? '').toLowerCase();
  return [source, query.cloud, tenant, query.product, (query.subscriptionId ?? '').toLowerCase()].join('|');
}

async function checkOne(provider: HealthProvider, query: HealthQuery, now: Date, opts: CheckHealthOptions): Promise<SourceResult> {
  const key = healthCacheKey(provider.source, query);
  const cached = opts.cache?.get(key, now);
  if (cached) return cached;
  const timeoutMs = opts.timeoutMs ?? defaultHealthTimeoutMs;
  const result = await withTimeout(
    timeoutMs,
    (signal) =>
      provider.check(query, signal).catch(
        (err: unknown): SourceResult => ({ source: provider.source, ok: false, reason: signal.aborted ? 'timeout' : 'network', detail: String(err) }),
      ),
    () => ({ source: provider.source, ok: false, reason: 'timeout', detail: `no answer within ${timeoutMs} ms` }),
  );
  opts.cache?.set(key, result, now);
  return result;
}

/**
 * DESIGN §2.2: check service health first. Every source that applies is asked in parallel; one that fails or
 * is slow becomes a named failure next to the others' results, so the card can say which source could not be
 * checked and why (`health.failure.<reason>`), and "nothing found at 10:42" is still evidence.
 */
export async function checkHealth(
  providers: readonly HealthProvider[],
  query: HealthQuery,
  now: Date,
  opts: CheckHealthOptions = {},
): Promise<HealthCheck> {
  const applicable = providers.filter((p) => p.appliesTo(query));
  const results = await Promise.all(applicable.map((p) => checkOne(p, query, now, opts)));
  const items: HealthItem[] = [];
  const failures: HealthCheck['failures'] = [];
  for (const r of results) {
    if (r.ok) items.push(...r.items);
    else {
      failures.push({ source: r.source, reason: r.reason });
      opts.onFailure?.({ source: r.source, reason: r.reason, ...(r.detail ? { detail: r.detail } : {}) });
    }
  }
  return {
    checkedAt: now.toISOString(),
    items: items.sort(byUrgency),
    failures,
    demo: applicable.some((p) => p.source === 'demo'),
  };
}
