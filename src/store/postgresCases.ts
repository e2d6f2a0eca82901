import { startStoreSpan } from '../telemetry/storeSpans.js';
import type { CaseRow, CaseRows, EventRow } from './caseRows.js';
import { EventLoopBatcher, oneByOne, type Settled } from './batcher.js';

/** A query on the pool as a named (server-side prepared) statement. */
export type PreparedQuery = (name: string, text: string, values: unknown[]) => Promise<{ rows: Array<Record<string, unknown>>; rowCount: number | null }>;

// The event rows of a statement, read from its JSON parameter and inserted only beside the case row it wrote.
const eventColumns = 'id, case_id, version, at, actor_id, actor_name, kind, detail';
const insertEvents = `insert into case_events (${eventColumns}) select e.id, e.case_id, e.version, e.at, e.actor_id, e.actor_name, e.kind, e.detail`;
const eventRecord = 'e(id text, case_id text, version integer, at text, actor_id text, actor_name text, kind text, detail text)';
/** The events of parameter $n, inserted only if `written` (the CTE of the case row) holds a row. */
const eventsFrom = (written: string, n: number) => `${insertEvents} from ${written}, jsonb_to_recordset($${n}::jsonb) as ${eventRecord}`;
/** Each input row's own events, inserted only for the input rows that `written` holds. */
const eventsOfInput = (written: string) => `${insertEvents} from input i join ${written} w on w.id = i.id, jsonb_to_recordset(i.events) as ${eventRecord}`;

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
      ${eventsFrom('inserted', 11)}`,
  },
  // Only the columns a case can change (its id, tenant and creation time never do).
  save: {
    name: 'csp_case_save',
    text: `with updated as (
        update cases set version = $2, step = $3, owner_id = $4, team_id = $5, customer_name = $6, updated_at = $7, data = $8
        where id = $1 and version = $9
        returning id
      )
      ${eventsFrom('updated', 10)}`,
  },
  // The batched forms (group commit): one statement for every click of one event-loop turn. Input rows carry their
  // own events; a case's events are inserted only if its own row was written. Never two rows for one case per batch.
  getMany: { name: 'csp_case_get_many', text: 'select id, data from cases where id = any($1::text[])' },
  insertMany: {
    name: 'csp_case_insert_many',
    text: `with input as (
        select * from jsonb_to_recordset($1::jsonb) as i(id text, tenant_id text, version integer, step text, owner_id text,
          team_id text, customer_name text, created_at text, updated_at text, data text, events jsonb)
      ), inserted as (
        insert into cases (id, tenant_id, version, step, owner_id, team_id, customer_name, created_at, updated_at, data)
        select id, tenant_id, version, step, owner_id, team_id, customer_name, created_at, updated_at, data from input
        on conflict (id) do nothing
        returning id
      ), events as (
        ${eventsOfInput('inserted')}
      )
      select id from inserted`,
  },
  saveMany: {
    name: 'csp_case_save_many',
    text: `with input as (
        select * from jsonb_to_recordset($1::jsonb) as i(id text, version integer, step text, owner_id text, team_id text,
          customer_name text, updated_at text, data text, expected integer, events jsonb)
      ), updated as (
        update cases c set version = i.version, step = i.step, owner_id = i.owner_id, team_id = i.team_id,
          customer_name = i.customer_name, updated_at = i.updated_at, data = i.data
        from input i where c.id = i.id and c.version = i.expected
        returning c.id
      ), events as (
        ${eventsOfInput('updated')}
      )
      select id from updated`,
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
 * the pool rather than built by Kysely per call; and group commit (batcher.ts): the reads, inserts and saves of
 * one event-loop turn go as one statement each, one round trip and one server transaction for all the clicks.
 */
export function postgresCaseRows(query: PreparedQuery): CaseRows {
  const one = {
    get: async (id: string) => (await query(statements.get.name, statements.get.text, [id])).rows[0]?.data as string | undefined,
    insert: async ({ row, event }: InsertJob) => {
      const res = await query(statements.insert.name, statements.insert.text, [row.id, row.tenant_id, row.version, row.step, row.owner_id, row.team_id, row.customer_name, row.created_at, row.updated_at, row.data, JSON.stringify([event])]);
      return res.rowCount === 1;
    },
    save: async ({ row, expectedVersion, events }: SaveJob): Promise<'saved' | 'conflict'> => {
      if (!events.length) {
        const res = await query(statements.saveWithoutEvents.name, statements.saveWithoutEvents.text, [...updatedColumns(row), expectedVersion]);
        return res.rowCount === 1 ? 'saved' : 'conflict';
      }
      const res = await query(statements.save.name, statements.save.text, [...updatedColumns(row), expectedVersion, JSON.stringify(events)]);
      return res.rowCount === events.length ? 'saved' : 'conflict';
    },
  };
  /** A batch of one goes as the single statement; a failed batch is retried job by job, so one bad job fails alone. */
  const batched = <J, R>(many: (jobs: J[]) => Promise<R[]>, single: (job: J) => Promise<R>, keyOf?: (job: J) => string) =>
    new EventLoopBatcher<J, R>(async (jobs) => {
      if (jobs.length === 1) return oneByOne(jobs, single);
      try {
        return (await many(jobs)).map((value): Settled<R> => ({ ok: true, value }));
      } catch {
        return oneByOne(jobs, single);
      }
    }, keyOf);

  const gets = batched<string, string | undefined>(async (ids) => {
    const res = await query(statements.getMany.name, statements.getMany.text, [[...new Set(ids)]]);
    const byId = new Map(res.rows.map((r) => [r.id as string, r.data as string]));
    return ids.map((id) => byId.get(id));
  }, one.get);
  const inserts = batched<InsertJob, boolean>(
    async (jobs) => {
      const input = jobs.map(({ row, event }) => ({ ...row, events: [event] }));
      const res = await query(statements.insertMany.name, statements.insertMany.text, [JSON.stringify(input)]);
      const written = new Set(res.rows.map((r) => r.id as string));
      return jobs.map((j) => written.has(j.row.id));
    },
    one.insert,
    (j) => j.row.id,
  );
  const saves = batched<SaveJob, 'saved' | 'conflict'>(
    async (jobs) => {
      const input = jobs.map(({ row, expectedVersion, events }) => ({ ...row, expected: expectedVersion, events }));
      const res = await query(statements.saveMany.name, statements.saveMany.text, [JSON.stringify(input)]);
      const written = new Set(res.rows.map((r) => r.id as string));
      return jobs.map((j) => (written.has(j.row.id) ? 'saved' : 'conflict'));
    },
    one.save,
    (j) => j.row.id,
  );
  return {
    get: (id) => gets.submit(id, startStoreSpan('postgres', 'select', 'cases')),
    insert: (row, event) => inserts.submit({ row, event }, startStoreSpan('postgres', 'insert', 'cases')),
    save: (row, expectedVersion, events) => saves.submit({ row, expectedVersion, events }, startStoreSpan('postgres', 'update', 'cases')),
  };
}

interface InsertJob {
  row: CaseRow;
  event: EventRow;
}
interface SaveJob {
  row: CaseRow;
  expectedVersion: number;
  events: EventRow[];
}
