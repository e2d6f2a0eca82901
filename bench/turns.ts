/**
 * The turns table (issue 11): this bot next to a minimal echo bot on the same stack, loaded interleaved in one run.
 *
 * Each bot is a child process (bench/echoBot.ts; bench/appBot.ts, bundled as production is); replies go to a connector
 * stub on 127.0.0.1; the load comes from autocannon at CONNECTIONS connections. Rows:
 * - message `help` (answered through the connector) vs an echo message turn;
 * - `cases all` with 1 000 cases in the store vs an echo message turn;
 * - Action.Execute `case.new` (case + event stored, intake card returned) vs an echo `adaptiveCard/action` invoke;
 * - Action.Execute on an existing case (load → tenant and version check → transition → optimistic save + event → card),
 *   alternating troubleshoot → decide and decide → troubleshoot over a pool of pre-created cases, each request the
 *   case's current version, vs the echo invoke. After the run the store is asked how many of those clicks were saved.
 * Every row, echo rows included, has a process of its own, started and warmed up before the first load: peak RSS is
 * sampled from /proc while each load runs, and in a shared process a row would inherit the heap an earlier, heavier
 * row grew (V8 gives it back slowly), so the row after `cases all` would report `cases all`'s peak.
 * BENCH_TURNS_SHARED_PROCESS=1 runs each bot's rows in one process instead, to see that effect. On PostgreSQL
 * (TEST_DATABASE_URL) the bench creates a fresh database, runs the same bot rows against it, and drops it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import type { Case } from '../src/flow/case.js';
import { caseIdAlphabet } from '../src/flow/caseId.js';
import { applyAction, startCase, type CaseAction } from '../src/flow/transitions.js';
import { openStore, type Store } from '../src/store/index.js';
import { BenchConnector } from './connectorStub.js';

const here = dirname(fileURLToPath(import.meta.url));
const num = (name: string, def: number) => (process.env[name] ? Number(process.env[name]) : def);
const DURATION = num('BENCH_TURNS_SECONDS', 5);
const RUNS = num('BENCH_TURNS_RUNS', 2);
const CONNECTIONS = num('BENCH_TURNS_CONNECTIONS', 50);
const WARMUP = 1;
const SHARED_PROCESS = process.env.BENCH_TURNS_SHARED_PROCESS === '1';
const POOL = 4_000;
/** bench/appBot.ts as scripts/bundle.mjs bundles it: the same build `npm start` runs (relative to dist/bench). */
const appBotScript = '../bundle/benchApp.mjs';

const tenants = { list: '11111111-0000-0000-0000-000000000001', pool: '11111111-0000-0000-0000-000000000002', fresh: '11111111-0000-0000-0000-000000000003' };
const bot = { id: '28:00000000-0000-0000-0000-0000000000b0', name: 'CSP Support Desk' };
const agent = { id: '29:bench-agent', name: 'Bench Agent', aadObjectId: '00000000-0000-0000-0000-00000000a9e7' };

// ---- activities, Teams-shaped (personal chat) ----

let seq = 0;
function activity(serviceUrl: string, tenantId: string, extra: Record<string, unknown>) {
  const n = ++seq;
  const now = new Date().toISOString();
  return {
    id: `bench-${n}`,
    timestamp: now,
    localTimestamp: now,
    channelId: 'msteams',
    serviceUrl,
    from: agent,
    recipient: bot,
    conversation: { id: `a:bench-conv-${n % 100}`, conversationType: 'personal', tenantId },
    channelData: { tenant: { id: tenantId } },
    locale: 'en-US',
    ...extra,
  };
}
const message = (serviceUrl: string, tenantId: string, text: string) => activity(serviceUrl, tenantId, { type: 'message', text, textFormat: 'plain' });
const invoke = (serviceUrl: string, tenantId: string, verb: string, data: Record<string, unknown>) =>
  activity(serviceUrl, tenantId, { type: 'invoke', name: 'adaptiveCard/action', replyToId: `card-${seq}`, value: { action: { type: 'Action.Execute', id: verb, verb, data }, trigger: 'manual' } });

