import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../src/app/services.js';
import { defaultCalendar } from '../../src/sla/calendar.js';
import { workingCalendar } from '../../src/sla/workingHours.js';
import { reminderAudience, relevantUntil, type QuietHoursInput, type WorkingPerson } from '../../src/reminders/quietHours.js';
import { startHarness, cardOf, cardText, type Harness } from '../support/botHarness.js';
import type { ConnectorCall } from '../support/connectorStub.js';
import { channelId, message, tenantId } from '../support/activities.js';
import { escalatedCase, fileCase, owner, teamSettings, worker } from './fixtures.js';

/**
 * Issue 13, quiet hours: an owner in Taipei and a lead in New York, with an injected clock. 2026-11-19T19:00Z is
 * Friday 03:00 in Taipei and Thursday 14:00 in New York (EST, UTC−5).
 */
const taipeiTeam = defaultCalendar('TW'); // Asia/Taipei, Mon–Fri 09:00–18:00, Taiwan holidays
const newYorkTeam = defaultCalendar('US');
const taipei0300 = new Date('2026-11-19T19:00:00Z');
const nyLead = { id: '29:lead-ny', name: 'Jordan Ellis', aadObjectId: '00000000-0000-0000-0000-0000000000b7' };

const person = (p: { id: string; name: string }, calendar = taipeiTeam, zone?: string): WorkingPerson => {
  const cal = workingCalendar(calendar, zone);
  return { id: p.id, name: p.name, ...(cal ? { calendar: cal } : {}) };
};
const mei = person(owner, taipeiTeam, 'Asia/Taipei');
const jordan = person(nyLead, taipeiTeam, 'America/New_York');

const input = (over: Partial<QuietHoursInput>): QuietHoursInput => ({
  severity: 'B',
  kind: 'before',
  minutesBefore: 30,
  pointAt: taipei0300,
  due: new Date(taipei0300.getTime() + 30 * 60_000),
  now: taipei0300,
  owner: mei,
  leads: [jordan],
  leadsAfterBreach: true,
  ...over,
});

describe('working hours of a person', () => {
  it('are the team hours read in their own Teams zone: 03:00 in Taipei is off duty, 14:00 the same instant in New York is on', () => {
    expect(mei.calendar?.timeZone).toBe('Asia/Taipei');
    expect(jordan.calendar?.timeZone).toBe('America/New_York');
    expect(jordan.calendar?.weeklyHours.thu).toEqual(['09:00-18:00']);
    // A New York member is not off on Taiwan's holidays: the team's holiday region stays with the team's zone.
    expect(jordan.calendar?.holidayRegion).toBeUndefined();
    expect(workingCalendar(taipeiTeam, undefined)).toBeUndefined();
  });

  it('can be overridden per person in team settings (zone and/or daily hours)', () => {
    const early = workingCalendar(taipeiTeam, 'Asia/Taipei', { id: owner.id, name: '', hours: '02:00-11:00' });
    expect(early?.weeklyHours.fri).toEqual(['02:00-11:00']);
    expect(early?.weeklyHours.sat).toEqual([]);
    const moved = workingCalendar(taipeiTeam, 'Asia/Taipei', { id: owner.id, name: '', timeZone: 'Europe/London' });
    expect(moved?.timeZone).toBe('Europe/London');
    // With the override, 03:00 Taipei (19:00 London) is still off duty for the London hours, 03:00 in early hours is on.
    expect(reminderAudience(input({ owner: { ...mei, calendar: early! } }))).toMatchObject({ send: true, ownerMentioned: true, reason: 'ownerOnDuty' });
  });
});

