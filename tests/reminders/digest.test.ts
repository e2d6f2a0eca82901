import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../src/app/services.js';
import type { Case } from '../../src/flow/case.js';
import { startHarness, cardOf, cardText, type Harness } from '../support/botHarness.js';
import { channelId, installInTeam, message, teamId } from '../support/activities.js';
import { escalatedCase, owner, teamSettings, worker } from './fixtures.js';

let h: Harness;
let app: AppServices;
const admin = { id: '29:admin-lin', name: 'Lin Admin', aadObjectId: '00000000-0000-0000-0000-0000000000b1' };
const monday0900Taipei = '2026-11-23T01:00:00.000Z';

async function put(c: Case) {
  await app.store.cases.insert(c, { caseId: c.id, version: 1, at: c.createdAt, actor: owner, kind: 'test.created', detail: {} });
}

beforeAll(async () => {
  h = await startHarness({ now: '2026-11-21T02:00:00Z' }); // Saturday
  app = h.app.services;
  await h.post(installInTeam({ serviceUrl: h.stub.url, user: admin }));
  await h.post(message('help', { serviceUrl: h.stub.url, kind: 'channel', user: admin }));
  await teamSettings(app, (s) => ({
    ...s,
    escalationChannelId: channelId,
    locale: 'zh-TW',
    digestTime: '09:00',
    calendar: { timeZone: 'Asia/Taipei', weeklyHours: { mon: ['09:00-18:00'], tue: ['09:00-18:00'], wed: ['09:00-18:00'], thu: ['09:00-18:00'], fri: ['09:00-18:00'], sat: [], sun: [] }, holidayRegion: 'TW', customHolidays: [], makeUpWorkdays: [] },
  }));
  const base = (id: string, due: string) => ({ ...escalatedCase({ id, serviceUrl: h.stub.url, filedAt: '2026-11-22T20:00:00.000Z' }), initialResponseDue: due });
  await put(base('DG-0001', '2026-11-23T00:30:00.000Z')); // breached
  await put(base('DG-0002', '2026-11-23T06:00:00.000Z')); // due today 14:00 Taipei
  await put(base('DG-0003', '2026-11-24T06:00:00.000Z')); // tomorrow
  const isv = escalatedCase({ id: 'DG-0004', serviceUrl: h.stub.url, filedAt: '2026-11-20T02:00:00.000Z' });
  const { serviceRequest: _sr, escalation: _e, ...rest } = isv;
  await put({ ...rest, step: 'waitingOnIsv' });
});
afterAll(async () => h.close());

describe('daily digest', () => {
  it('is posted once at 09:00 on the next business day, in the team language, even with two workers ticking together', async () => {
    const a = worker(app, { id: 'wa', clock: () => h.clock.now });
    const b = worker(app, { id: 'wb', clock: () => h.clock.now });
    h.stub.reset();
    // Saturday and Sunday are not business days in this calendar: nothing.
    for (const at of ['2026-11-21T01:00:00.000Z', '2026-11-22T01:00:00.000Z', '2026-11-23T00:59:59.000Z']) {
      h.clock.set(at);
      await Promise.all([a.tick(), b.tick()]);
    }
    expect(h.stub.calls.filter((c) => c.op === 'createConversation')).toEqual([]);
    h.clock.set(monday0900Taipei);
    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.tick(), b.tick()]);
    const posts = h.stub.calls.filter((c) => c.op === 'createConversation');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body.channelData.channel.id).toBe(channelId);
    const text = cardText(cardOf(posts[0]!.body.activity));
    expect(text).toContain('每日摘要：Helpdesk');
    expect(text).toContain('4 件未結 · 1 件今日到期 · 1 件已逾期 · 1 件等候 ISV');
    expect(text).toContain('DG-0001 · Contoso Ltd · 已逾期 30 分鐘');
    expect(text).toContain('DG-0002 · Contoso Ltd · 剩餘 5 小時');
    const links = JSON.stringify(cardOf(posts[0]!.body.activity));
    expect(links).toContain(`https://teams.microsoft.com/l/message/${encodeURIComponent(channelId)}/root-DG-0001?tenantId=`);
    // Tuesday's digest is planned next.
    const rows = await app.store.db.kysely.selectFrom('reminders').select(['id', 'state']).where('kind', '=', 'digest').orderBy('id').execute();
    expect(rows).toEqual([
      { id: `digest:${teamId}:2026-11-23:0900`, state: 'sent' },
      { id: `digest:${teamId}:2026-11-24:0900`, state: 'pending' },
    ]);
  });
});