// ---- store seeding ----

const caseIdOf = (i: number) => {
  let raw = '';
  for (let k = 0, n = i; k < 6; k++, n = Math.floor(n / caseIdAlphabet.length)) raw += caseIdAlphabet[n % caseIdAlphabet.length];
  return `${raw.slice(0, 3)}-${raw.slice(3)}`;
};

const triedInputs = { 'tried.licences': 'true', notes: 'Re-assigned the licence; no change.' };

/** A case as an agent leaves it at the decide step, built with the real transitions so its JSON has the real shape. */
function caseAtDecide(id: string, tenantId: string, at: Date): Case {
  const must = (c: Case, a: CaseAction) => {
    const r = applyAction(c, a, { now: at, actor: agent });
    if (!r.ok) throw new Error(`bench seed: ${a.type} refused: ${JSON.stringify(r.errors)}`);
    return r.case;
  };
  let c = startCase({ id, tenantId, actor: agent, locale: 'en-US', now: at });
  c = must(c, {
    type: 'intake.submit',
    inputs: {
      customerName: 'Contoso Ltd', tenantId: '435bb064-3ad9-4a2a-803c-abb2aa428026', domain: 'contoso.onmicrosoft.com', cloud: 'commercial',
      product: 'm365', symptoms: 'Users get error 0x80070005 when opening shared mailboxes since 08:30.', severity: 'B',
      supportLanguage: 'english', relationship: 'hasAdminRights', role: 'adminAgent',
    },
  });
  c = must(c, { type: 'health.checked', check: { checkedAt: at.toISOString(), items: [], failures: [], demo: true } });
  c = must(c, { type: 'health.continue' });
  return must(c, { type: 'troubleshoot.continue', inputs: triedInputs });
}

export async function seed(store: Store): Promise<{ poolVersion: number }> {
  const at = new Date();
  const rows = [];
  let poolVersion = 0;
  for (let i = 0; i < 1_000 + POOL; i++) {
    const inPool = i >= 1_000;
    const c = caseAtDecide(caseIdOf(i + 1), inPool ? tenants.pool : tenants.list, new Date(at.getTime() - i * 1000));
    poolVersion = c.version;
    rows.push({
      id: c.id, tenant_id: c.tenantId, version: c.version, step: c.step, owner_id: c.owner.id, team_id: null,
      customer_name: c.intake?.customer.name ?? null, created_at: c.createdAt, updated_at: c.updatedAt, data: JSON.stringify(c),
    });
  }
  for (let i = 0; i < rows.length; i += 500) await store.db.kysely.insertInto('cases').values(rows.slice(i, i + 500)).execute();
  return { poolVersion };
}

// ---- children ----

export interface Child {
  name: string;
  proc: ChildProcess;
  url: string;
}

export async function startChild(name: string, script: string, env: Record<string, string>, execArgv: string[] = []): Promise<Child> {
  const proc = fork(isAbsolute(script) ? script : join(here, script), [], { execArgv, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    proc.once('message', (m) => resolve((m as { port: number }).port));
    proc.once('exit', (code) => reject(new Error(`${name} exited with ${code} before listening`)));
  });
  return { name, proc, url: `http://127.0.0.1:${port}/api/messages` };
}

export async function stopChild(c: Child): Promise<void> {
  if (c.proc.exitCode !== null) return;
  const exited = new Promise((r) => c.proc.once('exit', r));
  c.proc.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
}

/** utime + stime of a process in ms (/proc/<pid>/stat fields 14 and 15, in clock ticks of 10 ms). */
const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

