import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CaseStep } from '../../src/flow/case.js';
import { storedCase, storedIntake } from '../support/storedCase.js';
import { caseIdAlphabet } from '../../src/flow/caseId.js';
import { cardOf, cardText, startHarness, type Harness } from '../support/botHarness.js';
import { execute, message, tenantId, type Where } from '../support/activities.js';
import { actionsOf } from '../support/cards.js';

/** `cases` and `cases all` a page at a time: twenty rows, newest first, "Older cases" to go on (src/teams/handlers/caseLists.ts). */

let h: Harness;
// The stored cases carry their own times; the clock only has to be after them.
beforeAll(async () => void (h = await startHarness({ now: '2026-11-03T01:00:00Z' })));
afterAll(() => h.close());
beforeEach(() => h.stub.reset());

const en = (): Where => ({ serviceUrl: h.stub.url, locale: 'en-US' });
const mei = { id: '29:agent-1', name: 'Mei Lin', aadObjectId: '00000000-0000-0000-0000-0000000000a1' };
const kai = { id: '29:agent-2', name: 'Kai Chen' };

let serial = 0;
/** IDs in the bot's alphabet, so the "Older cases" data carries a real case ID. */
const nextId = () => {
  const n = serial++;
  const a = caseIdAlphabet;
  return `TST-${a[Math.floor(n / a.length / a.length) % a.length]}${a[Math.floor(n / a.length) % a.length]}${a[n % a.length]}`;
};

async function store(over: { step?: CaseStep; updatedAt: string; tenant?: string; owner?: { id: string; name: string; aadObjectId?: string }; customer?: string }): Promise<string> {
  const id = nextId();
  const owner = over.owner ?? mei;
  const c = storedCase(id, {
    tenantId: over.tenant ?? tenantId,
    version: 3,
    step: over.step ?? 'decide',
    updatedAt: over.updatedAt,
    createdBy: owner,
    owner,
    updatedBy: owner,
    intake: storedIntake({ customer: { name: over.customer ?? `Customer ${id}` } }),
  });
  expect(await h.app.services.store.cases.insert(c, { caseId: id, version: 3, at: over.updatedAt, actor: owner, kind: 'test.stored', detail: {} })).toBe(true);
  return id;
}

const minute = (m: number) => new Date(Date.parse('2026-11-02T00:00:00.000Z') + m * 60_000).toISOString();
const listedIds = (card: any): string[] => actionsOf(card, 'Action.Execute').filter((a) => a.verb === 'flow.case.show').map((a) => a.data.caseId);
const action = (card: any, verb: string, title: string) => actionsOf(card, 'Action.Execute').find((a) => a.verb === verb && a.title === title);

async function typed(words: string, w: Where): Promise<{ card: any; activity: any }> {
  h.stub.reset();
  await h.post(message(words, w));
  const [call] = await h.stub.waitFor((c) => c.some((x) => x.op === 'reply'));
  return { card: cardOf(call!.body), activity: call!.body };
}

async function clicked(a: any, w: Where): Promise<any> {
  const res = await h.post(execute(a.verb, a.data, w));
  expect(res.status).toBe(200);
  return cardOf(res.body);
}

