import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { PoolConfig } from 'pg';

/**
 * Pool settings for DATABASE_URL, with TLS decided here rather than by pg's own URL parser: pg currently treats
 * `sslmode=require` as `verify-full` (and warns that this will change), so the same URL would mean different things
 * across pg versions. We take libpq's meanings, which are what Azure's and PostgreSQL's documentation assume:
 *
 * - disable      no TLS
 * - require      TLS, server certificate not checked, unless a CA file is given (then checked against it, as libpq does)
 * - verify-ca    TLS, certificate chain checked (against the CA file, or Node's bundled roots), host name not checked
 * - verify-full  TLS, chain and host name checked (Azure Database for PostgreSQL's certificates chain to roots Node
 *                already trusts, so no CA file is needed there; DATABASE_CA_FILE adds a private or pinned root)
 *
 * No sslmode: pg's default (no TLS). The CA file is DATABASE_CA_FILE, else PGSSLROOTCERT (libpq's variable).
 */
export interface PgOptions {
  databaseUrl: string;
  poolMax?: number;
  caFile?: string;
}

const tlsParams = ['sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'uselibpqcompat', 'ssl'];

export function pgPoolConfig(opts: PgOptions): PoolConfig {
  const url = new URL(opts.databaseUrl);
  const mode = url.searchParams.get('sslmode') ?? undefined;
  const caFile = opts.caFile ?? url.searchParams.get('sslrootcert') ?? undefined;
  // Left in the URL, pg's parser would override the `ssl` object built here.
  for (const p of tlsParams) url.searchParams.delete(p);
  const config: PoolConfig = { connectionString: url.toString(), max: opts.poolMax ?? 10 };
  const ca = caFile ? readFileSync(caFile, 'utf8') : undefined;
  const withCa = (o: ConnectionOptions): ConnectionOptions => (ca ? { ...o, ca } : o);
  switch (mode) {
    case undefined:
      break;
    case 'disable':
      config.ssl = false;
      break;
    case 'require':
      config.ssl = ca ? withCa({ rejectUnauthorized: true, checkServerIdentity: () => undefined }) : { rejectUnauthorized: false };
      break;
    case 'verify-ca':
      config.ssl = withCa({ rejectUnauthorized: true, checkServerIdentity: () => undefined });
      break;
    case 'verify-full':
      config.ssl = withCa({ rejectUnauthorized: true });
      break;
    default:
      throw new Error(`DATABASE_URL: sslmode=${mode} is not supported; use disable, require, verify-ca or verify-full`);
  }
  return config;
}
