import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pgPoolConfig } from '../../src/store/pgSsl.js';

const dir = mkdtempSync(join(tmpdir(), 'csp-ca-'));
const ca = join(dir, 'root.pem');
writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB...test...\n-----END CERTIFICATE-----\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const url = 'postgres://desk:secret@desk.postgres.database.azure.com:5432/desk';

describe('DATABASE_URL sslmode (libpq meanings, decided by us rather than by the pg version)', () => {
  it('no sslmode: pg default; pool size from DATABASE_POOL_MAX (default 10)', () => {
    expect(pgPoolConfig({ databaseUrl: url })).toEqual({ connectionString: url, max: 10 });
    expect(pgPoolConfig({ databaseUrl: url, poolMax: 3 }).max).toBe(3);
  });

  it('disable: no TLS, and the parameter is gone from the URL pg parses (it would override ours)', () => {
    const c = pgPoolConfig({ databaseUrl: `${url}?sslmode=disable&application_name=desk` });
    expect(c.ssl).toBe(false);
    expect(c.connectionString).toBe(`${url}?application_name=desk`);
  });

  it('require: encrypted without checking the certificate; with a CA file, checked against it (host name not)', () => {
    expect(pgPoolConfig({ databaseUrl: `${url}?sslmode=require` }).ssl).toEqual({ rejectUnauthorized: false });
    const withCa = pgPoolConfig({ databaseUrl: `${url}?sslmode=require`, caFile: ca }).ssl as Record<string, unknown>;
    expect(withCa.rejectUnauthorized).toBe(true);
    expect(withCa.ca).toContain('BEGIN CERTIFICATE');
    expect((withCa.checkServerIdentity as () => unknown)()).toBeUndefined();
  });

  it('verify-full: chain and host name checked; the CA file (or sslrootcert in the URL) adds a root', () => {
    expect(pgPoolConfig({ databaseUrl: `${url}?sslmode=verify-full` }).ssl).toEqual({ rejectUnauthorized: true });
    const c = pgPoolConfig({ databaseUrl: `${url}?sslmode=verify-full&sslrootcert=${encodeURIComponent(ca)}` });
    expect(c.ssl).toMatchObject({ rejectUnauthorized: true, ca: expect.stringContaining('BEGIN CERTIFICATE') });
    expect((c.ssl as Record<string, unknown>).checkServerIdentity).toBeUndefined();
    expect(c.connectionString).toBe(url);
  });

  it('verify-ca: chain checked, host name not', () => {
    const ssl = pgPoolConfig({ databaseUrl: `${url}?sslmode=verify-ca`, caFile: ca }).ssl as Record<string, unknown>;
    expect(ssl.rejectUnauthorized).toBe(true);
    expect(typeof ssl.checkServerIdentity).toBe('function');
  });

  it('an unknown mode is refused rather than guessed', () => {
    expect(() => pgPoolConfig({ databaseUrl: `${url}?sslmode=prefer` })).toThrow(/sslmode=prefer is not supported/);
  });
});
