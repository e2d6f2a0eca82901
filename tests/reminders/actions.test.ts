import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../src/app/services.js';
import { startHarness, cardText, type Harness } from '../support/botHarness.js';
import { execute } from '../support/activities.js';
import { escalatedCase, fileCase, teamSettings, worker } from './fixtures.js';

let h: Harness;
let app: AppServices;
let seq = 0;
const filed = '2026-11-20T02:00:00.000Z'; // Friday 10:00 in Taipei; Sev A English → due 04:00Z
const where = () => ({ serviceUrl: h.stub.url, kind: 'channel' as const, locale: 'zh-TW', user: { id: '29:agent-2', name: 'Chen Hao' } });

beforeAll(async () => {
  h = await startHarness({ now: filed });
  app = h.app.services;
  await teamSettings(app, (s) => ({ ...s, locale: 'en', calendar: { timeZone: 'Asia/Taipei', weeklyHours: { mon: ['09:00-18:00'], tue: ['09:00-18:00'], wed: ['09:00-18:00'], thu: ['09:00-18:00'], fri: ['09:00-18:00'], sat: [], sun: [] }, holidayRegion: 'TW', customHolidays: [], makeUpWorkdays: [] } }));
});
afterAll(async () => h.close());
beforeEach(() => h.stub.reset());

async function newCase() {
  return fileCase(app, escalatedCase({ id: `RA-${String(++seq).padStart(4, '0')}`, serviceUrl: h.stub.url, filedAt: filed }));
}

describe('Microsoft responded', () => {
  it('records the typed time (team time zone), stops the reminders and shows the response time against the deadline', async () => {
    const c = await newCase();
    h.clock.set('2026-11-20T03:30:00.000Z');
    const res = await h.post(execute('reminders.responded', { verb: 'reminders.responded', caseId: c.id, version: c.version, respondedDate: '2026-11-20', respondedTime: '11:20' }, where()));
    const text = cardText(res.body.value);
    expect(text).toContain('Microsoft responded {{DATE(2026-11-20T03:20:00Z, SHORT)}} {{TIME(2026-11-20T03:20:00Z)}} (recorded by Chen Hao): 1 h 20 min after filing, 40 min before the deadline. Reminders stopped.');
    const stored = (await app.store.cases.get(c.id))!;
    expect(stored.microsoftRespondedAt).toBe('2026-11-20T03:20:00.000Z');
    expect((await app.store.reminders.forCase(c.id)).filter((r) => r.state === 'pending')).toEqual([]);
    const event = (await app.store.cases.events(c.id)).find((e) => e.kind === 'microsoft.responded')!;
    expect(event.detail).toEqual({ at: '2026-11-20T03:20:00.000Z', minutesAfterFiling: 80, due: '2026-11-20T04:00:00.000Z', minutesBeforeDeadline: 40 });
    // The root case card is updated in place for everyone in the thread.
    expect(h.stub.calls.some((x) => x.op === 'update' && x.activityId === `root-${c.id}`)).toBe(true);
    const w = worker(app, { id: 'w1', clock: () => h.clock.now });
    h.clock.set('2026-11-20T09:00:00.000Z');
    await w.tick();
    expect(h.stub.calls.filter((x) => x.op === 'reply' && x.conversationId?.includes(`root-${c.id}`))).toEqual([]);
  });

  it('without a time it records now; a time in the future is refused next to the field and nothing is stored', async () => {
    const c = await newCase();
    h.clock.set('2026-11-20T04:30:00.000Z');
    const bad = await h.post(execute('reminders.responded', { verb: 'reminders.responded', caseId: c.id, version: c.version, respondedDate: '2026-11-20', respondedTime: '13:00' }, where()));
    expect(cardText(bad.body.value)).toContain('That time is in the future; enter when Microsoft actually responded.');
    expect((await app.store.cases.get(c.id))!.microsoftRespondedAt).toBeUndefined();
    const ok = await h.post(execute('reminders.responded', { verb: 'reminders.responded', caseId: c.id, version: c.version }, where()));
    expect(cardText(ok.body.value)).toContain('2 h 30 min after filing, 30 min after the deadline');
    expect((await app.store.cases.get(c.id))!.microsoftRespondedAt).toBe('2026-11-20T04:30:00.000Z');
  });

  it('a click on a card from an older version is not applied', async () => {
    const c = await newCase();
    const res = await h.post(execute('reminders.responded', { verb: 'reminders.responded', caseId: c.id, version: c.version - 1 }, where()));
    expect(cardText(res.body.value)).toContain('This card is from an older state of the case');
    expect((await app.store.cases.get(c.id))!.microsoftRespondedAt).toBeUndefined();
  });
});

