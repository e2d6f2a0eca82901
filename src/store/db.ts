import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Migration, type MigrationProvider } from 'kysely';
import * as m001 from './migrations/001_initial.js';
import * as m002 from './migrations/002_directories.js';
import * as m004 from './migrations/004_azure_ticket_watch.js';
import { pgPoolConfig } from './pgSsl.js';
import * as m003 from './migrations/003_partner_center.js';
import * as m005 from './migrations/005_people.js';
import * as m006 from './migrations/006_case_lists.js';
import type { Database } from './schema.js';
import type { PreparedQuery } from './postgresCases.js';
import { telemetryEnabled } from '../telemetry/index.js';
import { storeSpans } from '../telemetry/storeSpans.js';

export type Engine = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  engine: Engine;
  close(): Promise<void>;
  ping(): Promise<boolean>;
  /**
   * SQLite only: runs synchronous better-sqlite3 work while holding Kysely's one connection, so it can never land
   * inside another caller's open transaction (Kysely keeps the connection for a transaction's whole life). For the
   * hot case reads and writes, which take one prepared statement or one native transaction instead of Kysely's
   * query building and its BEGIN/COMMIT round trips (issue 11).
   */
  sqlite?: <T>(work: (file: SqliteDatabase.Database) => T) => Promise<T>;
  /** PostgreSQL only: a named (server-side prepared) statement on Kysely's pool, for the same hot reads and writes. */
  postgres?: PreparedQuery;
}

/** Migrations are compiled in, not read from a folder, so the built bot and the tests run the same list. */
const migrations: Record<string, Migration> = { '001_initial': m001, '002_directories': m002, '003_partner_center': m003, '004_azure_ticket_watch': m004, '005_people': m005, '006_case_lists': m006 };
const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Kysely's SQLite driver calls `prepare(sql)` for every query it runs, and compiling SQL costs SQLite more than
 * running our small keyed statements (issue 11: cases.get 38 → 27 µs of CPU, get + save ~310 → ~245 µs, steady state).
 * Kysely renders the same text for the same query shape, so prepared statements are kept by their SQL. Safe because
 * the driver runs one query at a time behind its connection mutex and finishes each (`all`/`run`) before the next;
 * nothing here streams (`iterate`), which would hold a statement busy. Bounded: shapes with variable-length `in (…)`
 * lists make new texts, so the map is cleared when it grows past what the app's own queries need.
 */
function withStatementCache(file: SqliteDatabase.Database) {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => file.close(),
    prepare: (text: string) => {
      let stmt = statements.get(text);
      if (!stmt) {
        if (statements.size >= 500) statements.clear();
        stmt = file.prepare(text);
        statements.set(text, stmt);
      }
      return stmt;
    },
  };
}

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
  let file: SqliteDatabase.Database | undefined;
  let prepared: PreparedQuery | undefined;
  if (opts.databaseUrl) {
    engine = 'postgres';
    // Loaded only for PostgreSQL: the embedded default never pays its heap (issue 11, peak RSS).
    const { default: pg } = await import('pg');
    const poolConfig = pgPoolConfig({ databaseUrl: opts.databaseUrl, ...(opts.poolMax ? { poolMax: opts.poolMax } : {}), ...(opts.caFile ? { caFile: opts.caFile } : {}) });
    const pool = new pg.Pool(poolConfig);
    prepared = async (name, text, values) => pool.query({ name, text, values });
    kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: telemetryEnabled() ? [storeSpans(engine)] : [] });
  } else {
    engine = 'sqlite';
    if (opts.sqlitePath !== ':memory:') mkdirSync(dirname(opts.sqlitePath), { recursive: true });
    file = new SqliteDatabase(opts.sqlitePath);
    // WAL lets readers (readyz, `cases`) run while the reminder worker writes; busy_timeout covers a second process on the same file.
    file.pragma('journal_mode = WAL');
    file.pragma('busy_timeout = 5000');
    file.pragma('synchronous = NORMAL');
    // SQLite's own default page cache (2 MB; better-sqlite3 builds with 16 MB): the hot path is point reads and writes by
    // key, the pages come from the OS file cache, and 14 MB less RSS per process matters in a small container (issue 11).
    file.pragma('cache_size = -2000');
    kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(file) }), plugins: telemetryEnabled() ? [storeSpans(engine)] : [] });
  }
  const { error, results } = await new Migrator({ db: kysely, provider }).migrateToLatest();
  if (error) {
    await kysely.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const sqliteFile = file;
  return {
    kysely,
    engine,
    ...(prepared ? { postgres: prepared } : {}),
    ...(sqliteFile ? { sqlite: <T>(work: (f: SqliteDatabase.Database) => T) => kysely.connection().execute(async () => work(sqliteFile)) } : {}),
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
