import { startStoreSpan } from '../telemetry/storeSpans.js';
import type { CaseRow, CaseRows, EventRow } from './caseRows.js';

/** A query on the pool as a named (server-side prepared) statement. */
export type PreparedQuery = (name: string, text: string, values: unknown[]) => Promise<{ rows: Array<Record<string, unknown>>; rowCount: number | null }>;

// The event columns, in the order the statements below read them from JSON.
const fromEvents = `select e.id, e.case_id, e.version, e.at, e.actor_id, e.actor_name, e.kind, e.detail
  from %SOURCE%, jsonb_to_recordset($%N::jsonb)
    as e(id text, case_id text, version integer, at text, actor_id text, actor_name text, kind text, detail text)`;
const eventsFrom = (source: string, n: number) => fromEvents.replace('%SOURCE%', source).replace('%N', String(n));

const statements = {
  get: { name: 'csp_case_get', text: 'select data from cases where id = $1' },
  // One statement each, so one round trip, and the event rows are inserted only from the case row the statement
  // actually wrote: a statement is atomic, so the case and its events land together or not at all.
  insert: {
    name: 'csp_case_insert',
    text: `with inserted as (
        insert into cases (id, tenant_id, version, step, owner_id, team_id, customer_name, created_at, updated_at, data)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        on conflict (id) do nothing
        returning id
      )
      insert into case_events (id, case_id, version, at, actor_id, actor_name, kind, detail) ${eventsFrom('inserted', 11)}`,
  },
  // Only the columns a case can change (its id, tenant and creation time never do).
  save: {
    name: 'csp_case_save',
    text: `with updated as (
        update cases set version = $2, step = $3, owner_id = $4, team_id = $5, customer_name = $6, updated_at = $7, data = $8
        where id = $1 and version = $9
        returning id
      )
      insert into case_events (id, case_id, version, at, actor_id, actor_name, kind, detail) ${eventsFrom('updated', 10)}`,
  },
  saveWithoutEvents: {
    name: 'csp_case_save_bare',
    text: `update cases set version = $2, step = $3, owner_id = $4, team_id = $5, customer_name = $6, updated_at = $7, data = $8
      where id = $1 and version = $9`,
  },
} as const;

const updatedColumns = (r: CaseRow) => [r.id, r.version, r.step, r.owner_id, r.team_id, r.customer_name, r.updated_at, r.data];

/**
 * The PostgreSQL implementation of CaseRows (issue 11): named statements, which each pooled connection parses and
 * plans once instead of on every click (the save's CTE costs the server more to plan than to run), sent straight to
 * the pool rather than built by Kysely per call.
 */
export function postgresCaseRows(query: PreparedQuery): CaseRows {
  const traced = async <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    const span = startStoreSpan('postgres', operation, 'cases');
    try {
      return await work();
    } finally {
      span?.end();
    }
  };
  return {
    get: (id) =>
      traced('select', async () => {
        const res = await query(statements.get.name, statements.get.text, [id]);
        return res.rows[0]?.data as string | undefined;
      }),
    insert: (row: CaseRow, event: EventRow) =>
      traced('insert', async () => {
        const { name, text } = statements.insert;
        const res = await query(name, text, [row.id, row.tenant_id, row.version, row.step, row.owner_id, row.team_id, row.customer_name, row.created_at, row.updated_at, row.data, JSON.stringify([event])]);
        return res.rowCount === 1;
      }),
    save: (row: CaseRow, expectedVersion: number, events: EventRow[]) =>
      traced('update', async () => {
        if (!events.length) {
          const { name, text } = statements.saveWithoutEvents;
          const res = await query(name, text, [...updatedColumns(row), expectedVersion]);
          return res.rowCount === 1 ? 'saved' : 'conflict';
        }
        const { name, text } = statements.save;
        const res = await query(name, text, [...updatedColumns(row), expectedVersion, JSON.stringify(events)]);
        return res.rowCount === events.length ? 'saved' : 'conflict';
      }),
  };
}
