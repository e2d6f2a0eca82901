import { sql, type Kysely } from 'kysely';
import type { Db, Engine } from './db.js';
import { SqliteCaseStatements, SqliteCaseWrites, traced } from './sqliteCases.js';
import { orderedId } from './orderedId.js';
import type { Actor, Case } from '../flow/case.js';
import type { Database } from './schema.js';

/** One line of a case's history: who did what, when. Append-only. */
export interface CaseEvent {
  caseId: string;
  version: number;
  at: string;
  actor: Actor;
  kind: string;
  detail: Record<string, unknown>;
}

export const openSteps = ['intake', 'health', 'troubleshoot', 'decide', 'escalated', 'waitingOnIsv'] as const;

const toRow = (c: Case) => ({
  id: c.id,
  tenant_id: c.tenantId,
  version: c.version,
  step: c.step,
  owner_id: c.owner.id,
  team_id: c.teamId ?? null,
  customer_name: c.intake?.customer.name ?? null,
  created_at: c.createdAt,
  updated_at: c.updatedAt,
  data: JSON.stringify(c),
});

// Time-ordered ids: each new event lands at the end of the primary-key index instead of on a random page of it.
const eventRow = (e: CaseEvent) => ({
  id: orderedId(),
  case_id: e.caseId,
  version: e.version,
  at: e.at,
  actor_id: e.actor.id,
  actor_name: e.actor.name,
  kind: e.kind,
  detail: JSON.stringify(e.detail),
});

/** The event columns, in the order the PostgreSQL statements below read them from JSON. */
const eventColumns = sql.raw('id text, case_id text, version integer, at text, actor_id text, actor_name text, kind text, detail text');

export class CaseRepository {
  private statements: SqliteCaseStatements | undefined;
  private readonly writes: SqliteCaseWrites | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine = 'sqlite',
    /** Db.sqlite: the prepared-statement path for the reads and writes every click makes (src/store/sqliteCases.ts). */
    private readonly sqlite?: Db['sqlite'],
  ) {
    this.writes = sqlite ? new SqliteCaseWrites((work) => this.onSqlite(work)!) : undefined;
  }

  private onSqlite<T>(work: (s: SqliteCaseStatements) => T): Promise<T> | undefined {
    if (!this.sqlite) return undefined;
    return this.sqlite((file) => work((this.statements ??= new SqliteCaseStatements(file))));
  }

  /**
   * Inserts a new case with its first event; false when the id is taken (the caller draws another short id).
   * PostgreSQL: one statement (the event is inserted only from the case row actually inserted), so one round trip
   * instead of five (begin, check, insert, insert, commit). SQLite: a transaction without the existence check
   * (`on conflict do nothing` says whether the id was free).
   */
  async insert(c: Case, event: CaseEvent): Promise<boolean> {
    const row = toRow(c);
    if (this.engine === 'postgres') {
      const res = await sql`
        with inserted as (
          insert into cases (id, tenant_id, version, step, owner_id, team_id, customer_name, created_at, updated_at, data)
          values (${row.id}, ${row.tenant_id}, ${row.version}, ${row.step}, ${row.owner_id}, ${row.team_id}, ${row.customer_name}, ${row.created_at}, ${row.updated_at}, ${row.data})
          on conflict (id) do nothing
          returning id
        )
        insert into case_events (id, case_id, version, at, actor_id, actor_name, kind, detail)
        select e.id, e.case_id, e.version, e.at, e.actor_id, e.actor_name, e.kind, e.detail
        from inserted, jsonb_to_recordset(${JSON.stringify([eventRow(event)])}::jsonb) as e(${eventColumns})`.execute(this.db);
      return Number(res.numAffectedRows ?? 0) === 1;
    }
    if (this.writes) return this.writes.insert(row, eventRow(event));
    return this.db.transaction().execute(async (tx) => {
      const res = await tx.insertInto('cases').values(row).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
      if (Number(res.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
      await tx.insertInto('case_events').values(eventRow(event)).execute();
      return true;
    });
  }

  async get(id: string): Promise<Case | undefined> {
    const fast = this.onSqlite((s) => traced('select', () => s.get(id)));
    if (fast) {
      const data = await fast;
      return data === undefined ? undefined : (JSON.parse(data) as Case);
    }
    const row = await this.db.selectFrom('cases').select('data').where('id', '=', id).executeTakeFirst();
    return row ? (JSON.parse(row.data) as Case) : undefined;
  }

  /**
   * Optimistic concurrency: the write only lands if nobody saved since `expectedVersion` was read,
   * so two clicks on the same card can never both apply. The events are written with the case or not at all:
   * on PostgreSQL in one statement (the events are inserted only for the row the versioned update changed; a
   * statement is atomic), on SQLite in a transaction.
   */
  async save(c: Case, expectedVersion: number, events: CaseEvent[]): Promise<'saved' | 'conflict'> {
    const row = toRow(c);
    if (this.engine === 'postgres' && events.length) {
      const res = await sql`
        with updated as (
          update cases set tenant_id = ${row.tenant_id}, version = ${row.version}, step = ${row.step}, owner_id = ${row.owner_id},
            team_id = ${row.team_id}, customer_name = ${row.customer_name}, created_at = ${row.created_at}, updated_at = ${row.updated_at}, data = ${row.data}
          where id = ${row.id} and version = ${expectedVersion}
          returning id
        )
        insert into case_events (id, case_id, version, at, actor_id, actor_name, kind, detail)
        select e.id, e.case_id, e.version, e.at, e.actor_id, e.actor_name, e.kind, e.detail
        from updated, jsonb_to_recordset(${JSON.stringify(events.map(eventRow))}::jsonb) as e(${eventColumns})`.execute(this.db);
      return Number(res.numAffectedRows ?? 0) === events.length ? 'saved' : 'conflict';
    }
    if (this.writes) return this.writes.save(row, expectedVersion, events.map(eventRow));
    return this.db.transaction().execute(async (tx) => {
      const res = await tx
        .updateTable('cases')
        .set(row)
        .where('id', '=', c.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return 'conflict' as const;
      if (events.length) await tx.insertInto('case_events').values(events.map(eventRow)).execute();
      return 'saved' as const;
    });
  }

  /** Appends history without changing the case (e.g. a reminder was delivered). */
  async appendEvent(e: CaseEvent): Promise<void> {
    await this.db.insertInto('case_events').values(eventRow(e)).execute();
  }

  /** `withoutDrafts`: leave out cases still at intake (every "Start a case" click stores one; issue 13). */
  async list(tenantId: string, opts: { ownerId?: string; openOnly?: boolean; teamId?: string; limit?: number; withoutDrafts?: boolean } = {}): Promise<Case[]> {
    let q = this.db.selectFrom('cases').select('data').where('tenant_id', '=', tenantId);
    if (opts.withoutDrafts) q = q.where('step', '!=', 'intake');
    if (opts.ownerId) q = q.where('owner_id', '=', opts.ownerId);
    if (opts.teamId) q = q.where('team_id', '=', opts.teamId);
    if (opts.openOnly) q = q.where('step', 'in', [...openSteps]);
    const rows = await q.orderBy('updated_at', 'desc').limit(opts.limit ?? 50).execute();
    return rows.map((r) => JSON.parse(r.data) as Case);
  }

  async events(caseId: string): Promise<CaseEvent[]> {
    const rows = await this.db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('at').orderBy('version').execute();
    return rows.map((r) => ({
      caseId: r.case_id,
      version: r.version,
      at: r.at,
      actor: { id: r.actor_id, name: r.actor_name },
      kind: r.kind,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    }));
  }
}
