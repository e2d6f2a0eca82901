import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Case } from '../../src/flow/case.js';
import { openStore, type Store } from '../../src/store/index.js';
import { freshDatabase } from '../support/freshDatabase.js';
import { storeAgent, storedCase } from '../support/storedCase.js';

let dir: string;
let path: string;
const open: Store[] = [];
// With TEST_DATABASE_URL (CI's PostgreSQL run) this file gets a database of its own, so parallel files don't collide.
let pgDb: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  pgDb = await freshDatabase();
});
afterAll(async () => {
  await pgDb?.drop();
});
const store = async () => {
  const s = await openStore({ sqlitePath: path, databaseUrl: pgDb?.url });
  open.push(s);
  return s;
};
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'csp-store-'));
  path = join(dir, 'sub', 'desk.db');
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

const agent = storeAgent;
const aCase = (id: string): Case => storedCase(id);
const created = (c: Case) => ({ caseId: c.id, version: 1, at: c.createdAt, actor: agent, kind: 'created', detail: {} });

const engine = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite';

describe(`${engine} store`, () => {
  beforeEach(async () => {
    // PostgreSQL keeps data between tests: start each from empty tables.
    if (!process.env.TEST_DATABASE_URL) return;
    const s = await store();
    for (const t of ['cases', 'case_events', 'channels', 'team_settings', 'reminders', 'isv_contacts'] as const) await s.db.kysely.deleteFrom(t).execute();
  });

  it('creates the store on first start (SQLite: file and folder, WAL mode); reopening re-runs no migration', async () => {
    const s = await store();
    if (s.db.engine === 'sqlite') {
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(s.db.kysely);
      expect(mode.rows[0]!.journal_mode).toBe('wal');
    }
    await s.cases.insert(aCase('AAA-111'), created(aCase('AAA-111')));
    await s.close();
    open.pop();
    const again = await store();
    expect(await again.cases.get('AAA-111')).toMatchObject({ id: 'AAA-111', step: 'intake' });
    expect(await again.db.ping()).toBe(true);
  });

  it('a duplicate case id is refused, so the caller can draw another', async () => {
    const s = await store();
    expect(await s.cases.insert(aCase('AAA-111'), created(aCase('AAA-111')))).toBe(true);
    expect(await s.cases.insert(aCase('AAA-111'), created(aCase('AAA-111')))).toBe(false);
  });

  it('optimistic concurrency: of two saves from the same version, exactly one lands, with its events', async () => {
    // One store per process, as in production (a second process on the same file waits on SQLite's busy timeout).
    const a = await store();
    const b = a;
    await a.cases.insert(aCase('K7Q-X2M'), created(aCase('K7Q-X2M')));
    const fromA = { ...aCase('K7Q-X2M'), version: 2, step: 'health' as const };
    const fromB = { ...aCase('K7Q-X2M'), version: 2, step: 'closed' as const };
    const ev = (kind: string) => ({ caseId: 'K7Q-X2M', version: 2, at: '2026-11-20T02:01:00.000Z', actor: agent, kind, detail: {} });
    const results = await Promise.all([a.cases.save(fromA, 1, [ev('a')]), b.cases.save(fromB, 1, [ev('b')])]);
    const winner = results[0] === 'saved' ? 'health' : 'closed';
    expect([...results].sort()).toEqual(['conflict', 'saved']);
    expect((await a.cases.get('K7Q-X2M'))!.step).toBe(winner);
    const kinds = (await b.cases.events('K7Q-X2M')).map((e) => e.kind);
    expect(kinds).toHaveLength(2);
    expect(kinds[0]).toBe('created');
  });

  it('a save writes every event with the case, and a stale version writes neither case nor events', async () => {
    const s = await store();
    await s.cases.insert(aCase('K7Q-X2M'), created(aCase('K7Q-X2M')));
    const ev = (kind: string, version: number) => ({ caseId: 'K7Q-X2M', version, at: '2026-11-20T02:01:00.000Z', actor: agent, kind, detail: { n: version } });
    const v3 = { ...aCase('K7Q-X2M'), version: 3, step: 'troubleshoot' as const };
    expect(await s.cases.save(v3, 1, [ev('intake.submitted', 2), ev('health.checked', 3)])).toBe('saved');
    expect(await s.cases.save({ ...v3, version: 4, step: 'closed' as const }, 1, [ev('stale', 4)])).toBe('conflict');
    expect((await s.cases.get('K7Q-X2M'))!).toMatchObject({ version: 3, step: 'troubleshoot' });
    const events = await s.cases.events('K7Q-X2M');
    expect(events.map((e) => [e.kind, e.version, e.detail])).toEqual([
      ['created', 1, {}],
      ['intake.submitted', 2, { n: 2 }],
      ['health.checked', 3, { n: 3 }],
    ]);
  });

  it('team settings: version 0 inserts once; a stale version is refused', async () => {
    const s = await store();
    const base = { teamId: 'team', tenantId: 't1', updatedAt: 'now', updatedBy: 'x' };
    expect(await s.teamSettings.save({ ...base, data: { a: 1 } }, 0)).toBe(true);
    expect(await s.teamSettings.save({ ...base, data: { a: 2 } }, 0)).toBe(false);
    expect(await s.teamSettings.save({ ...base, data: { a: 3 } }, 1)).toBe(true);
    expect(await s.teamSettings.save({ ...base, data: { a: 4 } }, 1)).toBe(false);
    expect(await s.teamSettings.get('team')).toMatchObject({ version: 2, data: { a: 3 } });
  });

  it('reminders: two stores on one file claim disjoint sets; an expired lease is claimable again', async () => {
    const a = await store();
    const b = await store();
    await a.reminders.add(
      Array.from({ length: 40 }, (_, i) => ({ caseId: `C${i}`, tenantId: 't1', kind: 'due', dueAt: `2026-11-20T02:${String(i).padStart(2, '0')}:00.000Z` })),
      '2026-11-20T01:00:00.000Z',
    );
    const now = '2026-11-20T03:00:00.000Z';
    const lease = '2026-11-20T03:01:00.000Z';
    const [ra, rb] = await Promise.all([a.reminders.claimDue('wa', now, lease, 25), b.reminders.claimDue('wb', now, lease, 25)]);
    const ids = [...ra, ...rb].map((r) => r.id);
    expect(new Set(ids).size).toBe(40);
    expect(ra.length + rb.length).toBe(40);
    expect(await a.reminders.claimDue('wc', now, lease, 100)).toHaveLength(0);
    const afterLease = await a.reminders.claimDue('wc', '2026-11-20T03:02:00.000Z', '2026-11-20T03:03:00.000Z', 100);
    expect(afterLease).toHaveLength(40);
    expect(afterLease.every((r) => r.attempts === 2 && r.claimedBy === 'wc')).toBe(true);
    // The first worker's lease expired: it can no longer settle a reminder now claimed by wc.
    expect(await a.reminders.markSent(ra[0]!.id, 'wa', now)).toBe(false);
    expect(await a.reminders.markSent(ra[0]!.id, 'wc', now)).toBe(true);
  });
});
