import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { Engine } from './db.js';

/** active: polled when due; done: Microsoft responded or the case closed; stopped: given up (ticket gone, no access). */
export type WatchState = 'active' | 'claimed' | 'done' | 'stopped';

export interface TicketWatch {
  caseId: string;
  tenantId: string;
  state: WatchState;
  nextPollAt: string;
  attempts: number;
  claimedBy?: string;
  leaseUntil?: string;
  lastError?: string;
}

type Row = Database['azure_ticket_watch'];
const fromRow = (r: Row): TicketWatch => ({
  caseId: r.case_id,
  tenantId: r.tenant_id,
  state: r.state as WatchState,
  nextPollAt: r.next_poll_at,
  attempts: r.attempts,
  claimedBy: r.claimed_by ?? undefined,
  leaseUntil: r.lease_until ?? undefined,
  lastError: r.last_error ?? undefined,
});

/**
 * Rows of the Azure ticket poll loop. Like the reminder rows: due rows are claimed with a lease in one statement, so
 * several bot instances share the loop and a crashed instance's claim is taken over when its lease runs out.
 */
export class AzureTicketWatchRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
  ) {}

  /** Starts (or restarts) following a case's ticket; the first read is at `nextPollAt`. */
  async watch(caseId: string, tenantId: string, nextPollAt: string, now: string): Promise<void> {
    await this.db
      .insertInto('azure_ticket_watch')
      .values({ case_id: caseId, tenant_id: tenantId, state: 'active', next_poll_at: nextPollAt, attempts: 0, claimed_by: null, lease_until: null, last_error: null, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('case_id').doUpdateSet({ state: 'active', next_poll_at: nextPollAt, attempts: 0, claimed_by: null, lease_until: null, last_error: null, updated_at: now }))
      .execute();
  }

  async get(caseId: string): Promise<TicketWatch | undefined> {
    const r = await this.db.selectFrom('azure_ticket_watch').selectAll().where('case_id', '=', caseId).executeTakeFirst();
    return r ? fromRow(r) : undefined;
  }

  async claimDue(workerId: string, now: string, leaseUntil: string, limit: number): Promise<TicketWatch[]> {
    let due = this.db
      .selectFrom('azure_ticket_watch')
      .select('case_id')
      .where((w) => w.or([w.and([w('state', '=', 'active'), w('next_poll_at', '<=', now)]), w.and([w('state', '=', 'claimed'), w('lease_until', '<', now)])]))
      .orderBy('next_poll_at')
      .limit(limit);
    if (this.engine === 'postgres') due = due.forUpdate().skipLocked();
    const rows = await this.db
      .updateTable('azure_ticket_watch')
      .set({ state: 'claimed', claimed_by: workerId, lease_until: leaseUntil, attempts: sql<number>`attempts + 1`, updated_at: now })
      .where('case_id', 'in', due)
      .returningAll()
      .execute();
    return rows.map(fromRow);
  }

  /** Back to the loop: read again at `nextPollAt` (the regular interval, or Microsoft's Retry-After). */
  async reschedule(caseId: string, workerId: string, nextPollAt: string, now: string, error?: string): Promise<boolean> {
    const res = await this.db
      .updateTable('azure_ticket_watch')
      .set({ state: 'active', claimed_by: null, lease_until: null, next_poll_at: nextPollAt, last_error: error?.slice(0, 500) ?? null, updated_at: now, ...(error ? {} : { attempts: 0 }) })
      .where('case_id', '=', caseId)
      .where('claimed_by', '=', workerId)
      .where('state', '=', 'claimed')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Ends following: `done` (answered or closed) or `stopped` (gave up, with the reason). Any holder or none. */
  async finish(caseId: string, state: 'done' | 'stopped', now: string, reason?: string): Promise<void> {
    await this.db
      .updateTable('azure_ticket_watch')
      .set({ state, claimed_by: null, lease_until: null, last_error: reason?.slice(0, 500) ?? null, updated_at: now })
      .where('case_id', '=', caseId)
      .execute();
  }
}