describe('case lists a page at a time', () => {
  // 45 of this tenant's cases listed (newest = highest minute), plus what a list must never show.
  const listed: string[] = [];
  let mine: string[] = [];
  beforeAll(async () => {
    for (let m = 0; m < 45; m++) listed.push(await store({ updatedAt: minute(m), owner: m % 3 === 0 ? kai : mei }));
    // Two cases saved in the same millisecond: the ID orders them, so the page boundary between them is exact.
    listed.push(await store({ updatedAt: minute(44) }));
    await store({ updatedAt: minute(100), step: 'intake' }); // a draft
    await store({ updatedAt: minute(101), step: 'closed' });
    await store({ updatedAt: minute(102), tenant: '11111111-2222-3333-4444-555555555555' }); // another partner's
    mine = listed.filter((_, i) => i >= 45 || i % 3 !== 0);
  });
  const newestFirst = () =>
    listed
      .map((id, i) => ({ id, at: minute(Math.min(i, 44)) }))
      .sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1))
      .map((x) => x.id);

  it('cases all: twenty newest first, a range line, Older cases to the end and Newest cases back, with nothing skipped or repeated', async () => {
    const expected = newestFirst();
    const first = (await typed('cases all', en())).card;
    expect(listedIds(first)).toEqual(expected.slice(0, 20));
    expect(cardText(first)).toContain('Showing 1–20 of 46, most recently updated first.');
    expect(action(first, 'cases.all', 'Newest cases')).toBeUndefined();

    const second = await clicked(action(first, 'cases.all', 'Older cases'), en());
    expect(listedIds(second)).toEqual(expected.slice(20, 40));
    expect(cardText(second)).toContain('Showing 21–40 of 46');
    const third = await clicked(action(second, 'cases.all', 'Older cases'), en());
    expect(listedIds(third)).toEqual(expected.slice(40));
    expect(cardText(third)).toContain('Showing 41–46 of 46');
    expect(action(third, 'cases.all', 'Older cases')).toBeUndefined();

    const back = await clicked(action(third, 'cases.all', 'Newest cases'), en());
    expect(listedIds(back)).toEqual(expected.slice(0, 20));
  });

  it('a case updated while the agent pages moves to the top; the next page neither repeats nor skips the others', async () => {
    const first = (await typed('cases all', en())).card;
    const before = newestFirst();
    // Saving one of the second page's cases makes it the newest; the keyset continues after the first page's last case.
    const moved = before[25]!;
    const c = (await h.app.services.store.cases.get(moved))!;
    expect(await h.app.services.store.cases.save({ ...c, version: c.version + 1, updatedAt: minute(200) }, c.version, [])).toBe('saved');
    try {
      const second = await clicked(action(first, 'cases.all', 'Older cases'), en());
      expect(listedIds(second)).toEqual(before.slice(20, 41).filter((id) => id !== moved));
      expect(listedIds((await typed('cases all', en())).card)[0]).toBe(moved);
    } finally {
      const now = (await h.app.services.store.cases.get(moved))!;
      await h.app.services.store.cases.save({ ...now, version: now.version + 1, updatedAt: c.updatedAt }, now.version, []);
    }
  });

  it('cases (mine) pages over the agent’s own cases only; zh-TW wording', async () => {
    const zh: Where = { ...en(), locale: 'zh-TW' };
    const first = (await typed('我的案例', zh)).card;
    const expected = newestFirst().filter((id) => mine.includes(id));
    expect(listedIds(first)).toEqual(expected.slice(0, 20));
    expect(cardText(first)).toContain(`顯示第 1–20 筆，共 ${mine.length} 筆，最近更新的在前。`);
    const second = await clicked(action(first, 'cases.mine', '較早的案例'), zh);
    expect(listedIds(second)).toEqual(expected.slice(20));
    expect(action(second, 'cases.mine', '較早的案例')).toBeUndefined();
  });

  it('paging data that does not parse (hand-made or from another build) shows the first page, not an error', async () => {
    for (const data of [
      { verb: 'cases.all', afterUpdatedAt: 'yesterday', afterId: listed[0], shown: 20 },
      { verb: 'cases.all', afterUpdatedAt: minute(10), afterId: "x' or 1=1 --", shown: 20 },
      { verb: 'cases.all', afterUpdatedAt: minute(10), afterId: listed[0], shown: -5 },
    ]) {
      const card = await clicked({ verb: 'cases.all', data }, en());
      expect(listedIds(card)).toEqual(newestFirst().slice(0, 20));
      expect(cardText(card)).toContain('Showing 1–20 of 46');
    }
  });

  it('a list with one page has no range line and no paging buttons', async () => {
    const other: Where = { ...en(), tenant: '11111111-2222-3333-4444-555555555555' };
    const { card } = await typed('cases all', other);
    expect(listedIds(card)).toHaveLength(1);
    expect(cardText(card)).not.toContain('Showing');
    expect(actionsOf(card, 'Action.Execute').map((a) => a.verb)).toEqual(['flow.case.show', 'case.new']);
  });
});

describe('a full page stays inside Teams’ message size', () => {
  it('twenty cases with 200-character customer names and long owner names: the reply is under the 80 KB Teams recommends (UTF-16)', async () => {
    const tenant = '22222222-3333-4444-5555-666666666666';
    const owner = { id: '29:agent-long', name: '陳'.repeat(128) };
    for (let m = 0; m < 30; m++) await store({ updatedAt: minute(m), tenant, owner, customer: '台灣微軟雲端解決方案合作夥伴股份有限公司'.repeat(10).slice(0, 200) });
    const { card, activity } = await typed('cases all', { ...en(), tenant });
    expect(listedIds(card)).toHaveLength(20);
    // Teams counts the whole message as UTF-16: two bytes per code unit of the JSON it receives.
    expect(JSON.stringify(activity).length * 2).toBeLessThan(80 * 1024);
  });
});
