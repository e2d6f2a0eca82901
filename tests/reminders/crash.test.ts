import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { ConnectorStub } from '../support/connectorStub.js';
import { escalatedCase, owner } from './fixtures.js';

/**
 * Issue 9 point 6: the real bot process (src/index.ts, as `npm start` runs it) delivers 300 due reminders to a
 * connector stub; it is killed with SIGKILL mid-delivery and started again on the same SQLite file. Nothing may be
 * lost, no reminder point may be sent more than twice, and at most REMINDER_CONCURRENCY are sent twice.
 */

const concurrency = 8;
const total = 300;
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function startBot(sqlitePath: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      SQLITE_PATH: sqlitePath,
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      REMINDERS_ENABLED: 'true',
      REMINDER_POLL_MS: '200',
      REMINDER_LEASE_MS: '2000',
      REMINDER_CONCURRENCY: String(concurrency),
      SEND_TIMEOUT_MS: '5000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  return child;
}

describe('kill -9 in the middle of reminder delivery', () => {
  it('after a restart: 0 lost, no point sent more than twice, at most REMINDER_CONCURRENCY sent twice', async () => {
    const stub = await new ConnectorStub().start();
    stub.delayMs = 25;
    const dir = mkdtempSync(join(tmpdir(), 'csp-crash-'));
    dirs.push(dir);
    const sqlitePath = join(dir, 'desk.db');

    // 300 escalated cases, each with its "due" point already due.
    const store = await openStore({ sqlitePath });
    const filedAt = new Date(Date.now() - 3 * 3_600_000).toISOString();
    const due = new Date(Date.parse(filedAt) + 2 * 3_600_000).toISOString();
    const ids: string[] = [];
    for (let i = 0; i < total; i++) {
      const c = { ...escalatedCase({ id: `KL${String(i).padStart(4, '0')}`, serviceUrl: stub.url, filedAt }), initialResponseDue: due };
      await store.cases.insert(c, { caseId: c.id, version: 1, at: filedAt, actor: owner, kind: 'test.created', detail: {} });
      ids.push(c.id);
    }
    await store.reminders.add(
      ids.map((id) => ({ caseId: id, tenantId: escalatedCase({ id, serviceUrl: stub.url, filedAt }).tenantId, kind: 'due', dueAt: due, payload: { kind: 'due', mentionLeads: false, due } })),
      new Date().toISOString(),
    );
    await store.close();

    const replies = () => stub.calls.filter((c) => c.op === 'reply');
    const first = startBot(sqlitePath);
    await stub.waitFor(() => replies().length >= 60, 60_000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const beforeRestart = replies().length;
    expect(beforeRestart).toBeLessThan(total);

    const second = startBot(sqlitePath);
    const perCase = () => {
      const m = new Map<string, number>();
      for (const r of replies()) m.set(r.conversationId!, (m.get(r.conversationId!) ?? 0) + 1);
      return m;
    };
    await stub.waitFor(() => perCase().size >= total, 60_000);
    // Let anything still in the pipe arrive before counting.
    await new Promise((r) => setTimeout(r, 1_500));
    second.kill('SIGTERM');
    await new Promise((r) => second.once('exit', r));
    await stub.stop();

    const counts = [...perCase().values()];
    expect(perCase().size).toBe(total); // 0 lost
    expect(Math.max(...counts)).toBeLessThanOrEqual(2); // never more than twice
    expect(counts.filter((n) => n === 2).length).toBeLessThanOrEqual(concurrency);

    const after = await openStore({ sqlitePath });
    const rows = await after.db.kysely.selectFrom('reminders').select(['state']).where('kind', '=', 'due').execute();
    await after.close();
    expect(rows.every((r) => r.state === 'sent')).toBe(true);
  }, 150_000);
});