describe('who a reminder mentions (pure, injected clock)', () => {
  it('Sev B at Taipei 03:00: the New York lead on duty, not the owner', () => {
    const a = reminderAudience(input({}));
    expect(a).toMatchObject({ send: true, ownerMentioned: false, reason: 'leadOnDuty' });
    expect(a.send && a.mentions.map((m) => m.id)).toEqual([nyLead.id]);
  });

  it('Sev A at Taipei 03:00: the owner and the lead', () => {
    const a = reminderAudience(input({ severity: 'A' }));
    expect(a).toMatchObject({ send: true, ownerMentioned: true, reason: 'severityA' });
    expect(a.send && a.mentions.map((m) => m.id)).toEqual([owner.id, nyLead.id]);
  });

  it('Sev A during the owner\'s hours stays with the owner until the breach (issue 5), then the leads too', () => {
    const morning = new Date('2026-11-20T02:00:00Z'); // 10:00 Taipei
    const before = reminderAudience(input({ severity: 'A', now: morning, pointAt: morning, due: new Date(morning.getTime() + 30 * 60_000) }));
    expect(before.send && before.mentions.map((m) => m.id)).toEqual([owner.id]);
  });

  it('Sev C whose deadline allows it waits for the owner\'s morning (09:00 Taipei)', () => {
    // Halfway at 03:00 of a deadline at 16:00: the point is relevant until 09:30, the owner starts at 09:00.
    const due = new Date('2026-11-20T08:00:00Z');
    expect(relevantUntil({ kind: 'halfway', pointAt: taipei0300, due })?.toISOString()).toBe('2026-11-20T01:30:00.000Z');
    const a = reminderAudience(input({ severity: 'C', kind: 'halfway', minutesBefore: undefined, due }));
    expect(a).toEqual({ send: false, waitUntil: new Date('2026-11-20T01:00:00Z'), reason: 'ownerMorning' });
    // The same point with a deadline at 11:00 Taipei would be read with less than half its time left: the lead instead.
    const tight = reminderAudience(input({ severity: 'C', kind: 'halfway', minutesBefore: undefined, due: new Date('2026-11-20T03:00:00Z') }));
    expect(tight).toMatchObject({ send: true, reason: 'leadOnDuty' });
  });

  it('never waits at or after the deadline, and with nobody on duty the owner is mentioned after all', () => {
    const due = reminderAudience(input({ kind: 'due', minutesBefore: undefined, due: taipei0300, severity: 'C' }));
    expect(due).toMatchObject({ send: true, reason: 'leadOnDuty' });
    const nightLead = person(nyLead, taipeiTeam, 'Asia/Taipei');
    const nobody = reminderAudience(input({ leads: [nightLead] }));
    expect(nobody).toMatchObject({ send: true, ownerMentioned: true, reason: 'nobodyOnDuty' });
    expect(nobody.send && nobody.mentions.map((m) => m.id)).toEqual([owner.id]);
  });

  it('an owner whose zone is unknown is mentioned as before (quiet hours do not guess)', () => {
    const a = reminderAudience(input({ owner: { id: owner.id, name: owner.name } }));
    expect(a).toMatchObject({ send: true, ownerMentioned: true, reason: 'ownerHoursUnknown' });
  });

  it('during the owner\'s hours the owner is mentioned, and after the breach the leads on duty too', () => {
    const morning = new Date('2026-11-20T02:00:00Z'); // 10:00 Taipei, 21:00 Thursday in New York
    const before = reminderAudience(input({ now: morning, pointAt: morning, due: new Date(morning.getTime() + 30 * 60_000) }));
    expect(before).toMatchObject({ send: true, ownerMentioned: true, reason: 'ownerOnDuty' });
    expect(before.send && before.mentions.map((m) => m.id)).toEqual([owner.id]);
    const dayLead = person({ id: '29:lead-tpe', name: 'Lin' }, taipeiTeam, 'Asia/Taipei');
    const overdue = reminderAudience(input({ kind: 'overdue', now: morning, pointAt: morning, due: new Date(morning.getTime() - 3_600_000), leads: [jordan, dayLead] }));
    // Jordan is asleep at 21:00 in New York: only the Taipei lead is paged for a Sev B breach.
    expect(overdue.send && overdue.mentions.map((m) => m.id)).toEqual([owner.id, '29:lead-tpe']);
  });
});