/** heapUsed right after a full GC in the child (bench/echoBot.ts and appBot.ts answer 'gc+mem' over IPC). */
function liveHeapMb(c: Child): Promise<number> {
  return new Promise((resolve) => {
    c.proc.once('message', (m) => resolve(Math.round((m as { mem: NodeJS.MemoryUsage }).mem.heapUsed / 1048576)));
    c.proc.send('gc+mem');
  });
}

const rssMb = (pid: number) => {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : 0;
};

// ---- load ----

type Body = () => object;
interface Sample { rps: number; p50: number; p99: number; rss: number; non2xx: number; errors: number; sent: number; cpuPerTurn: number }

export async function load(target: Child, body: Body, seconds: number): Promise<Sample> {
  let peak = rssMb(target.proc.pid!);
  const cpu0 = cpuMs(target.proc.pid!);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(target.proc.pid!))), 100);
  const result = await autocannon({
    url: target.url,
    connections: CONNECTIONS,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify(body()) }) }],
  });
  clearInterval(sampler);
  const cpuPerTurn = (cpuMs(target.proc.pid!) - cpu0) / Math.max(1, result.requests.total);
  return {
    cpuPerTurn,
    rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, rss: peak,
    non2xx: result.non2xx, errors: result.errors + result.timeouts, sent: result.requests.sent,
  };
}

async function post(url: string, body: object): Promise<{ status: number; json: Record<string, unknown> | undefined }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

