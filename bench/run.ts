/**
 * `npm run bench`: the reminder store and worker under load (issue 5). Prints a markdown table:
 * - claim time per batch of 100 when 1 000 reminders are due at once, with 1 000 and with 100 000 pending rows
 *   (shows how the claim's cost grows with what is pending; the (state, due_at) index should keep it flat);
 * - due→posted lag (p50, p99) for those 1 000 through the real worker, its limiter (50 requests/s per tenant,
 *   7/s per thread) and botbuilder to a local connector stub, cases spread over 20 tenants;
 * - RSS after each phase.
 * Then the turns table (bench/turns.ts, issue 11): this bot against a minimal echo bot, same run, interleaved.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { AppServices } from '../src/app/services.js';
import { parseEnv } from '../src/config/env.js';
import type { Case } from '../src/flow/case.js';
import { createReminderMessenger } from '../src/teams/reminderConnector.js';
import { ReminderWorker } from '../src/reminders/worker.js';
import { openStore, type Store } from '../src/store/index.js';
import type { NewReminder } from '../src/store/reminders.js';
import { BenchConnector } from './connectorStub.js';
import { runTurns } from './turns.js';

const due = 1_000;
const batch = 100;
const tenants = 20;
const owner = { id: '29:bench-owner', name: 'Bench Owner' };

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const ms = (x: number) => x.toFixed(x < 10 ? 2 : 0);
const mb = () => Math.round(process.memoryUsage().rss / 1048576);

function benchCase(i: number, serviceUrl: string, at: string): Case {
  const tenantId = `00000000-0000-0000-0000-${String(i % tenants).padStart(12, '0')}`;
  const channelId = `19:bench-${i % tenants}@thread.tacv2`;
  return {
    id: `BN-${String(i).padStart(6, '0')}`, tenantId, version: 1, step: 'escalated', createdAt: at, updatedAt: at,
    createdBy: owner, owner, updatedBy: owner, locale: 'en-US',
    intake: {
      customer: { name: `Customer ${i}` }, cloud: 'commercial', product: 'm365', symptoms: 'Mail flow stopped', severity: 'A', supportLanguage: 'english',
      relationship: { hasAdminRights: true, azureOnly: false, indirectReseller: false, role: 'adminAgent' },
    },
    healthChecks: [], troubleshooting: { tried: [], notes: '' }, decision: { reasons: ['serviceUnavailable'] },
    escalation: { escalatedAt: at, thread: { teamId: `team-${i % tenants}`, channelId, serviceUrl, tenantId, conversationId: `${channelId};messageid=root-${i}`, rootActivityId: `root-${i}`, postedAt: at } },
    serviceRequest: { number: `26112000${String(i).padStart(8, '0')}`, filedAt: at, severity: 'A', recordedBy: owner },
    initialResponseDue: at,
  };
}

async function load(store: Store, pending: number, dueAt: string, futureBase: number): Promise<void> {
  const rows: NewReminder[] = [];
  for (let i = 0; i < pending; i++) {
    const isDue = i < due;
    rows.push({
      caseId: `BN-${String(i).padStart(6, '0')}`,
      tenantId: 't',
      kind: isDue ? 'due' : 'before',
      dueAt: isDue ? dueAt : new Date(futureBase + (i % 10_000) * 60_000).toISOString(),
      payload: { kind: isDue ? 'due' : 'before', mentionLeads: false, due: dueAt },
    });
  }
  await store.reminders.add(rows, dueAt);
}

async function claimTimes(store: Store, now: string): Promise<number[]> {
  const times: number[] = [];
  for (let claimed = 0; claimed < due; ) {
    const t0 = performance.now();
    const got = await store.reminders.claimDue('bench-claimer', now, new Date(Date.parse(now) + 60_000).toISOString(), batch);
    times.push(performance.now() - t0);
    if (!got.length) break;
    claimed += got.length;
  }
  return times;
}

async function scenario(pending: number, stub: BenchConnector) {
  const dir = mkdtempSync(join(tmpdir(), 'csp-bench-'));
  const store = await openStore({ sqlitePath: join(dir, 'bench.db') });
  try {
    const now = new Date().toISOString();
    const t0 = performance.now();
    await load(store, pending, now, Date.now() + 86_400_000);
    const loadMs = performance.now() - t0;
    const claims = await claimTimes(store, now);
    const rssClaim = mb();
    if (pending !== 100_000) return { pending, loadMs, claims, rssClaim };

    // Same 1 000 due rows, now through the worker: release the claims, give them cases with threads, run ticks.
    for (let i = 0; i < due; i++) {
      const c = benchCase(i, stub.url, now);
      await store.cases.insert(c, { caseId: c.id, version: 1, at: now, actor: owner, kind: 'bench', detail: {} });
    }
    // Due "now" as the worker starts, so the lag is the worker's, not the set-up's.
    const dueNow = new Date().toISOString();
    await store.db.kysely.updateTable('reminders').set({ state: 'pending', claimed_by: null, lease_until: null, attempts: 0, due_at: dueNow }).where('state', '=', 'claimed').execute();
    // Production settings on the bench's own SQLite store (one instance), which production mode otherwise refuses.
    const env = parseEnv({ NODE_ENV: 'production', ALLOW_SQLITE_IN_PRODUCTION: 'true', LOG_LEVEL: 'silent', SEND_TIMEOUT_MS: '10000' });
    const log = pino({ level: 'silent' });
    const messenger = createReminderMessenger(env, log);
    const app: AppServices = { env, log, store, clock: () => new Date(), messenger } as unknown as AppServices;
    const worker = new ReminderWorker({ app, messenger, workerId: 'bench-worker', batchSize: batch, concurrency: 32, digestPlanEveryMs: 1e12 });
    const lags: number[] = [];
    const start = performance.now();
    while (lags.length < due && performance.now() - start < 90_000) {
      const r = await worker.tick();
      lags.push(...r.lagsMs);
      if (r.claimed === 0) await new Promise((res) => setTimeout(res, 5));
    }
    const drainMs = performance.now() - start;
    return { pending, loadMs, claims, rssClaim, lags, drainMs, rssWorker: mb() };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function reminders() {
  const stub = await new BenchConnector().start();
  const small = await scenario(1_000, stub);
  (globalThis as { gc?: () => void }).gc?.();
  const large = await scenario(100_000, stub);
  await stub.stop();

  console.log(`\n## Reminder store and worker (SQLite, ${due} due at once, claim batches of ${batch})\n`);
  console.log('| pending rows | load (ms) | claim p50 (ms) | claim max (ms) | batches | RSS after claim (MB) |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const s of [small, large]) {
    console.log(`| ${s.pending.toLocaleString('en-US')} | ${ms(s.loadMs)} | ${ms(pct(s.claims, 50))} | ${ms(Math.max(...s.claims))} | ${s.claims.length} | ${s.rssClaim} |`);
  }
  if (large.lags) {
    console.log(`\n| worker, 100 000 pending | value |\n|---|---:|`);
    console.log(`| reminders posted | ${large.lags.length} of ${due} (+ ${stub.updates} root-card updates) |`);
    console.log(`| due→posted lag p50 (ms) | ${ms(pct(large.lags, 50))} |`);
    console.log(`| due→posted lag p99 (ms) | ${ms(pct(large.lags, 99))} |`);
    console.log(`| drain time (ms) | ${ms(large.drainMs ?? 0)} |`);
    console.log(`| RSS after worker (MB) | ${large.rssWorker} |`);
    console.log(`\nTenants: ${tenants} (Teams allows 50 requests/s per app per tenant, so ${due} reminders plus their card updates need ≥ ${Math.ceil((2 * due) / (50 * tenants))} s of pacing).`);
  }
}

/** `node dist/bench/run.js [reminders] [turns]`: both by default. */
const only = process.argv.slice(2);
if (!only.length || only.includes('reminders')) await reminders();
if (!only.length || only.includes('turns')) await runTurns();
