import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { liveDirectories } from '../../src/directories/live.js';
import { ImportError, importDirectoryFile, isvKey } from '../../src/directories/importFile.js';
import { seedDirectories, seedFiles } from '../../src/directories/seed.js';
import { lookupIsv } from '../../src/isv/directory.js';
import { openStore, type Store } from '../../src/store/index.js';

const root = mkdtempSync(join(tmpdir(), 'csp-dirs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const at = '2026-11-30T10:00:00.000Z';
const silent = pino({ level: 'silent' });

function file(name: string, text: string): string {
  const p = join(root, `${++n}-${name}`);
  writeFileSync(p, text);
  return p;
}

const customersCsv = (rows: string[]) => file('customers.csv', ['id,name,tenantId,domain,cloud,hasAdminRights,azureOnly,indirectReseller', ...rows].join('\n'));
const contoso = 'contoso,Contoso Ltd,435bb064-3ad9-4a2a-803c-abb2aa428026,contoso.onmicrosoft.com,commercial,yes,no,no';
const fabrikam = 'fabrikam,Fabrikam Inc,,fabrikam.com,commercial,no,yes,no';
const wingtip = 'wingtip-cn,Wingtip Toys 上海,,wingtipsh.partner.onmschina.cn,china21v,yes,no,no';

let sqlitePath = '';
let store: Store;
beforeEach(async () => {
  await store?.close();
  sqlitePath = join(root, `${++n}.db`);
  store = await openStore({ sqlitePath });
  return async () => store.close();
});

describe('customers in the store', () => {
  it('an import stores every field and the intake picker reads them back by name', async () => {
    const r = await importDirectoryFile(store.directories, 'customers', customersCsv([fabrikam, contoso]), { mode: 'replace', at });
    expect(r).toMatchObject({ total: 2, inserted: 2, updated: 0, removed: 0, version: 1 });
    const dir = await liveDirectories(store.directories).customers();
    expect(dir.all().map((c) => c.id)).toEqual(['contoso', 'fabrikam']);
    expect(dir.find('Contoso Ltd')).toMatchObject({
      id: 'contoso',
      name: 'Contoso Ltd',
      tenantId: '435bb064-3ad9-4a2a-803c-abb2aa428026',
      domain: 'contoso.onmicrosoft.com',
      cloud: 'commercial',
      relationship: { hasAdminRights: true, azureOnly: false, indirectReseller: false },
    });
    expect((await store.directories.listCustomers()).map((c) => [c.id, c.source, c.updatedAt])).toEqual([
      ['contoso', 'import', at],
      ['fabrikam', 'import', at],
    ]);
  });

  it('the same row and field errors as the start-up check, and nothing is written', async () => {
    await importDirectoryFile(store.directories, 'customers', customersCsv([contoso]), { mode: 'replace', at });
    const bad = customersCsv([fabrikam, 'x,Bad Tenant,not-a-guid,bad.onmicrosoft.com,commercial,,,', 'y,,,y.com,mars,,,']);
    const err = await importDirectoryFile(store.directories, 'customers', bad, { mode: 'replace', at }).catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).lines.slice(1)).toEqual([
      '  line 3, field tenantId: not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)',
      '  line 4, field name: required',
      '  line 4, field cloud: one of commercial, usgov, china21v',
    ]);
    expect((await store.directories.listCustomers()).map((c) => c.id)).toEqual(['contoso']);
    expect(await store.directories.version('customers')).toBe(1);
  });

  it('replace makes the file the whole imported list but keeps Partner Center rows; merge only adds and updates', async () => {
    await store.directories.writeCustomers(
      [{ id: 'pc-1', name: 'Synced Customer', cloud: 'commercial', domain: 'synced.onmicrosoft.com', relationship: { hasAdminRights: true, azureOnly: false, indirectReseller: false } }],
      'partnerCenter',
      at,
      'merge',
    );
    await importDirectoryFile(store.directories, 'customers', customersCsv([contoso, fabrikam]), { mode: 'replace', at });
    const r = await importDirectoryFile(store.directories, 'customers', customersCsv([contoso.replace('Contoso Ltd', 'Contoso Limited'), wingtip]), { mode: 'replace', at });
    expect(r).toMatchObject({ inserted: 1, updated: 1, removed: 1 });
    const rows = await store.directories.listCustomers();
    expect(rows.map((c) => [c.id, c.name, c.source])).toEqual([
      ['contoso', 'Contoso Limited', 'import'],
      ['pc-1', 'Synced Customer', 'partnerCenter'],
      ['wingtip-cn', 'Wingtip Toys 上海', 'import'],
    ]);
    const merged = await importDirectoryFile(store.directories, 'customers', customersCsv([fabrikam]), { mode: 'merge', at });
    expect(merged).toMatchObject({ inserted: 1, updated: 0, removed: 0 });
    expect((await store.directories.listCustomers()).map((c) => c.id)).toEqual(['contoso', 'fabrikam', 'pc-1', 'wingtip-cn']);
  });

  it('a second instance on the same store sees an import on its next read; an unchanged version costs no reload', async () => {
    const other = await openStore({ sqlitePath });
    try {
      let lists = 0;
      const counting = { ...other.directories, version: other.directories.version.bind(other.directories), listIsv: other.directories.listIsv.bind(other.directories), listCustomers: async () => (lists++, other.directories.listCustomers()) };
      const live = liveDirectories(counting);
      expect((await live.customers()).all()).toEqual([]);
      await live.customers();
      expect(lists).toBe(1);
      await importDirectoryFile(store.directories, 'customers', customersCsv([contoso]), { mode: 'replace', at });
      expect((await live.customers()).all().map((c) => c.name)).toEqual(['Contoso Ltd']);
      expect(lists).toBe(2);
      await live.customers();
      expect(lists).toBe(2);
    } finally {
      await other.close();
    }
  });

  it('the file settings seed an empty store once, and never overwrite what an import put there', async () => {
    const seed = customersCsv([contoso, fabrikam]);
    await seedDirectories(store.directories, { customers: seed }, at, silent);
    expect((await store.directories.listCustomers()).map((c) => [c.id, c.source])).toEqual([
      ['contoso', 'file'],
      ['fabrikam', 'file'],
    ]);
    await importDirectoryFile(store.directories, 'customers', customersCsv([wingtip]), { mode: 'replace', at });
    await seedDirectories(store.directories, { customers: seed }, at, silent);
    expect((await store.directories.listCustomers()).map((c) => c.id)).toEqual(['wingtip-cn']);
  });

  it('production seeds only files it is given; a local run falls back to the demo files', () => {
    expect(seedFiles({ NODE_ENV: 'production', CUSTOMERS_FILE: undefined, ISV_DIRECTORY_FILE: undefined })).toEqual({});
    expect(seedFiles({ NODE_ENV: 'production', CUSTOMERS_FILE: '/etc/desk/customers.csv', ISV_DIRECTORY_FILE: undefined })).toEqual({ customers: '/etc/desk/customers.csv' });
    expect(seedFiles({ NODE_ENV: 'development', CUSTOMERS_FILE: undefined, ISV_DIRECTORY_FILE: undefined })).toEqual({
      customers: './config/customers.demo.json',
      isv: './config/isv-directory.json',
    });
  });
});