interface Scenario {
  row: string;
  target: Child;
  body: Body;
  /** The echo scenario this row is compared with. */
  baseline?: string;
  check: () => Promise<void>;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export const appRows = ['message `help`', '`cases all` (1 000 cases)', 'Action.Execute `case.new`', 'Action.Execute on an existing case'] as const;
export type AppRow = (typeof appRows)[number];

/**
 * Starts the processes one bot's rows run on: one per row, or one for all of them (BENCH_TURNS_SHARED_PROCESS=1).
 * In parallel, so the bench does not wait for ten start-ups in a row.
 */
async function processesFor(start: (suffix: string) => Promise<Child>, rows: readonly string[], children: Child[]): Promise<Map<string, Child>> {
  const started = SHARED_PROCESS ? [await start('')] : await Promise.all(rows.map((_, i) => start(` #${i + 1}`)));
  children.push(...started);
  return new Map(rows.map((row, i) => [row, started[SHARED_PROCESS ? 0 : i]!]));
}

/** One bot's store and the scenarios that run against it, each on its own process from `on`. */
export async function appScenarios(label: string, on: (row: AppRow) => Child, stub: BenchConnector, poolVersion: number, counter: { clicks: number }): Promise<Scenario[]> {
  const url = stub.url;
  const expectCard = async (child: Child, b: object, what: string) => {
    const r = await post(child.url, b);
    const body = r.json as { statusCode?: number; type?: string } | undefined;
    if (r.status !== 200 || body?.statusCode !== 200 || body?.type !== 'application/vnd.microsoft.card.adaptive' || JSON.stringify(body).includes('since your card was shown')) {
      throw new Error(`${label} ${what}: expected a card, got ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
    }
  };
  const expectReply = async (child: Child, b: object, what: string) => {
    const before = stub.replies;
    const r = await post(child.url, b);
    if (r.status >= 300 || stub.replies !== before + 1) throw new Error(`${label} ${what}: expected one reply through the connector, got HTTP ${r.status}`);
  };
  // Request j clicks pool case j mod POOL at the version it has after floor(j / POOL) earlier clicks; even versions
  // are at decide (→ back to troubleshoot), odd ones at troubleshoot (→ continue to decide).
  const click = () => {
    const j = counter.clicks++;
    const version = poolVersion + Math.floor(j / POOL);
    const caseId = caseIdOf(1_001 + (j % POOL));
    const atDecide = (version - poolVersion) % 2 === 0;
    return atDecide
      ? invoke(url, tenants.pool, 'flow.decide.backToTroubleshoot', { caseId, version })
      : invoke(url, tenants.pool, 'flow.troubleshoot.continue', { caseId, version, ...triedInputs });
  };
  const [help, all, fresh, existing] = appRows;
  return [
    { row: help, target: on(help), baseline: 'message', body: () => message(url, tenants.list, 'help'), check: () => expectReply(on(help), message(url, tenants.list, 'help'), 'help') },
    { row: all, target: on(all), baseline: 'message', body: () => message(url, tenants.list, 'cases all'), check: () => expectReply(on(all), message(url, tenants.list, 'cases all'), 'cases all') },
    { row: fresh, target: on(fresh), baseline: 'invoke', body: () => invoke(url, tenants.fresh, 'case.new', {}), check: () => expectCard(on(fresh), invoke(url, tenants.fresh, 'case.new', {}), 'case.new') },
    { row: existing, target: on(existing), baseline: 'invoke', body: click, check: () => expectCard(on(existing), click(), 'click') },
  ];
}

async function countSaved(store: Store): Promise<number> {
  const r = await store.db.kysely
    .selectFrom('case_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', 'in', ['troubleshoot.continued', 'decide.backToTroubleshoot'])
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

interface Table { label: string; scenarios: Scenario[]; samples: Map<string, Sample[]>; saved?: () => Promise<number>; clicks: { clicks: number } }

function printTable(t: Table, echo: Map<string, Sample[]>, refRps?: Map<string, number>) {
  const med = (xs: Sample[], k: keyof Sample) => median(xs.map((s) => s[k]));
  const echoOf = (b: string) => ({ rps: med(echo.get(b)!, 'rps'), p99: med(echo.get(b)!, 'p99'), rss: Math.max(...echo.get(b)!.map((s) => s.rss)), cpu: med(echo.get(b)!, 'cpuPerTurn') });
  console.log(`\n## Turns: ${t.label} (${CONNECTIONS} connections, ${RUNS} × ${DURATION} s interleaved, medians; ratio = this bot ÷ echo bot in the same run)\n`);
  console.log(`| turn | req/s | p50 ms | p99 ms | × echo req/s | × echo p99 | peak RSS MB (× echo) | bot CPU ms/turn (× echo) | non-2xx / errors |${refRps ? ' × SQLite req/s |' : ''}`);
  console.log(`|---|---:|---:|---:|---:|---:|---:|---:|---:|${refRps ? '---:|' : ''}`);
  for (const base of ['message', 'invoke']) {
    const e = echoOf(base);
    console.log(`| echo bot: ${base === 'message' ? 'message (reply via connector)' : '`adaptiveCard/action` invoke (small card)'} | ${e.rps.toFixed(0)} | ${med(echo.get(base)!, 'p50')} | ${e.p99} | 1 | 1 | ${e.rss} | ${e.cpu.toFixed(2)} | ${echo.get(base)!.reduce((a, s) => a + s.non2xx + s.errors, 0)} |${refRps ? ' |' : ''}`);
  }
  for (const s of t.scenarios) {
    const xs = t.samples.get(s.row)!;
    const e = echoOf(s.baseline!);
    const rps = med(xs, 'rps');
    const rss = Math.max(...xs.map((x) => x.rss));
    const bad = xs.reduce((a, x) => a + x.non2xx + x.errors, 0);
    const ref = refRps?.get(s.row);
    console.log(
      `| ${s.row} | ${rps.toFixed(0)} | ${med(xs, 'p50')} | ${med(xs, 'p99')} | ${(rps / e.rps).toFixed(2)} | ${(med(xs, 'p99') / e.p99).toFixed(2)} | ${rss} (${(rss / e.rss).toFixed(2)}) | ${med(xs, 'cpuPerTurn').toFixed(2)} (${(med(xs, 'cpuPerTurn') / e.cpu).toFixed(2)}) | ${bad} |${refRps ? ` ${ref ? (rps / ref).toFixed(2) : '–'} |` : ''}`,
    );
  }
}

async function createPgDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `csp_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function runTurns(): Promise<void> {
  const stub = await new BenchConnector().start();
  const dir = mkdtempSync(join(tmpdir(), 'csp-turns-'));
  const children: Child[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  try {
    const sqlitePath = join(dir, 'bench.db');
    const sqliteStore = await openStore({ sqlitePath });
    const { poolVersion } = await seed(sqliteStore);
    await sqliteStore.close();

    const appEnv = { LOG_LEVEL: 'info', LOG_FORMAT: 'json', NODE_ENV: 'development' };
    // --expose-gc only so the bench can ask for the live heap after a full GC at the end (liveHeapMb).
    const gcArgv = ['--expose-gc'];
    const echoOn = await processesFor((n) => startChild(`echo${n}`, 'echoBot.js', {}, gcArgv), ['message', 'invoke'], children);
    const sqliteOn = await processesFor((n) => startChild(`sqlite${n}`, appBotScript, { ...appEnv, SQLITE_PATH: sqlitePath, DATABASE_URL: '' }, gcArgv), appRows, children);
    const tables: Table[] = [];
    const sqliteClicks = { clicks: 0 };
    tables.push({ label: 'SQLite', scenarios: await appScenarios('SQLite', (row) => sqliteOn.get(row)!, stub, poolVersion, sqliteClicks), samples: new Map(), clicks: sqliteClicks });

    // BENCH_TURNS_COMPARE=<another build>/dist/bundle/benchApp.mjs (dist/bench/appBot.js before the bundle) adds that
    // build's bot to the same interleaved run (how the before/after tables of issue 11 were made): its own SQLite file,
    // seeded alike.
    const compare = process.env.BENCH_TURNS_COMPARE;
    if (compare) {
      const comparePath = join(dir, 'compare.db');
      const s = await openStore({ sqlitePath: comparePath });
      await seed(s);
      await s.close();
      const on = await processesFor((n) => startChild(`compare${n}`, compare, { ...appEnv, SQLITE_PATH: comparePath, DATABASE_URL: '' }, gcArgv), appRows, children);
      const clicks = { clicks: 0 };
      tables.push({ label: `SQLite, ${compare}`, scenarios: await appScenarios('compare', (row) => on.get(row)!, stub, poolVersion, clicks), samples: new Map(), clicks, saved: async () => {
        const st = await openStore({ sqlitePath: comparePath });
        try { return await countSaved(st); } finally { await st.close(); }
      } });
    }

    const adminUrl = process.env.TEST_DATABASE_URL;
    if (adminUrl) {
      const db = await createPgDatabase(adminUrl);
      cleanups.push(db.drop);
      const pgStore = await openStore({ databaseUrl: db.url, sqlitePath: ':memory:' });
      await seed(pgStore);
      await pgStore.close();
      const pgOn = await processesFor((n) => startChild(`postgres${n}`, appBotScript, { ...appEnv, DATABASE_URL: db.url }, gcArgv), appRows, children);
      const pgClicks = { clicks: 0 };
      tables.push({ label: 'PostgreSQL', scenarios: await appScenarios('PostgreSQL', (row) => pgOn.get(row)!, stub, poolVersion, pgClicks), samples: new Map(), clicks: pgClicks, saved: async () => {
        const s = await openStore({ databaseUrl: db.url, sqlitePath: ':memory:' });
        try { return await countSaved(s); } finally { await s.close(); }
      } });
    }
    tables[0]!.saved = async () => {
      const s = await openStore({ sqlitePath });
      try { return await countSaved(s); } finally { await s.close(); }
    };

    const echoScenarios: Record<string, Body> = {
      message: () => message(stub.url, tenants.list, 'hello'),
      invoke: () => invoke(stub.url, tenants.list, 'go', { count: seq % 1000, name: 'Load' }),
    };
    // Sanity: every scenario answers as it should before it is loaded (a 200 with the wrong answer is not a turn).
    for (const t of tables) for (const s of t.scenarios) await s.check();
    const echoSamples = new Map<string, Sample[]>([['message', []], ['invoke', []]]);

    // Warm-up (JIT, caches, connection pools), not counted.
    for (const [base, b] of Object.entries(echoScenarios)) await load(echoOn.get(base)!, b, WARMUP);
    for (const t of tables) for (const s of t.scenarios) await load(s.target, s.body, WARMUP);

    for (let run = 0; run < RUNS; run++) {
      for (const base of ['message', 'invoke']) {
        // Echo first on even runs, last on odd ones, so drift in the machine's load does not favour one side.
        const rows = tables.flatMap((t) => t.scenarios.filter((s) => s.baseline === base).map((s) => ({ t, s })));
        const echoRun = async () => echoSamples.get(base)!.push(await load(echoOn.get(base)!, echoScenarios[base]!, DURATION));
        if (run % 2 === 0) await echoRun();
        for (const { t, s } of rows) {
          const sample = await load(s.target, s.body, DURATION);
          t.samples.set(s.row, [...(t.samples.get(s.row) ?? []), sample]);
        }
        if (run % 2 === 1) await echoRun();
      }
    }

    // Peak RSS under load follows the live heap: V8 lets the old space grow to a multiple of what survived the last
    // full GC before collecting again, so a few MB more of live objects show as several times that at the peak.
    const live = { echo: [] as number[], bot: [] as number[] };
    for (const c of new Set(echoOn.values())) live.echo.push(await liveHeapMb(c));
    for (const c of new Set(sqliteOn.values())) live.bot.push(await liveHeapMb(c));
    for (const c of children) await stopChild(c);
    let sqliteRps: Map<string, number> | undefined;
    for (const t of tables) {
      printTable(t, echoSamples, t.label === 'PostgreSQL' ? sqliteRps : undefined);
      if (t.label === 'SQLite') sqliteRps = new Map(t.scenarios.map((s) => [s.row, median(t.samples.get(s.row)!.map((x) => x.rps))]));
      const saved = await t.saved!();
      console.log(`\nExisting-case clicks saved (version check passed, event written): ${saved} of ${t.clicks.clicks} sent; the rest were still in flight when a load ended or answered "changed".`);
    }
    const perProcess = SHARED_PROCESS ? '' : ' (one process per row, in table order)';
    console.log(`\nLive heap after a full GC at the end${perProcess}: echo bot ${live.echo.join(' / ')} MB, this bot (SQLite) ${live.bot.join(' / ')} MB.`);
    const env = [
      process.env.TEST_DATABASE_URL ? 'TEST_DATABASE_URL=…' : '',
      `BENCH_TURNS_SECONDS=${DURATION}`,
      `BENCH_TURNS_RUNS=${RUNS}`,
      `BENCH_TURNS_CONNECTIONS=${CONNECTIONS}`,
      SHARED_PROCESS ? 'BENCH_TURNS_SHARED_PROCESS=1' : '',
      process.env.BENCH_TURNS_COMPARE ? `BENCH_TURNS_COMPARE=${process.env.BENCH_TURNS_COMPARE}` : '',
    ].filter(Boolean).join(' ');
    console.log(`\nReproduce: ${env} npm run bench   (turns only: ${env} npm run build && node --expose-gc dist/bench/run.js turns)`);
    console.log(
      `Bots run as child processes on 127.0.0.1, ${SHARED_PROCESS ? 'one per bot' : 'one per row (each row\'s peak RSS is its own)'} (bench/echoBot.ts; bench/appBot.ts bundled like \`npm start\`: createApp, reminders off, JSON logs at info); load from autocannon in the parent with the connector stub.`,
    );
  } finally {
    for (const c of children) await stopChild(c);
    for (const f of cleanups) await f().catch((e) => console.error(`cleanup: ${String(e)}`));
    await stub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