describe('Snooze', () => {
  it('1 hour: nothing until then, then one catch-up for the points it hid, then the plan goes on', async () => {
    const c = await newCase();
    h.clock.set('2026-11-20T02:55:00.000Z');
    const res = await h.post(execute('reminders.snooze', { verb: 'reminders.snooze', caseId: c.id, version: c.version, snooze: '60' }, where()));
    expect(cardText(res.body.value)).toContain('Reminders snoozed until {{DATE(2026-11-20T03:55:00Z, SHORT)}} {{TIME(2026-11-20T03:55:00Z)}} by Chen Hao.');
    const pending = (await app.store.reminders.forCase(c.id)).filter((r) => r.state === 'pending');
    // Halfway (03:00) and 30 min before (03:30) fall in the snooze: one catch-up at 03:55, collapsed with 03:50 → 03:55, then due.
    expect(pending.map((r) => [r.dueAt.slice(11, 16), r.kind])).toEqual([
      ['03:55', 'before'],
      ['04:00', 'due'],
    ]);
    expect(pending[0]!.payload).toMatchObject({ catchUp: true });
  });

  it('until a time: the next time the team clock shows it (Taipei)', async () => {
    const c = await newCase();
    h.clock.set('2026-11-20T02:10:00.000Z'); // 10:10 Taipei
    await h.post(execute('reminders.snooze', { verb: 'reminders.snooze', caseId: c.id, version: c.version, snooze: 'until', snoozeUntil: '11:45' }, where()));
    expect((await app.store.cases.get(c.id))!.snoozedUntil).toBe('2026-11-20T03:45:00.000Z');
    const c2 = await newCase();
    await h.post(execute('reminders.snooze', { verb: 'reminders.snooze', caseId: c2.id, version: c2.version, snooze: 'until', snoozeUntil: '09:00' }, where()));
    expect((await app.store.cases.get(c2.id))!.snoozedUntil).toBe('2026-11-21T01:00:00.000Z');
    const c3 = await newCase();
    const bad = await h.post(execute('reminders.snooze', { verb: 'reminders.snooze', caseId: c3.id, version: c3.version, snooze: 'until', snoozeUntil: '' }, where()));
    expect(cardText(bad.body.value)).toContain('Enter the time to snooze until.');
  });
});

describe('buttons on the case card at the thread root', () => {
  it('"Microsoft responded (now)" records now and answers with the case card, which keeps its place as the root', async () => {
    const c = await newCase();
    h.clock.set('2026-11-20T03:05:00.000Z');
    const res = await h.post(execute('reminders.thread.responded', { verb: 'reminders.thread.responded', caseId: c.id, version: c.version }, where()));
    expect(res.body.value.body[0].text).toContain(c.id);
    expect((await app.store.cases.get(c.id))!.microsoftRespondedAt).toBe('2026-11-20T03:05:00.000Z');
    // Once responded, the reminder buttons are gone from the case card.
    expect(JSON.stringify(res.body.value)).not.toContain('reminders.thread.responded');
  });

  it('"Snooze reminders 1 h" sets the snooze and the card says until when', async () => {
    const c = await newCase();
    h.clock.set('2026-11-20T02:20:00.000Z');
    const res = await h.post(execute('reminders.thread.snooze', { verb: 'reminders.thread.snooze', caseId: c.id, version: c.version }, where()));
    expect((await app.store.cases.get(c.id))!.snoozedUntil).toBe('2026-11-20T03:20:00.000Z');
    expect(cardText(res.body.value)).toContain('Reminders snoozed until {{DATE(2026-11-20T03:20:00Z, SHORT)}}');
  });
});
