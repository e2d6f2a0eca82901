import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { Engine } from './db.js';

export type ReminderState = 'pending' | 'claimed' | 'sent' | 'failed' | 'cancelled';

export interface Reminder {
  id: string;
  caseId: string;
  tenantId: string;
  kind: string;
  dueAt: string;
  state: ReminderState;
  attempts: number;
  claimedBy?: string;
  leaseUntil?: string;
  lastError?: string;
  payload: Record<string, unknown>;
  createdAt: string;
  sentAt?: string;
}

type Row = Database['reminders'];
const fromRow = (r: Row): Reminder => ({
  id: r.id,
  caseId: r.case_id,
  tenantId: r.tenant_id,
  kind: r.kind,
  dueAt: r.due_at,
  state: r.state as ReminderState,
  attempts: r.attempts,
  claimedBy: r.claimed_by ?? undefined,
  leaseUntil: r.lease_until ?? undefined,
  lastError: r.last_error ?? undefined,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
  createdAt: r.created_at,
  sentAt: r.sent_at ?? undefined,
});

export interface NewReminder {
  caseId: string;
  tenantId: string;
  kind: string;
  dueAt: string;
  payload?: Record<string, unknown>;
}

const pendingRow = (r: NewReminder & { id: string }, now: string): Row => ({
  id: r.id,
  case_id: r.caseId,
  tenant_id: r.tenantId,
  kind: r.kind,
  due_at: r.dueAt,
  state: 'pending',
  attempts: 0,
  claimed_by: null,
  lease_until: null,
  next_attempt_at: null,
  last_error: null,
  payload: JSON.stringify(r.payload ?? {}),
  created_at: now,
  sent_at: null,
});

/**
 * Every statement on reminder rows. Each guard sits in the WHERE clause of a single statement, so two workers racing
 * on the same case cannot both act on a row.
 */
