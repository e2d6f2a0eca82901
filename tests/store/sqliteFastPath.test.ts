import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Case } from '../../src/flow/case.js';
import type { CaseEvent } from '../../src/store/cases.js';
import { openStore, type Store } from '../../src/store/index.js';
import { orderedId } from '../../src/store/orderedId.js';
import { storeAgent, storedCase } from '../support/storedCase.js';

/**
 * Commit 16798b9: on SQLite, case reads and writes are prepared statements in one native better-sqlite3 transaction
 * (Db.sqlite) instead of Kysely queries, and event ids are UUIDv7. Always SQLite here, whatever TEST_DATABASE_URL says:
 * this path exists only there.
 */

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'csp-fastpath-'));
  store = await openStore({ sqlitePath: join(dir, 'desk.db') });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const agent = storeAgent;
const other = { id: '29:other', name: 'Ravi Kumar' };
const aCase = storedCase;
const event = (caseId: string, version: number, kind: string, actor = agent): CaseEvent => ({ caseId, version, at: `2026-11-20T02:0${version}:00.000Z`, actor, kind, detail: { version } });
const row = (id: string) => store.db.kysely.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
const kinds = async (id: string) => (await store.cases.events(id)).map((e) => e.kind);

describe('SQLite case writes outside Kysely', () => {
  it("a save never lands inside another caller's open transaction, so that transaction's rollback cannot undo it", async () => {
    await store.cases.insert(aCase('K7Q-X2M'), event('K7Q-X2M', 1, 'created'));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const rolledBack = store.db.kysely
      .transaction()
      .execute(async (tx) => {
        const doomed = aCase('DOOMED-1');
        await tx.insertInto('cases').values({ id: doomed.id, tenant_id: 't1', version: 1, step: 'intake', owner_id: agent.id, team_id: null, customer_name: null, created_at: doomed.createdAt, updated_at: doomed.updatedAt, data: JSON.stringify(doomed) }).execute();
        entered();
        await gate;
        throw new Error('roll back');
      })
      .catch((e: Error) => e.message);
    // Racing the rollback too: a failing insert above must fail the test, not hang it.
    await Promise.race([inside, rolledBack]);

    let settled = false;
    const saved = store.cases.save(aCase('K7Q-X2M', { version: 2, step: 'health' }), 1, [event('K7Q-X2M', 2, 'intake.submitted')]).finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 50));
    // It waits for the connection rather than writing through the open transaction.
    expect(settled).toBe(false);
    release();

    expect(await rolledBack).toBe('roll back');
    expect(await saved).toBe('saved');
    expect(await row('DOOMED-1')).toBeUndefined();
    expect((await store.cases.get('K7Q-X2M'))!).toMatchObject({ version: 2, step: 'health' });
    expect(await kinds('K7Q-X2M')).toEqual(['created', 'intake.submitted']);
  });

  it('a save writes the columns a case can change and leaves its tenant and creation time alone', async () => {
    await store.cases.insert(aCase('K7Q-X2M'), event('K7Q-X2M', 1, 'created'));
    const before = await row('K7Q-X2M');
    const next = aCase('K7Q-X2M', {
      version: 2,
      step: 'escalated',
      owner: other,
      teamId: '19:team@thread.tacv2',
      intake: { customer: { name: 'Contoso Ltd' } } as Case['intake'],
      updatedAt: '2026-11-20T03:00:00.000Z',
      // Neither ever changes for a case; the fast path's update does not even name them (see sqliteCases.ts).
      tenantId: 'moved-tenant',
      createdAt: '2030-01-01T00:00:00.000Z',
    });
    expect(await store.cases.save(next, 1, [event('K7Q-X2M', 2, 'escalated', other)])).toBe('saved');
    const after = await row('K7Q-X2M');
    expect(after).toMatchObject({
      version: 2,
      step: 'escalated',
      owner_id: '29:other',
      team_id: '19:team@thread.tacv2',
      customer_name: 'Contoso Ltd',
      updated_at: '2026-11-20T03:00:00.000Z',
      tenant_id: before!.tenant_id,
      created_at: before!.created_at,
    });
    expect(JSON.parse(after!.data)).toMatchObject({ step: 'escalated', owner: other });
    // The case is still listed under its tenant.
    expect((await store.cases.list('t1')).map((c) => c.id)).toEqual(['K7Q-X2M']);
  });

  it('a version conflict writes neither the case nor any event', async () => {
    await store.cases.insert(aCase('K7Q-X2M'), event('K7Q-X2M', 1, 'created'));
    const before = await row('K7Q-X2M');
    expect(await store.cases.save(aCase('K7Q-X2M', { version: 6, step: 'closed' }), 5, [event('K7Q-X2M', 6, 'stale'), event('K7Q-X2M', 7, 'stale too')])).toBe('conflict');
    expect(await row('K7Q-X2M')).toEqual(before);
    expect(await kinds('K7Q-X2M')).toEqual(['created']);
  });

  it('an event that cannot be written takes the case update down with it', async () => {
    await store.cases.insert(aCase('K7Q-X2M'), event('K7Q-X2M', 1, 'created'));
    const before = await row('K7Q-X2M');
    // actor_name is NOT NULL: the second event fails after the update and the first event already ran.
    const broken = { ...event('K7Q-X2M', 3, 'broken'), actor: { id: '29:x', name: null as unknown as string } };
    await expect(store.cases.save(aCase('K7Q-X2M', { version: 3, step: 'troubleshoot' }), 1, [event('K7Q-X2M', 2, 'ok'), broken])).rejects.toThrow();
    expect(await row('K7Q-X2M')).toEqual(before);
    expect(await kinds('K7Q-X2M')).toEqual(['created']);
    // The store is usable afterwards: no transaction was left open on the shared connection.
    expect(await store.cases.save(aCase('K7Q-X2M', { version: 2, step: 'health' }), 1, [event('K7Q-X2M', 2, 'ok')])).toBe('saved');
    expect(await kinds('K7Q-X2M')).toEqual(['created', 'ok']);
  });

  it('writes asked for together keep their own outcomes: one bad write fails alone, a conflict writes nothing', async () => {
    await store.cases.insert(aCase('AAA-111'), event('AAA-111', 1, 'created'));
    await store.cases.insert(aCase('BBB-222'), event('BBB-222', 1, 'created'));
    const broken = { ...event('BBB-222', 2, 'broken'), actor: { id: '29:x', name: null as unknown as string } };
    const outcomes = await Promise.allSettled([
      store.cases.save(aCase('AAA-111', { version: 2, step: 'health' }), 1, [event('AAA-111', 2, 'intake.submitted')]),
      store.cases.save(aCase('BBB-222', { version: 2, step: 'health' }), 1, [broken]),
      store.cases.save(aCase('AAA-111', { version: 2, step: 'closed' }), 1, [event('AAA-111', 2, 'stale')]),
      store.cases.insert(aCase('CCC-333'), event('CCC-333', 1, 'created')),
    ]);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : 'rejected'))).toEqual(['saved', 'rejected', 'conflict', true]);
    expect((await store.cases.get('AAA-111'))!.step).toBe('health');
    expect(await kinds('AAA-111')).toEqual(['created', 'intake.submitted']);
    expect((await store.cases.get('BBB-222'))!.version).toBe(1);
    expect(await kinds('BBB-222')).toEqual(['created']);
    expect(await kinds('CCC-333')).toEqual(['created']);
  });

  it('an insert with a taken id keeps the first case and writes no event for the second', async () => {
    expect(await store.cases.insert(aCase('AAA-111'), event('AAA-111', 1, 'created'))).toBe(true);
    const before = await row('AAA-111');
    expect(await store.cases.insert(aCase('AAA-111', { tenantId: 't2', owner: other }), event('AAA-111', 1, 'created again', other))).toBe(false);
    expect(await row('AAA-111')).toEqual(before);
    expect(await kinds('AAA-111')).toEqual(['created']);
  });

  it('get reads what save wrote and answers undefined for an unknown id', async () => {
    await store.cases.insert(aCase('K7Q-X2M'), event('K7Q-X2M', 1, 'created'));
    await store.cases.save(aCase('K7Q-X2M', { version: 2, step: 'decide' }), 1, []);
    expect(await store.cases.get('K7Q-X2M')).toEqual(aCase('K7Q-X2M', { version: 2, step: 'decide' }));
    expect(await store.cases.get('NOPE-00')).toBeUndefined();
  });

  it('event ids are UUIDv7', async () => {
    await store.cases.insert(aCase('K7Q-X2M'), event('K7Q-X2M', 1, 'created'));
    const ids = await store.db.kysely.selectFrom('case_events').select('id').execute();
    expect(ids[0]!.id).toMatch(uuidV7);
  });
});

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('SQLite connection settings', () => {
  it("keeps SQLite's own 2 MB page cache, not better-sqlite3's 16 MB (issue 11: peak RSS), with WAL and NORMAL sync", async () => {
    const settings = await store.db.sqlite!((f) => ({
      cache: f.pragma('cache_size', { simple: true }),
      journal: f.pragma('journal_mode', { simple: true }),
      sync: f.pragma('synchronous', { simple: true }),
    }));
    expect(settings).toEqual({ cache: -2000, journal: 'wal', sync: 1 });
  });
});

describe('orderedId', () => {
  it('has the RFC 9562 version 7 shape', () => {
    for (let i = 0; i < 200; i++) expect(orderedId()).toMatch(uuidV7);
    expect(new Set(Array.from({ length: 1000 }, () => orderedId(1_795_140_000_000))).size).toBe(1000);
  });

  it('the first 48 bits are the given Unix time in milliseconds', () => {
    for (const t of [0, 1, 1_795_140_000_000, Date.UTC(2026, 10, 20, 2), 2 ** 48 - 1]) {
      const id = orderedId(t);
      expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(t);
    }
  });

  it('ids made at later milliseconds sort after earlier ones as plain strings', () => {
    // Includes steps where the hex width or a digit/letter boundary changes (…9 → …a, …f → …10).
    const times = [0, 9, 10, 15, 16, 255, 256, 1_795_140_000_000, 1_795_140_000_001, 1_795_140_000_009, 1_795_140_000_010, 1_795_140_065_535, 1_795_140_065_536];
    const ids = times.map((t) => orderedId(t));
    expect([...ids].sort()).toEqual(ids);
  });
});
