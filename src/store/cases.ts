import { sql, type Kysely } from 'kysely';
import type { CaseRows } from './caseRows.js';
import type { Engine } from './db.js';
import { orderedId } from './orderedId.js';
import type { Actor, Case, CaseListPlace, CaseListRow, CaseStep, Severity } from '../flow/case.js';
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
/** What the case lists show: open cases past intake (drafts are not listed, issue 13). */
const listedSteps = openSteps.filter((s) => s !== 'intake');

export interface CasePage {
  cases: CaseListRow[];
  /** Absent on the last page. */
  next?: CaseListPlace;
  total: number;
}

/**
 * A text field of the case's JSON (the `data` column), read by the database. The path is a constant of this file,
 * never input, so it is written into the query as a literal.
 */
function caseField(engine: Engine, ...path: string[]) {
  return engine === 'postgres' ? sql<string | null>`(data::jsonb #>> ${sql.lit(`{${path.join(',')}}`)})` : sql<string | null>`json_extract(data, ${sql.lit(`$.${path.join('.')}`)})`;
}

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

export class CaseRepository {
  constructor(
    private readonly db: Kysely<Database>,
    /** The reads and writes every click makes, per engine (src/store/sqliteCases.ts, postgresCases.ts). */
    private readonly rows: CaseRows,
    private readonly engine: Engine,
  ) {}

  /** Inserts a new case with its first event; false when the id is taken (the caller draws another short id). */
  insert(c: Case, event: CaseEvent): Promise<boolean> {
    return this.rows.insert(toRow(c), eventRow(event));
  }

  async get(id: string): Promise<Case | undefined> {
    const data = await this.rows.get(id);
    return data === undefined ? undefined : (JSON.parse(data) as Case);
  }

  /**
   * Optimistic concurrency: the write only lands if nobody saved since `expectedVersion` was read,
   * so two clicks on the same card can never both apply. The events are written with the case or not at all.
   */
  save(c: Case, expectedVersion: number, events: CaseEvent[]): Promise<'saved' | 'conflict'> {
    return this.rows.save(toRow(c), expectedVersion, events.map(eventRow));
  }

  /** Appends history without changing the case (e.g. a reminder was delivered). */
  async appendEvent(e: CaseEvent): Promise<void> {
    await this.db.insertInto('case_events').values(eventRow(e)).execute();
  }

  /** `withoutDrafts`: leave out cases still at intake (every "Start a case" click stores one; issue 13). */
  async list(tenantId: string, opts: { openOnly?: boolean; teamId?: string; limit?: number; withoutDrafts?: boolean } = {}): Promise<Case[]> {
    let q = this.db.selectFrom('cases').select('data').where('tenant_id', '=', tenantId);
    if (opts.withoutDrafts) q = q.where('step', '!=', 'intake');
    if (opts.teamId) q = q.where('team_id', '=', opts.teamId);
    if (opts.openOnly) q = q.where('step', 'in', [...openSteps]);
    const rows = await q.orderBy('updated_at', 'desc').limit(opts.limit ?? 50).execute();
    return rows.map((r) => JSON.parse(r.data) as Case);
  }

  /**
   * One page of a case list (`cases`, `cases all`): open cases past intake, most recently updated first, continuing
   * after `after` (the previous page's last case). Keyset, not offset, so a case updated while the agent pages moves
   * to the top instead of shifting every later page by one. `total` counts the whole list for the "21–40 of 347" line.
   */
  async openPage(tenantId: string, opts: { ownerId?: string; after?: CaseListPlace; size: number }): Promise<CasePage> {
    let listed = this.db.selectFrom('cases').where('tenant_id', '=', tenantId).where('step', 'in', listedSteps);
    if (opts.ownerId) listed = listed.where('owner_id', '=', opts.ownerId);
    let q = listed.select([
      'id',
      'step',
      'updated_at',
      'customer_name',
      caseField(this.engine, 'owner', 'name').as('owner_name'),
      caseField(this.engine, 'intake', 'severity').as('severity'),
      caseField(this.engine, 'reminderFailure').as('reminder_failure'),
    ]);
    const after = opts.after;
    if (after) q = q.where((eb) => eb.or([eb('updated_at', '<', after.updatedAt), eb.and([eb('updated_at', '=', after.updatedAt), eb('id', '<', after.id)])]));
    const [rows, counted] = await Promise.all([
      q.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(opts.size + 1).execute(),
      listed.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const page = rows.slice(0, opts.size);
    const last = page[page.length - 1];
    return {
      cases: page.map((r) => ({
        id: r.id,
        step: r.step as CaseStep,
        updatedAt: r.updated_at,
        ownerName: r.owner_name ?? '',
        ...(r.customer_name !== null ? { customerName: r.customer_name } : {}),
        ...(r.severity !== null ? { severity: r.severity as Severity } : {}),
        reminderFailed: r.reminder_failure !== null,
      })),
      next: rows.length > opts.size && last ? { updatedAt: last.updated_at, id: last.id } : undefined,
      total: Number(counted.n),
    };
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
