import type { CaseEventsTable, CasesTable } from './schema.js';

/** A cases row and a case_events row as CaseRepository writes them. */
export type CaseRow = CasesTable;
export type EventRow = CaseEventsTable;

/**
 * The reads and writes every card click makes, per engine (sqliteCases.ts, postgresCases.ts): a case's data by id,
 * a new case with its first event, and a versioned update with its events that lands only if nobody saved since
 * `expectedVersion` and then lands with all its events or not at all.
 */
export interface CaseRows {
  /** The case's JSON, or undefined. */
  get(id: string): Promise<string | undefined>;
  /** False when the id is taken; then nothing is written. */
  insert(row: CaseRow, event: EventRow): Promise<boolean>;
  save(row: CaseRow, expectedVersion: number, events: EventRow[]): Promise<'saved' | 'conflict'>;
}
