import type SqliteDatabase from 'better-sqlite3';
import { startStoreSpan } from '../telemetry/storeSpans.js';
import type { CaseRow, CaseRows, EventRow } from './caseRows.js';
import { EventLoopBatcher, type Settled } from './batcher.js';

/** One case write: a new case with its first event, or a versioned update with its events. */
export type CaseWrite =
  | { kind: 'insert'; row: CaseRow; event: EventRow }
  | { kind: 'save'; row: CaseRow; expectedVersion: number; events: EventRow[] };
type Outcome = boolean | 'saved' | 'conflict';

/**
 * The case reads and writes every card click makes, on SQLite, as prepared statements run in native better-sqlite3
 * transactions (issue 11); Kysely spent more CPU building the queries and awaiting BEGIN and COMMIT than SQLite spent
 * running them. The rules of CaseRows hold: a versioned update and its events commit together or not at all.
 *
 * The update sets only the columns a case can change. SQLite rewrites an index entry whenever one of the index's
 * columns is in the SET list, even when its value is unchanged, so setting `id` and `tenant_id` again (the case's
 * key and its tenant never change) dirtied the primary-key and tenant index pages on every click.
 */
export class SqliteCaseStatements {
  private readonly selectData;
  private readonly insertCase;
  private readonly updateCase;
  private readonly insertEvent;
  /** One write in its own transaction. */
  readonly one: (write: CaseWrite) => Outcome;
  /** Several writes in one transaction, applied in order (group commit, see sqliteCaseRows); each keeps its own outcome. */
  readonly many: (writes: CaseWrite[]) => Outcome[];

  constructor(file: SqliteDatabase.Database) {
    this.selectData = file.prepare<[string], { data: string }>('select data from cases where id = ?');
    this.insertCase = file.prepare<CaseRow>(
      `insert into cases (id, tenant_id, version, step, owner_id, team_id, customer_name, created_at, updated_at, data)
       values (@id, @tenant_id, @version, @step, @owner_id, @team_id, @customer_name, @created_at, @updated_at, @data)
       on conflict (id) do nothing`,
    );
    this.updateCase = file.prepare<CaseRow & { expected: number }>(
      `update cases set version = @version, step = @step, owner_id = @owner_id, team_id = @team_id,
         customer_name = @customer_name, updated_at = @updated_at, data = @data
       where id = @id and version = @expected`,
    );
    this.insertEvent = file.prepare<EventRow>(
      `insert into case_events (id, case_id, version, at, actor_id, actor_name, kind, detail)
       values (@id, @case_id, @version, @at, @actor_id, @actor_name, @kind, @detail)`,
    );
    this.one = file.transaction((w: CaseWrite) => this.apply(w));
    this.many = file.transaction((ws: CaseWrite[]) => ws.map((w) => this.apply(w)));
  }

  private apply(w: CaseWrite): Outcome {
    if (w.kind === 'insert') {
      if (this.insertCase.run(w.row).changes !== 1) return false;
      this.insertEvent.run(w.event);
      return true;
    }
    // A conflicting write changes nothing and adds no event; the others in the same transaction are unaffected.
    if (this.updateCase.run({ ...w.row, expected: w.expectedVersion }).changes !== 1) return 'conflict';
    for (const e of w.events) this.insertEvent.run(e);
    return 'saved';
  }

  get(id: string): string | undefined {
    return this.selectData.get(id)?.data;
  }
}

/** The SQLite implementation of CaseRows: prepared statements behind Kysely's connection, writes group-committed. */
export function sqliteCaseRows(sqlite: <T>(work: (file: SqliteDatabase.Database) => T) => Promise<T>): CaseRows {
  let statements: SqliteCaseStatements | undefined;
  const run = <T>(work: (s: SqliteCaseStatements) => T) => sqlite((file) => work((statements ??= new SqliteCaseStatements(file))));
  // Concurrent clicks share one transaction and one WAL write; the pages a commit writes (the events table's last page,
  // the index pages) are mostly the same for all of them. If the shared transaction fails (a constraint, say), each
  // write is tried alone so one bad write fails only its own click; not when another process holds the file locked
  // past busy_timeout, since each retry would block the event loop as long again.
  const writes = new EventLoopBatcher<CaseWrite, Outcome>(
    (batch) =>
      run((s) => {
        try {
          return s.many(batch).map((value): Settled<Outcome> => ({ ok: true, value }));
        } catch (error) {
          if ((error as { code?: unknown }).code === 'SQLITE_BUSY') return batch.map((): Settled<Outcome> => ({ ok: false, error }));
          return batch.map((w): Settled<Outcome> => {
            try {
              return { ok: true, value: s.one(w) };
            } catch (err) {
              return { ok: false, error: err };
            }
          });
        }
      }),
  );
  return {
    get: (id) =>
      run((s) => {
        const span = startStoreSpan('sqlite', 'select', 'cases');
        try {
          return s.get(id);
        } finally {
          span?.end();
        }
      }),
    insert: (row, event) => writes.submit({ kind: 'insert', row, event }, startStoreSpan('sqlite', 'insert', 'cases')) as Promise<boolean>,
    save: (row, expectedVersion, events) =>
      writes.submit({ kind: 'save', row, expectedVersion, events }, startStoreSpan('sqlite', 'update', 'cases')) as Promise<'saved' | 'conflict'>,
  };
}
