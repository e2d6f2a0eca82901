/**
 * The case lists' pages (`cases`, `cases all`) straight from the store, on both engines (PostgreSQL with
 * TEST_DATABASE_URL, as CI runs tests/store): newest first, ties broken by id, each page continuing exactly after the
 * last one, drafts, closed cases and other tenants' cases never listed, and the total for the range line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, CaseListPlace, CaseStep } from '../../src/flow/case.js';
import { openStore, type Store } from '../../src/store/index.js';
import { freshDatabase } from '../support/freshDatabase.js';
import { listRowOf, storeAgent, storedCase, storedIntake } from '../support/storedCase.js';

let dir: string;
let store: Store;
let pgDb: Awaited<ReturnType<typeof freshDatabase>>;
const other = { id: '29:agent-2', name: 'Kai Chen' };
const at = (minute: number) => new Date(Date.parse('2026-11-20T00:00:00.000Z') + minute * 60_000).toISOString();
/** What a full walk through the list must return, newest first: (updated_at desc, id desc). */
let expected: Case[] = [];

beforeAll(async () => {
  pgDb = await freshDatabase();
  dir = mkdtempSync(join(tmpdir(), 'csp-pages-'));
  store = await openStore({ sqlitePath: join(dir, 'desk.db'), databaseUrl: pgDb?.url });
  const put = async (id: string, minute: number, step: CaseStep, over: Partial<Case> = {}) => {
    const c = storedCase(id, { step, updatedAt: at(minute), ...over });
    expect(await store.cases.insert(c, { caseId: id, version: 1, at: c.updatedAt, actor: storeAgent, kind: 'test', detail: {} })).toBe(true);
    return c;
  };
  const listed: Case[] = [];
  // 43 cases over 41 distinct times: three share minute 7, so a page boundary can fall between equal times.
  for (let i = 0; i < 43; i++) listed.push(await put(`PG${String(i).padStart(2, '0')}`, i < 3 ? 7 : i, i % 2 ? 'decide' : 'escalated', i % 4 === 0 ? { owner: other } : {}));
  await put('DRAFT1', 90, 'intake');
  await put('CLOSED', 91, 'closed');
  await put('ELSEWH', 92, 'decide', { tenantId: 't2' });
  expected = listed.sort((a, b) => (a.updatedAt === b.updatedAt ? b.id.localeCompare(a.id) : b.updatedAt.localeCompare(a.updatedAt)));
});
afterAll(async () => {
  await store?.close();
  await pgDb?.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function walk(size: number, ownerId?: string): Promise<{ pages: string[][]; totals: number[] }> {
  const pages: string[][] = [];
  const totals: number[] = [];
  let after: CaseListPlace | undefined;
  do {
    const page = await store.cases.openPage('t1', { size, ...(after ? { after } : {}), ...(ownerId ? { ownerId } : {}) });
    pages.push(page.cases.map((c) => c.id));
    totals.push(page.total);
    after = page.next;
  } while (after && pages.length < 100);
  return { pages, totals };
}

describe('case list pages', () => {
  it('walks every open case of the tenant once, newest first, ties by id, in pages of the size asked', async () => {
    const { pages, totals } = await walk(20);
    expect(pages.map((p) => p.length)).toEqual([20, 20, 3]);
    expect(pages.flat()).toEqual(expected.map((c) => c.id));
    expect(new Set(totals)).toEqual(new Set([43]));
  });

  it('a page boundary between cases saved at the same time loses and repeats nothing', async () => {
    // Pages of 2 put boundaries everywhere, including between the three cases of minute 7.
    const { pages } = await walk(2);
    expect(pages.flat()).toEqual(expected.map((c) => c.id));
    expect(pages.at(-1)).toHaveLength(1);
  });

  it('one owner’s list: only their cases, with their own total', async () => {
    const mine = expected.filter((c) => c.owner.id === other.id).map((c) => c.id);
    const { pages, totals } = await walk(5, other.id);
    expect(pages.flat()).toEqual(mine);
    expect(totals[0]).toBe(mine.length);
  });

  it('each row is what the list shows of the stored case, read out of its JSON by the database', async () => {
    // Quotes, a backslash, Chinese and an emoji: JSON escapes all of them, the database must undo it.
    const odd = '客戶 "Contoso" \\ 😀 <b>x</b>';
    const rows = [
      storedCase('ROW001', { tenantId: 't-rows', step: 'decide', updatedAt: at(3), intake: storedIntake({ customer: { name: odd }, severity: 'A' }), owner: { id: '29:o', name: `王小明 "${odd}"` }, reminderFailure: '2026-11-20T00:02:00.000Z 403 Forbidden' }),
      storedCase('ROW002', { tenantId: 't-rows', step: 'escalated', updatedAt: at(2), intake: storedIntake({ customer: { name: 'Fabrikam' }, severity: 'nonBreakFix' }) }),
      // No intake: a case past intake without one cannot be made in the flow, but the list must not break on it.
      storedCase('ROW003', { tenantId: 't-rows', step: 'health', updatedAt: at(1) }),
    ];
    for (const c of rows) expect(await store.cases.insert(c, { caseId: c.id, version: 1, at: c.updatedAt, actor: storeAgent, kind: 'test', detail: {} })).toBe(true);
    const page = await store.cases.openPage('t-rows', { size: 20 });
    expect(page.cases).toEqual(rows.map(listRowOf));
    expect(page.cases[0]).toMatchObject({ customerName: odd, severity: 'A', reminderFailed: true });
    expect(page.cases[2]).toEqual({ id: 'ROW003', step: 'health', updatedAt: at(1), ownerName: storeAgent.name, reminderFailed: false });
  });

  it('an empty list has no next page', async () => {
    const page = await store.cases.openPage('t-none', { size: 20 });
    expect(page).toEqual({ cases: [], total: 0 });
  });
});