const isvJson = (products: unknown[]) => file('isv.json', JSON.stringify({ products }));
const backup = { name: 'Contoso Backup', chineseNames: ['Contoso 備份'], supportUrl: 'https://support.contoso.example.com/backup', supportEmail: 'backup@contoso.example.com' };
const firewall = { name: 'Fabrikam Firewall', supportPhone: '+1 425 555 0100' };

describe('ISV contacts in the store', () => {
  it('import, lookup by a Chinese name, and replace by folded product name', async () => {
    await importDirectoryFile(store.directories, 'isv', isvJson([backup, firewall]), { mode: 'replace', at });
    const live = liveDirectories(store.directories);
    expect(lookupIsv(await live.isv(), 'contoso 備份')[0]?.supportEmail).toBe('backup@contoso.example.com');
    const r = await importDirectoryFile(store.directories, 'isv', isvJson([{ ...backup, name: 'CONTOSO  Backup', supportEmail: 'help@contoso.example.com' }]), { mode: 'replace', at });
    expect(r).toMatchObject({ inserted: 0, updated: 1, removed: 1 });
    const entries = await live.isv();
    expect(entries.map((e) => [isvKey(e), e.supportEmail])).toEqual([['contoso backup', 'help@contoso.example.com']]);
  });

  it('a bad entry is named with its index and field, and nothing changes', async () => {
    await importDirectoryFile(store.directories, 'isv', isvJson([backup]), { mode: 'replace', at });
    const path = isvJson([firewall, { name: 'No Contact' }, { ...firewall, name: 'Bad Link', supportUrl: 'javascript:alert(1)' }]);
    const err = (await importDirectoryFile(store.directories, 'isv', path, { mode: 'replace', at }).catch((e) => e)) as ImportError;
    expect(err).toBeInstanceOf(ImportError);
    expect(err.lines).toEqual([
      `${path}: products[1] "No Contact": supportUrl: give at least one of supportUrl, supportEmail, supportPhone`,
      `${path}: products[2] "Bad Link": supportUrl: not a plain https:// address to a named host`,
    ]);
    expect((await store.directories.listIsv()).map((e) => e.productName)).toEqual(['Contoso Backup']);
  });
});

function runImport(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['scripts/import.mjs', ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((r) => child.on('exit', (code) => r({ code, stdout, stderr })));
}

describe('npm run import', () => {
  it('imports into the store the bot is configured for, and says what changed', async () => {
    await store.close();
    const r = await runImport(['customers', customersCsv([contoso, fabrikam])], { SQLITE_PATH: sqlitePath });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^customers: 2 imported from .* into the sqlite store \(2 new, 0 updated, 0 removed; replace\)/);
    expect(r.code).toBe(0);
    store = await openStore({ sqlitePath });
    expect((await store.directories.listCustomers()).map((c) => c.id)).toEqual(['contoso', 'fabrikam']);
  }, 60_000);

  it('a bad file exits 1 naming the line and field; bad usage exits 2 with the usage', async () => {
    const bad = await runImport(['customers', customersCsv(['x,X,not-a-guid,x.com,commercial,,,'])], { SQLITE_PATH: sqlitePath });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^Nothing imported:\n {2}customer directory .*:\n {4}line 2, field tenantId: not a GUID/);
    const usage = await runImport(['suppliers', 'x.csv'], { SQLITE_PATH: sqlitePath });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: npm run import -- customers FILE.csv|FILE.json [--merge]');
  }, 60_000);
});
