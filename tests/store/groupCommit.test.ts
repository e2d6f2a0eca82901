/**
 * Group commit (issue 11): case writes made in the same event-loop turn share one SQLite transaction or one
 * PostgreSQL statement. These pin that each write still behaves as if it ran alone, on both engines (PostgreSQL
 * with TEST_DATABASE_URL, as CI runs it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Case } from '../../src/flow/case.js';
import { openStore, type Store } from '../../src/store/index.js';
import { freshDatabase } from '../support/freshDatabase.js';
import { storeAgent, storedCase } from '../support/storedCase.js';

let dir: string;
let store: Store;
let pgDb: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  pgDb = await freshDatabase();
});
afterAll(async () => {
  await pgDb?.drop();
});
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'csp-group-'));
  store = await openStore({ sqlitePath: join(dir, 'desk.db'), databaseUrl: pgDb?.url });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const agent = storeAgent;
const aCase = (id: string, version = 1, step: Case['step'] = 'intake'): Case =>
  storedCase(id, { version, step, updatedAt: `2026-11-20T02:00:0${version}.000Z` });
const event = (c: Case, kind: string) => ({ caseId: c.id, version: c.version, at: c.updatedAt, actor: agent, kind, detail: { kind } });
// PostgreSQL keeps one database for the whole file: each test draws its own case ids.
let ids: string[];
let run = 0;
beforeEach(() => {
  run++;
  ids = Array.from({ length: 12 }, (_, i) => `G${run}${String(i).padStart(2, '0')}-AAA`);
});
const kinds = async (id: string) => (await store.cases.events(id)).map((e) => e.kind);

describe(`group commit (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('concurrent inserts each land with their own event; a taken id is refused alone and adds no event', async () => {
    expect(await store.cases.insert(aCase(ids[0]!), event(aCase(ids[0]!), 'first'))).toBe(true);
    const results = await Promise.all(ids.map((id) => store.cases.insert(aCase(id), event(aCase(id), `opened ${id}`))));
    expect(results).toEqual(ids.map((id) => id !== ids[0]));
    expect(await kinds(ids[0]!)).toEqual(['first']);
    for (const id of ids.slice(1)) expect(await kinds(id)).toEqual([`opened ${id}`]);
  });

  it('concurrent saves of different cases all land with their events; a stale one conflicts and writes nothing', async () => {
    for (const id of ids) await store.cases.insert(aCase(id), event(aCase(id), 'opened'));
    const saves = ids.map((id, i) => {
      const next = aCase(id, 2, 'health');
      // The last case is saved against a version it no longer has.
      return store.cases.save(next, i === ids.length - 1 ? 5 : 1, [event(next, 'step'), event(next, 'checked')]);
    });
    const results = await Promise.all(saves);
    expect(results).toEqual(ids.map((_, i) => (i === ids.length - 1 ? 'conflict' : 'saved')));
    for (const id of ids.slice(0, -1)) {
      expect((await store.cases.get(id))?.step).toBe('health');
      expect(await kinds(id)).toEqual(['opened', 'step', 'checked']);
    }
    expect((await store.cases.get(ids.at(-1)!))?.version).toBe(1);
    expect(await kinds(ids.at(-1)!)).toEqual(['opened']);
  });

  it('two clicks on the same card in the same turn: exactly one applies, only its events are stored', async () => {
    const id = ids[0]!;
    await store.cases.insert(aCase(id), event(aCase(id), 'opened'));
    const a = aCase(id, 2, 'health');
    const b = { ...aCase(id, 2, 'troubleshoot') };
    const [ra, rb] = await Promise.all([store.cases.save(a, 1, [event(a, 'by a')]), store.cases.save(b, 1, [event(b, 'by b')])]);
    expect([ra, rb].sort()).toEqual(['conflict', 'saved']);
    const winner = ra === 'saved' ? 'a' : 'b';
    expect((await store.cases.get(id))?.step).toBe(winner === 'a' ? 'health' : 'troubleshoot');
    expect(await kinds(id)).toEqual(['opened', `by ${winner}`]);
  });

  it('reads in the same turn each get their own case, or undefined', async () => {
    for (const id of ids.slice(0, 3)) await store.cases.insert(aCase(id), event(aCase(id), 'opened'));
    const got = await Promise.all([ids[0]!, ids[1]!, 'NOP-EEE', ids[0]!, ids[2]!].map((id) => store.cases.get(id)));
    expect(got.map((c) => c?.id)).toEqual([ids[0], ids[1], undefined, ids[0], ids[2]]);
  });
});
