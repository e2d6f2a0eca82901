import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Migration, type MigrationProvider } from 'kysely';
import pg from 'pg';
import * as m001 from './migrations/001_initial.js';
import * as m002 from './migrations/002_directories.js';
import { pgPoolConfig } from './pgSsl.js';
import * as m004 from './migrations/004_people.js';
import type { Database } from './schema.js';
import { telemetryEnabled } from '../telemetry/index.js';
import { storeSpans } from '../telemetry/storeSpans.js';

export type Engine = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  engine: Engine;
  close(): Promise<void>;
  ping(): Promise<boolean>;
}

/** Migrations are compiled in, not read from a folder, so the built bot and the tests run the same list. */
const migrations: Record<string, Migration> = { '001_initial': m001, '002_directories': m002, '004_people': m004 };
const provider: MigrationProvider = { getMigrations: async () => migrations };

export interface DbOptions {
  databaseUrl?: string;
  sqlitePath: string;
  /** PostgreSQL pool size (DATABASE_POOL_MAX); each instance holds at most this many connections. */
  poolMax?: number;
  /** CA certificate file for sslmode=require/verify-ca/verify-full (DATABASE_CA_FILE or PGSSLROOTCERT). */
  caFile?: string;
}

export async function openDb(opts: DbOptions): Promise<Db> {
  let kysely: Kysely<Database>;
  let engine: Engine;
  if (opts.databaseUrl) {
    engine = 'postgres';
    const poolConfig = pgPoolConfig({ databaseUrl: opts.databaseUrl, ...(opts.poolMax ? { poolMax: opts.poolMax } : {}), ...(opts.caFile ? { caFile: opts.caFile } : {}) });
    kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool(poolConfig) }), plugins: telemetryEnabled() ? [storeSpans(engine)] : [] });
  } else {
    engine = 'sqlite';
    if (opts.sqlitePath !== ':memory:') mkdirSync(dirname(opts.sqlitePath), { recursive: true });
    const file = new SqliteDatabase(opts.sqlitePath);
    // WAL lets readers (readyz, `cases`) run while the reminder worker writes; busy_timeout covers a second process on the same file.
    file.pragma('journal_mode = WAL');
    file.pragma('busy_timeout = 5000');
    file.pragma('synchronous = NORMAL');
    kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: file }), plugins: telemetryEnabled() ? [storeSpans(engine)] : [] });
  }
  const { error, results } = await new Migrator({ db: kysely, provider }).migrateToLatest();
  if (error) {
    await kysely.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    kysely,
    engine,
    close: () => kysely.destroy(),
    ping: async () => {
      try {
        await sql`select 1`.execute(kysely);
        return true;
      } catch {
        return false;
      }
    },
  };
}
