/**
 * Customer sync (issue 14 point 1): Partner Center's customer list into the store, on a schedule and on demand.
 * One store row holds the schedule and a lease, so with several bot instances exactly one syncs; the schedule is a
 * due time in that row checked by a short poll, never a long-lived timer. The whole list is fetched and parsed
 * before anything is written: a malformed page or a failure half-way leaves the stored list as it was.
 */
import type { Logger } from '../log.js';
import { PartnerCenterError, type CustomerSink, type PartnerCenterApi, type PartnerCenterFailure } from './ports.js';

export interface SyncLease {
  claim(owner: string, now: string, leaseUntil: string, force: boolean): Promise<boolean>;
  finish(owner: string, nextDue: string | null, outcome: Record<string, unknown>, now: string): Promise<boolean>;
  state(): Promise<{ dueAt?: string; leaseOwner?: string; leaseUntil?: string; data: Record<string, unknown> } | undefined>;
}

export interface SyncDeps {
  api: PartnerCenterApi;
  sink: CustomerSink;
  lease: SyncLease;
  partnerTenantId: string;
  /** Time between scheduled syncs; 0 = only on demand. */
  intervalMs: number;
  leaseMs: number;
  workerId: string;
  clock: () => Date;
  log: Logger;
}

export type SyncOutcome =
  | { status: 'synced'; customers: number; removed: number; at: string }
  | { status: 'failed'; reason: PartnerCenterFailure; detail: string; at: string }
  | { status: 'busy'; since?: string }
  | { status: 'notDue' };

/** After a failure, try again sooner than a full interval (but never in a tight loop). */
const retryAfterFailureMs = 15 * 60_000;

export async function runCustomerSync(deps: SyncDeps, force: boolean): Promise<SyncOutcome> {
  const start = deps.clock();
  const now = start.toISOString();
  const claimed = await deps.lease.claim(deps.workerId, now, new Date(start.getTime() + deps.leaseMs).toISOString(), force);
  if (!claimed) {
    if (!force) return { status: 'notDue' };
    const s = await deps.lease.state();
    return s?.leaseUntil && s.leaseUntil >= now ? { status: 'busy', ...(typeof s.data.startedAt === 'string' ? { since: s.data.startedAt } : {}) } : { status: 'notDue' };
  }
  let outcome: SyncOutcome;
  try {
    const customers = await deps.api.listCustomers();
    // Rows written now carry `now`; rows of this source older than that are customers Partner Center stopped listing.
    await deps.sink.upsertMany(deps.partnerTenantId, customers, 'partnerCenter', now);
    const removed = await deps.sink.removeStale(deps.partnerTenantId, 'partnerCenter', now);
    outcome = { status: 'synced', customers: customers.length, removed, at: now };
    deps.log.info({ customers: customers.length, removed }, 'Partner Center customers synced');
  } catch (err) {
    const reason: PartnerCenterFailure = err instanceof PartnerCenterError ? err.reason : 'serverError';
    const detail = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    outcome = { status: 'failed', reason, detail, at: now };
    deps.log.warn({ reason, detail }, 'Partner Center customer sync failed; stored customers unchanged');
  }
  const end = deps.clock().getTime();
  const next = deps.intervalMs > 0 ? new Date(end + (outcome.status === 'synced' ? deps.intervalMs : Math.min(deps.intervalMs, retryAfterFailureMs))).toISOString() : null;
  await deps.lease.finish(deps.workerId, next, { ...outcome, startedAt: now }, deps.clock().toISOString());
  return outcome;
}

/** Polls "is a sync due?" every `pollMs`; a tick never overlaps the previous one. */
export function startCustomerSyncLoop(deps: SyncDeps, pollMs: number): { stop(): Promise<void> } {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = runCustomerSync(deps, false)
      .catch((err) => deps.log.error({ err }, 'Partner Center sync tick failed'))
      .finally(() => (running = undefined));
  }, pollMs);
  timer.unref?.();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