describe('the reminder worker applies quiet hours (HTTP entry point, connector stub)', () => {
  let h: Harness;
  let app: AppServices;
  let seq = 0;
  const nextId = () => `QH-${String(++seq).padStart(4, '0')}`;
  const replies = (caseId: string) => h.stub.calls.filter((c) => c.op === 'reply' && c.conversationId === `${channelId};messageid=root-${caseId}`);
  const textOf = (c: ConnectorCall) => `${c.body.text ?? ''}\n${cardText(cardOf(c.body))}`;
  const mentioned = (c: ConnectorCall) => [...(c.body.entities ?? []), ...(cardOf(c.body)?.msteams?.entities ?? [])].filter((e: any) => e.type === 'mention').map((e: any) => e.mentioned.id);

  beforeAll(async () => {
    h = await startHarness({ now: '2026-11-19T10:00:00Z' });
    app = h.app.services;
    // Both used the bot: their Teams clients reported their zones (clientInfo), which the bot keeps per person.
    await h.post(message('help', { serviceUrl: h.stub.url, user: owner, timeZone: 'Asia/Taipei' }));
    await h.post(message('help', { serviceUrl: h.stub.url, user: nyLead, timeZone: 'America/New_York' }));
  });
  afterAll(async () => h.close());
  beforeEach(async () => {
    h.stub.reset();
    await teamSettings(app, (s) => ({ ...s, locale: 'en', calendar: taipeiTeam, leads: [{ id: nyLead.id, name: nyLead.name }] }));
  });

  it('stores each person\'s Teams time zone when they use the bot', async () => {
    expect((await app.store.people.find(tenantId, owner.id))?.timeZone).toBe('Asia/Taipei');
    expect((await app.store.people.find(tenantId, nyLead.aadObjectId))?.timeZone).toBe('America/New_York');
  });

  it('Sev B at Taipei 03:00 mentions the New York lead, not the owner', async () => {
    // English Sev B filed at 23:30 Taipei: due 03:30, "30 minutes before" at 03:00.
    const c = await fileCase(app, escalatedCase({ id: nextId(), serviceUrl: h.stub.url, filedAt: '2026-11-19T15:30:00.000Z', severity: 'B' }));
    expect(c.initialResponseDue).toBe('2026-11-19T19:30:00.000Z');
    const w = worker(app, { id: 'qh1', clock: () => h.clock.now });
    h.clock.set('2026-11-19T17:30:00Z');
    await w.tick();
    h.stub.reset();
    h.clock.set(taipei0300);
    await w.tick();
    const [r] = replies(c.id);
    expect(r).toBeDefined();
    expect(mentioned(r!)).toEqual([nyLead.id]);
    expect(textOf(r!)).toContain('<at>Jordan Ellis</at>');
    expect(textOf(r!)).toContain('its owner, Mei Lin, is outside working hours');
    expect(textOf(r!)).not.toContain('<at>Mei Lin</at>');
  });

  it('Sev A at Taipei 03:00 mentions the owner and the lead', async () => {
    // English Sev A filed at 01:00 Taipei: due 03:00.
    const c = await fileCase(app, escalatedCase({ id: nextId(), serviceUrl: h.stub.url, filedAt: '2026-11-19T17:00:00.000Z', severity: 'A' }));
    const w = worker(app, { id: 'qh2', clock: () => h.clock.now });
    for (const at of ['2026-11-19T18:00:00Z', '2026-11-19T18:30:00Z', '2026-11-19T18:50:00Z']) {
      h.clock.set(at);
      await w.tick();
    }
    h.stub.reset();
    h.clock.set(taipei0300);
    await w.tick();
    const [r] = replies(c.id);
    expect(r).toBeDefined();
    expect(mentioned(r!).sort()).toEqual([nyLead.id, owner.id].sort());
    expect(textOf(r!)).toContain('<at>Mei Lin</at>');
    expect(textOf(r!)).toContain('<at>Jordan Ellis</at>');
  });

  it('a Sev C reminder whose deadline allows waits for the owner\'s morning, then mentions the owner', async () => {
    // A New York business-hours calendar (local-language clock) with the owner in Taipei: follow-the-sun.
    await teamSettings(app, (s) => ({ ...s, calendar: newYorkTeam }));
    // Filed Thursday 14:00 New York: 8 business hours → due Friday 13:00 New York (18:00Z); halfway Thursday 18:00 NY = 07:00 Taipei.
    const c = await fileCase(app, escalatedCase({ id: nextId(), serviceUrl: h.stub.url, filedAt: '2026-11-19T19:00:00.000Z', severity: 'C', supportLanguage: 'local' }));
    expect(c.initialResponseDue).toBe('2026-11-20T18:00:00.000Z');
    const halfway = (await app.store.reminders.forCase(c.id)).find((r) => r.kind === 'halfway');
    expect(halfway?.dueAt).toBe('2026-11-19T23:00:00.000Z');
    const w = worker(app, { id: 'qh3', clock: () => h.clock.now });
    h.clock.set('2026-11-19T23:00:00Z');
    await w.tick();
    expect(replies(c.id)).toHaveLength(0);
    const waiting = (await app.store.reminders.forCase(c.id)).find((r) => r.kind === 'halfway');
    expect(waiting?.state).toBe('pending');
    expect(waiting?.lastError).toMatch(/quiet hours/);
    // It comes due again at 09:00 Friday in Taipei (01:00Z), not a minute before.
    h.clock.set('2026-11-20T00:59:00Z');
    await w.tick();
    expect(replies(c.id)).toHaveLength(0);
    h.clock.set('2026-11-20T01:00:00Z');
    await w.tick();
    const [r] = replies(c.id);
    expect(r).toBeDefined();
    expect(mentioned(r!)).toEqual([owner.id]);
  });
});

