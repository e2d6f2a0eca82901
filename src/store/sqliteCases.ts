import type SqliteDatabase from 'better-sqlite3';
import { startStoreSpan } from '../telemetry/storeSpans.js';

/** A cases row and a case_events row as CaseRepository writes them. */
export interface CaseRow {
  id: string;
  tenant_id: string;
  version: number;
  step: string;
  owner_id: string;
  team_id: string | null;
  customer_name: string | null;
  created_at: string;
  updated_at: string;
  data: string;
}
export interface EventRow {
  id: string;
  case_id: string;
  version: number;
  at: string;
  actor_id: string;
  actor_name: string;
  kind: string;
  detail: string;
}

/**
 * The case reads and writes every card click makes, on SQLite, as prepared statements run in one native
 * better-sqlite3 transaction (issue 11). Kysely spent more CPU building the queries and awaiting BEGIN and COMMIT
 * than SQLite spent running them. Same semantics as the Kysely path: the versioned update and its events commit
 * together or not at all.
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
  readonly insert: (row: CaseRow, event: EventRow) => boolean;
  readonly save: (row: CaseRow, expectedVersion: number, events: EventRow[]) => 'saved' | 'conflict';

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
    this.insert = file.transaction((row: CaseRow, event: EventRow) => {
      if (this.insertCase.run(row).changes !== 1) return false;
      this.insertEvent.run(event);
      return true;
    });
    this.save = file.transaction((row: CaseRow, expectedVersion: number, events: EventRow[]) => {
      if (this.updateCase.run({ ...row, expected: expectedVersion }).changes !== 1) return 'conflict' as const;
      for (const e of events) this.insertEvent.run(e);
      return 'saved' as const;
    });
  }

  get(id: string): string | undefined {
    return this.selectData.get(id)?.data;
  }
}

/** Runs one of the statements above with the store span a Kysely query would have had. */
export function traced<T>(operation: string, work: () => T): T {
  const span = startStoreSpan('sqlite', operation, 'cases');
  try {
    return work();
  } finally {
    span?.end();
  }
}