export class ReminderRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
  ) {}

  async add(reminders: NewReminder[], now: string): Promise<void> {
    if (!reminders.length) return;
    const rows = reminders.map((r) => pendingRow({ ...r, id: randomUUID() }, now));
    // Chunked so a bulk load stays under SQLite's bound-parameter limit.
    for (let i = 0; i < rows.length; i += 500) await this.db.insertInto('reminders').values(rows.slice(i, i + 500)).execute();
  }

  /**
   * A row with a chosen id; false when it exists already. Digest rows use "digest:<team>:<date>" so two workers
   * planning the same digest insert it once.
   */
  async addOnce(r: NewReminder & { id: string }, now: string): Promise<boolean> {
    const res = await this.db
      .insertInto('reminders')
      .values(pendingRow(r, now))
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** Claimed rows this worker decided not to send (case closed, responded, planned for an old deadline). */
  async cancelClaimed(ids: string[], workerId: string): Promise<void> {
    if (!ids.length) return;
    await this.db
      .updateTable('reminders')
      .set({ state: 'cancelled', lease_until: null })
      .where('id', 'in', ids)
      .where('claimed_by', '=', workerId)
      .where('state', '=', 'claimed')
      .execute();
  }

  /** Points of a case already due but not claimed by anyone: a catch-up message covers them (issue 5: no burst). */
  async supersedePendingDue(caseId: string, now: string): Promise<number> {
    const res = await this.db
      .updateTable('reminders')
      .set({ state: 'sent', sent_at: now, last_error: 'covered by catch-up' })
      .where('case_id', '=', caseId)
      .where('state', '=', 'pending')
      .where('due_at', '<=', now)
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

/** Whether a later point is still waiting, so the overdue repetition is not inserted twice. */
  async hasLaterPoint(caseId: string, after: string): Promise<boolean> {
    // Filtered here rather than in SQL: with `due_at > ?` SQLite picks the (state, due_at) index and walks every future
    // row of every case (15 ms at 100 000 pending, measured by the bench); by case it reads a handful.
    const rows = await this.db
      .selectFrom('reminders')
      .select(['due_at', 'kind'])
      .where('case_id', '=', caseId)
      .where('state', 'in', ['pending', 'claimed'])
      .execute();
    // The partner clock's points (issue 14) do not stand in for the next overdue point of Microsoft's clock.
    return rows.some((r) => r.due_at > after && !r.kind.startsWith('partner:'));
  }

  /** Cancels what has not been delivered yet (pending, or claimed but not sent). */
  async cancelForCase(caseId: string): Promise<number> {
    const res = await this.db
      .updateTable('reminders')
      .set({ state: 'cancelled', claimed_by: null, lease_until: null })
      .where('case_id', '=', caseId)
      .where('state', 'in', ['pending', 'claimed'])
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

  forCase(caseId: string): Promise<Reminder[]> {
    return this.db.selectFrom('reminders').selectAll().where('case_id', '=', caseId).orderBy('due_at').execute().then((rows) => rows.map(fromRow));
  }

  /**
   * Claims up to `limit` due reminders for `workerId` in one statement: pending ones whose time has come, and claimed
   * ones whose lease ran out (their worker died). One UPDATE … RETURNING is atomic in SQLite; in PostgreSQL the
   * inner SELECT takes row locks with SKIP LOCKED so two instances never claim the same row.
   */
  async claimDue(workerId: string, now: string, leaseUntil: string, limit: number): Promise<Reminder[]> {
    const due = (eb: Kysely<Database>) => {
      let q = eb
        .selectFrom('reminders')
        .select('id')
        .where((w) =>
          w.or([
            w.and([w('state', '=', 'pending'), w('due_at', '<=', now), w.or([w('next_attempt_at', 'is', null), w('next_attempt_at', '<=', now)])]),
            w.and([w('state', '=', 'claimed'), w('lease_until', '<', now)]),
          ]),
        )
        .orderBy('due_at')
        .limit(limit);
      if (this.engine === 'postgres') q = q.forUpdate().skipLocked();
      return q;
    };
    const rows = await this.db
      .updateTable('reminders')
      .set({ state: 'claimed', claimed_by: workerId, lease_until: leaseUntil, attempts: sql<number>`attempts + 1` })
      .where('id', 'in', due(this.db))
      .returningAll()
      .execute();
    return rows.map(fromRow).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  }

  /** Only the worker holding the claim may settle it, so a worker whose lease expired cannot overwrite a newer claim. */
  async markSent(id: string, workerId: string, at: string): Promise<boolean> {
    const res = await this.db
      .updateTable('reminders')
      .set({ state: 'sent', sent_at: at, lease_until: null, last_error: null })
      .where('id', '=', id)
      .where('claimed_by', '=', workerId)
      .where('state', '=', 'claimed')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async markRetry(id: string, workerId: string, nextAttemptAt: string, error: string): Promise<void> {
    await this.db
      .updateTable('reminders')
      .set({ state: 'pending', claimed_by: null, lease_until: null, next_attempt_at: nextAttemptAt, last_error: error.slice(0, 500) })
      .where('id', '=', id)
      .where('claimed_by', '=', workerId)
      .where('state', '=', 'claimed')
      .execute();
  }

  async markFailed(id: string, workerId: string, error: string): Promise<void> {
    await this.db
      .updateTable('reminders')
      .set({ state: 'failed', lease_until: null, last_error: error.slice(0, 500) })
      .where('id', '=', id)
      .where('claimed_by', '=', workerId)
      .where('state', '=', 'claimed')
      .execute();
  }

  /** Marks reminders of a case as sent without delivering them: a catch-up message covered them. */
  async supersede(ids: string[], at: string): Promise<void> {
    if (!ids.length) return;
    await this.db.updateTable('reminders').set({ state: 'sent', sent_at: at, last_error: 'covered by catch-up' }).where('id', 'in', ids).execute();
  }

  async countByState(): Promise<Record<string, number>> {
    const rows = await this.db.selectFrom('reminders').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute();
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }
}