describe('`my hours`: each person sees and overrides their own working hours (HTTP entry point)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ now: '2026-11-19T10:00:00Z' });
  });
  afterAll(async () => h.close());
  const say = async (text: string, w: Partial<Parameters<typeof message>[1]> = {}) => {
    h.stub.reset();
    await h.post(message(text, { serviceUrl: h.stub.url, kind: 'channel', user: owner, ...w }));
    const [call] = await h.stub.waitFor((c) => c.some((x) => x.op === 'reply' || x.op === 'send'));
    return String(call!.body.text);
  };

  it('shows the hours from the Teams zone, saves an override in team settings, and resets it', async () => {
    await teamSettings(h.app.services, (s) => ({ ...s, calendar: taipeiTeam }));
    expect(await say('my hours', { timeZone: 'America/New_York' })).toContain('mon tue wed thu fri 09:00-18:00 (America/New_York)');
    expect(await say('my hours 07:00-16:00 Asia/Taipei', { timeZone: 'America/New_York' })).toContain('Saved. Reminders treat you as working mon tue wed thu fri 07:00-16:00 (Asia/Taipei), as you set');
    const { settings } = await (await import('../../src/settings/teamSettings.js')).loadTeamSettings(h.app.services, '19:team-general@thread.tacv2');
    expect(settings.memberHours).toEqual([{ id: owner.id, name: owner.name, hours: '07:00-16:00', timeZone: 'Asia/Taipei' }]);
    expect(await say('我的工作時間 25:00-26:00', { locale: 'zh-TW' })).toContain('無法理解「25:00-26:00」');
    expect(await say('my hours reset', { timeZone: 'America/New_York' })).toContain('(America/New_York): your Teams time zone');
  });
});
