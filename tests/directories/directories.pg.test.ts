import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryCustomer } from '../../src/customers/directory.js';
import { liveDirectories } from '../../src/directories/live.js';
import { openStore, type Store } from '../../src/store/index.js';

/** The directory tables on a real PostgreSQL (fresh database from TEST_DATABASE_URL): the engine several instances share. */
const adminUrl = process.env.TEST_DATABASE_URL;
const run = adminUrl ? describe : describe.skip;

const customer = (id: string, name: string): DirectoryCustomer => ({
  id,
  name,
  cloud: 'commercial',
  domain: `${id}.onmicrosoft.com`,
  relationship: { hasAdminRights: true, azureOnly: false, indirectReseller: false },
});

run('directories on PostgreSQL', () => {
  const dbName = `csp_dirs_${randomBytes(4).toString('hex')}`;
  const stores: Store[] = [];
  const open = async () => {
    const u = new URL(adminUrl!);
    u.pathname = `/${dbName}`;
    const s = await openStore({ databaseUrl: u.toString(), sqlitePath: ':memory:', poolMax: 3 });
    stores.push(s);
    return s;
  };

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  it('two instances seeding at the same moment store each customer once; an import is seen by the other at once', async () => {
    const [a, b] = [await open(), await open()];
    const seed = [customer('contoso', 'Contoso Ltd'), customer('fabrikam', 'Fabrikam Inc')];
    const added = await Promise.all([a.directories.seedCustomers(seed, '2026-11-30T10:00:00.000Z'), b.directories.seedCustomers(seed, '2026-11-30T10:00:00.000Z')]);
    expect(added.reduce((x, y) => x + y, 0)).toBe(2);
    const live = liveDirectories(b.directories);
    expect((await live.customers()).all().map((c) => c.id)).toEqual(['contoso', 'fabrikam']);

    const r = await a.directories.writeCustomers([customer('northwind', 'Northwind Traders')], 'import', '2026-11-30T11:00:00.000Z', 'replace');
    expect(r).toMatchObject({ inserted: 1, updated: 0, removed: 2 });
    expect((await live.customers()).all().map((c) => c.id)).toEqual(['northwind']);
    expect(await b.directories.version('customers')).toBe(r.version);
  });
});
