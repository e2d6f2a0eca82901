import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute } from '../support/activities.js';
import { buildBundle, spawnBot } from '../support/botProcess.js';

/**
 * Issue 12 acceptance: two bot processes with NODE_ENV=production on one PostgreSQL. Both answer /readyz; a customer
 * imported with `npm run import` (using the first instance's settings) is offered in the intake card the second one
 * serves, with no restart. Needs TEST_DATABASE_URL (any database on a server where the user may CREATE DATABASE);
 * the test creates and drops its own database. The bots run the production bundle, as `npm start` does (issue 11).
 */
const adminUrl = process.env.TEST_DATABASE_URL;
const run = adminUrl ? describe : describe.skip;
/** The bundle's entry, built in beforeAll. */
let entry = '';

interface Bot {
  port: number;
  exited: Promise<number | null>;
  output: () => string;
  stop: () => Promise<void>;
}

function startBot(env: Record<string, string>): Bot {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const { child, exited, output } = spawnBot({ LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: String(port), ...env }, [entry]);
  return {
    port,
    exited,
    output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function runImport(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['scripts/import.mjs', ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((r) => child.on('exit', (code) => r({ code, out })));
}

async function waitReady(bot: Bot): Promise<Response> {
  for (let i = 0; i < 400; i++) {
    const res = await fetch(`http://127.0.0.1:${bot.port}/readyz`).catch(() => undefined);
    if (res?.status === 200) return res;
    if ((await Promise.race([bot.exited, new Promise((r) => setTimeout(() => r('waiting'), 150))])) !== 'waiting') break;
  }
  throw new Error(`bot on ${bot.port} never became ready:\n${bot.output()}`);
}

/** Action.Execute "New case" answered in the invoke response: the intake card, with the directory picker. */
async function intakePicker(bot: Bot): Promise<string[]> {
  const res = await fetch(`http://127.0.0.1:${bot.port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(execute('case.new', {}, { serviceUrl: 'http://127.0.0.1:9/' })),
  });
  expect(res.status).toBe(200);
  const card = ((await res.json()) as { value: unknown }).value;
  const pickers: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === 'Input.ChoiceSet' && o.id === 'customerPick') for (const c of (o.choices as { title: string }[]) ?? []) pickers.push(c.title);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return pickers;
}

run('two production instances on one PostgreSQL', () => {
  const dbName = `csp_two_${randomBytes(4).toString('hex')}`;
  let databaseUrl = '';
  let dir = '';
  const bots: Bot[] = [];
  let removeBundle = () => {};

  beforeAll(async () => {
    ({ entry, remove: removeBundle } = await buildBundle('two'));
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(adminUrl!);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
    dir = mkdtempSync(join(tmpdir(), 'csp-two-'));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(bots.map((b) => b.stop()));
    removeBundle();
    if (dir) rmSync(dir, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  it('both answer /readyz; a customer imported through one is offered in the intake card of the other, without a restart', async () => {
    const env = { NODE_ENV: 'production', DATABASE_URL: databaseUrl, DATABASE_POOL_MAX: '4', REMINDERS_ENABLED: 'false' };
    // Started together, as a scale-out does: Kysely's migration lock lets one of them migrate while the other waits.
    bots.push(startBot(env), startBot(env));
    const [a, b] = bots as [Bot, Bot];
    for (const res of await Promise.all([waitReady(a), waitReady(b)])) expect(await res.json()).toMatchObject({ store: 'reachable' });

    // Production seeds no demo customers: the picker starts empty on both.
    expect(await intakePicker(a)).toEqual([]);
    expect(await intakePicker(b)).toEqual([]);

    const csv = join(dir, 'customers.csv');
    writeFileSync(csv, 'name,tenantId,domain,cloud,hasAdminRights\nWoodgrove Bank,8a3c1f52-6b1e-4d7a-9c55-2f0e7b1d4a90,woodgrove.onmicrosoft.com,commercial,yes\n');
    const imported = await runImport(['customers', csv], env);
    expect(imported.out).toMatch(/customers: 1 imported .* into the postgres store \(1 new, 0 updated, 0 removed; replace\)/);
    expect(imported.code).toBe(0);

    // The other instance, never restarted, offers it on its next card; so does the first.
    const offered = await intakePicker(b);
    expect(offered).toHaveLength(1);
    expect(offered[0]).toMatch(/^Woodgrove Bank \(/);
    expect(await intakePicker(a)).toEqual(offered);

    // A bad file changes nothing and names the line and field, as the start-up check always did.
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'name,tenantId,domain,cloud\nWoodgrove Bank,not-a-guid,woodgrove.onmicrosoft.com,commercial\n');
    const refused = await runImport(['customers', bad], env);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/line 2, field tenantId: not a GUID/);
    expect(await intakePicker(b)).toEqual(offered);

    // Replace: the file is the whole list, so a second import with another customer swaps them on both instances.
    writeFileSync(csv, 'name,domain,cloud\nAlpine Ski House,alpineskihouse.onmicrosoft.com,commercial\n');
    expect((await runImport(['customers', csv], env)).code).toBe(0);
    const swapped = await intakePicker(a);
    expect(swapped).toHaveLength(1);
    expect(swapped[0]).toMatch(/^Alpine Ski House \(/);
    expect(await intakePicker(b)).toEqual(swapped);
  }, 240_000);
});
