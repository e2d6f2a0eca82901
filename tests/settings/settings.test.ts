import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, cardOf, cardText, type Harness } from '../support/botHarness.js';
import { textAfter } from '../support/cards.js';
import { channelId, execute, installInTeam, message, teamId } from '../support/activities.js';
import { loadTeamSettings } from '../../src/settings/teamSettings.js';

let h: Harness;
const admin = { id: '29:admin-lin', name: 'Lin Admin', aadObjectId: '00000000-0000-0000-0000-0000000000b1' };
const other = { id: '29:agent-wu', name: 'Wu Agent', aadObjectId: '00000000-0000-0000-0000-0000000000c1' };
const inChannel = (user: typeof admin, locale = 'en-US') => ({ serviceUrl: h.stub.url, kind: 'channel' as const, user, locale });

beforeAll(async () => {
  h = await startHarness({ now: '2026-11-20T02:00:00Z' });
  await h.post(installInTeam({ serviceUrl: h.stub.url, user: admin }));
  // The escalation channel is registered when the bot is @mentioned there.
  await h.post(message('help', inChannel(admin)));
});
afterAll(async () => h.close());
beforeEach(() => h.stub.reset());

async function saveInputs(user: typeof admin, inputs: Record<string, unknown>, locale = 'en-US') {
  const base = {
    verb: 'settings.save', teamId, version: 1, escalationChannelId: channelId, locale: 'zh-TW', timeZone: 'Asia/Taipei',
    hours_mon: '09:00-12:00, 13:30-18:00', hours_tue: '09:00-18:00', hours_wed: '09:00-18:00', hours_thu: '09:00-18:00', hours_fri: '09:00-18:00', hours_sat: '', hours_sun: '',
    holidayRegion: 'TW', customHolidays: '2026-12-24', makeUpWorkdays: '', businessHoursSeverities: 'B,C',
    halfway: 'true', minutesBefore: '30, 10', atDue: 'true', overdueEvery: '20', mentionLeads: 'true', leads: '', leadsAddMe: 'true', digestTime: '09:30', admins: '',
  };
  return h.post(execute('settings.save', { ...base, ...inputs }, inChannel(user, locale)));
}

describe('settings command and card', () => {
  it.each([
    ['en-US', 'settings', 'Team settings'],
    ['zh-TW', '設定', '團隊設定'],
    ['zh-CN', '设置', '团队设置'],
  ])('%s: "%s" shows the card to the admin who installed the bot', async (locale, word, title) => {
    await h.post(message(word, inChannel(admin, locale)));
    const [call] = await h.stub.waitFor((c) => c.some((x) => x.op === 'reply' || x.op === 'send'));
    const card = cardOf(call!.body);
    expect(card.body[0].text).toBe(title);
    expect(card.actions[0]).toMatchObject({ verb: 'settings.save', data: { teamId } });
  });

  it('anyone else gets a polite refusal, also when they post the Save data themselves', async () => {
    await h.post(message('settings', inChannel(other)));
    const [call] = await h.stub.waitFor((c) => c.length > 0);
    expect(call!.body.text).toContain("only this team's settings admins can change the settings");
    const res = await saveInputs(other, {});
    expect(res.body.value).toContain("only this team's settings admins");
    expect((await loadTeamSettings(h.app.services, teamId)).settings.calendar).toBeUndefined();
  });

  it('bad values come back with a clear message next to each field, and nothing is stored', async () => {
    const res = await saveInputs(admin, { timeZone: 'Mars/Olympus', hours_mon: '9-18', digestTime: '25:00', overdueEvery: 'often', customHolidays: '2026-02-30' });
    const card = res.body.value;
    const text = cardText(card);
    expect(text).toContain('Not saved yet: please fix the fields marked below.');
    const after = (id: string) => textAfter(card, id);
    expect(after('timeZone')).toContain('Enter an IANA time zone such as Asia/Taipei');
    expect(after('hours_mon')).toContain('Use HH:MM-HH:MM windows');
    expect(after('digestTime')).toContain('Enter a time as HH:MM (24-hour) or off.');
    expect(after('overdueEvery')).toContain('Enter auto or whole minutes between 5 and 1440.');
    expect(after('customHolidays')).toContain('Use real dates as YYYY-MM-DD.');
    // What was typed stays in the form.
    expect(JSON.stringify(card)).toContain('"value":"Mars/Olympus"');
    expect((await loadTeamSettings(h.app.services, teamId)).settings.calendar).toBeUndefined();
  });

  it('valid values are stored, parsed by the clock schemas, and the admin becomes a lead with their name', async () => {
    const res = await saveInputs(admin, {});
    expect(cardText(res.body.value)).toContain('Saved by Lin Admin.');
    const { settings } = await loadTeamSettings(h.app.services, teamId);
    expect(settings).toMatchObject({
      escalationChannelId: channelId,
      locale: 'zh-TW',
      digestTime: '09:30',
      calendar: { timeZone: 'Asia/Taipei', holidayRegion: 'TW', customHolidays: ['2026-12-24'], weeklyHours: { mon: ['09:00-12:00', '13:30-18:00'], sat: [] } },
      slaPolicy: { businessHoursSeverities: ['B', 'C'] },
      reminderPolicy: { minutesBefore: [30, 10], overdueEveryMinutes: 20, halfway: true, atDue: true, mentionLeadsAfterBreach: true },
      leads: [{ id: admin.aadObjectId, name: 'Lin Admin' }],
    });
    expect(settings.admins).toContain(admin.id);
    // It is Friday 10:00 in Taipei, past today's 09:30: the next digest is Monday 09:30.
    const rows = await h.app.services.store.db.kysely.selectFrom('reminders').selectAll().where('kind', '=', 'digest').execute();
    expect(rows.map((r) => [r.id, r.due_at])).toEqual([[`digest:${teamId}:2026-11-23:0930`, '2026-11-23T01:30:00.000Z']]);
  });
});
