import type SqliteDatabase from 'better-sqlite3';
import type { Span } from '@opentelemetry/api';
import { startStoreSpan } from '../telemetry/storeSpans.js';
import type { CaseRow, CaseRows, EventRow } from './caseRows.js';

/** One case write: a new case with its first event, or a versioned update with its events. */
export type CaseWrite =
  | { kind: 'insert'; row: CaseRow; event: EventRow }
  | { kind: 'save'; row: CaseRow; expectedVersion: number; events: EventRow[] };
type Outcome = boolean | 'saved' | 'conflict';

/**
 * The case reads and writes every card click makes, on SQLite, as prepared statements run in native better-sqlite3
 * transactions (issue 11). Kysely spent more CPU building the queries and awaiting BEGIN and COMMIT than SQLite spent
 * running them. Same semantics as the Kysely path: a versioned update and its events commit together or not at all.
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
  /** Several writes in one transaction (see SqliteCaseWrites); each keeps its own outcome. */
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

interface Queued {
  write: CaseWrite;
  span: Span | undefined;
  resolve: (o: Outcome) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit: the case writes asked for while the event loop handles one batch of I/O (many agents clicking at
 * once) go to SQLite in one transaction, written once to the WAL, instead of one commit each. A commit's cost is the
 * pages it writes and locks it takes, and concurrent clicks share most of those pages (the events table's last page,
 * the index pages), so the WAL writes per click fall as the load rises. Each write still gets its own outcome: its
 * version check and its events are its own. If the shared transaction fails (a constraint, say), every write in it
 * is tried again alone, so one bad write fails only its own click; not when the file is locked by another process,
 * since each retry would block for busy_timeout again. A lone click waits one event-loop turn.
 */
export class SqliteCaseWrites {
  private queue: Queued[] = [];

  constructor(private readonly run: <T>(work: (s: SqliteCaseStatements) => T) => Promise<T>) {}

  insert(row: CaseRow, event: EventRow): Promise<boolean> {
    return this.submit({ kind: 'insert', row, event }, 'insert') as Promise<boolean>;
  }

  save(row: CaseRow, expectedVersion: number, events: EventRow[]): Promise<'saved' | 'conflict'> {
    return this.submit({ kind: 'save', row, expectedVersion, events }, 'update') as Promise<'saved' | 'conflict'>;
  }

  private submit(write: CaseWrite, operation: string): Promise<Outcome> {
    return new Promise<Outcome>((resolve, reject) => {
      // The span starts here, in the turn's context, which the flush below no longer has.
      this.queue.push({ write, span: startStoreSpan('sqlite', operation, 'cases'), resolve, reject });
      if (this.queue.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    let outcomes: Array<{ ok: true; value: Outcome } | { ok: false; error: unknown }>;
    try {
      outcomes = await this.run((s) => {
        try {
          return s.many(batch.map((q) => q.write)).map((value) => ({ ok: true as const, value }));
        } catch (error) {
          // Locked by another process past busy_timeout: alone, each write would wait as long again.
          if ((error as { code?: unknown }).code === 'SQLITE_BUSY') return batch.map(() => ({ ok: false as const, error }));
          return batch.map((q) => {
            try {
              return { ok: true as const, value: s.one(q.write) };
            } catch (error) {
              return { ok: false as const, error };
            }
          });
        }
      });
    } catch (error) {
      outcomes = batch.map(() => ({ ok: false as const, error }));
    }
    batch.forEach((q, i) => {
      q.span?.end();
      const o = outcomes[i]!;
      if (o.ok) q.resolve(o.value);
      else q.reject(o.error);
    });
  }
}
/** The SQLite implementation of CaseRows: prepared statements behind Kysely's connection, writes group-committed. */
export function sqliteCaseRows(sqlite: <T>(work: (file: SqliteDatabase.Database) => T) => Promise<T>): CaseRows {
  let statements: SqliteCaseStatements | undefined;
  const run = <T>(work: (s: SqliteCaseStatements) => T) => sqlite((file) => work((statements ??= new SqliteCaseStatements(file))));
  const writes = new SqliteCaseWrites(run);
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
    insert: (row, event) => writes.insert(row, event),
    save: (row, expectedVersion, events) => writes.save(row, expectedVersion, events),
  };
}
