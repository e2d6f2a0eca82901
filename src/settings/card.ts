/**
 * The team settings card (issue 5 point 6; shortened in issue 13): current values, or what was typed with the
 * problems next to each field. The everyday choices are on top (channel, language, time zone from a list, workdays and
 * opening hours as time pickers, leads from Teams' people picker); per-day hours, extra holidays and the reminder
 * cadence sit behind "More …" toggles (Adaptive Cards 1.5 isVisible + Action.ToggleVisibility), opened by themselves
 * when they hold a value the short form cannot show or an error.
 */
import { renderCard, type Card } from '../cards/render.js';
import type { ChannelRecord } from '../store/channels.js';
import { t, type Locale } from '../i18n/index.js';
import { weekdays, holidaySource } from '../sla/calendar.js';
import type { FieldError } from '../flow/forms.js';
import { defaultSlaPolicy } from '../sla/deadline.js';
import { defaultReminderPolicy } from '../sla/reminderPlan.js';
import { calendarOf } from '../reminders/teamPolicies.js';
import { commonTimeZones, zoneTitle } from '../sla/zoneRegion.js';
import { hoursField, simpleHoursOf } from './form.js';
import { nameOf, type TeamSettings } from './teamSettings.js';

export interface SettingsCardInput {
  teamId: string;
  version: number;
  settings: TeamSettings;
  channels: ChannelRecord[];
  locale: Locale;
  /** What the admin typed, when the form comes back with errors. */
  typed?: Record<string, unknown>;
  errors?: FieldError[];
  notice?: { text: string; color: 'Good' | 'Attention' | 'Default' };
  year: number;
  /** For the time-zone list's UTC offsets (today's, DST included). */
  now?: Date;
  /** People to offer besides the team roster: the admin at the keyboard and recent case owners. */
  people: { id: string; name: string }[];
}

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'boolean' ? String(v) : '');

const calendarMoreFields = ['customHolidays', 'makeUpWorkdays', ...weekdays.map(hoursField)];
const remindersMoreFields = ['minutesBefore', 'overdueEvery'];

export function settingsCard(input: SettingsCardInput): Card {
  const { settings: s, locale } = input;
  const tr = (key: string, params?: Record<string, string | number>) => t(locale, `settings.${key}`, params);
  const xr = (key: string, params?: Record<string, string | number>) => t(locale, `experience.settings.${key}`, params);
  const { calendar: cal, source } = calendarOf(s, locale);
  const sla = s.slaPolicy ?? defaultSlaPolicy;
  const rem = s.reminderPolicy ?? defaultReminderPolicy;
  const simple = simpleHoursOf(cal);
  const stored: Record<string, string> = {
    escalationChannelId: s.escalationChannelId ?? '',
    locale: s.locale ?? 'case',
    timeZone: cal.timeZone,
    workdays: (simple?.days ?? weekdays.filter((d) => cal.weeklyHours[d].length > 0)).join(','),
    opens: simple?.opens ?? '09:00',
    closes: simple?.closes ?? '18:00',
    breakStart: simple?.breakStart ?? '',
    breakEnd: simple?.breakEnd ?? '',
    perDay: simple ? 'false' : 'true',
    holidayRegion: cal.holidayRegion ?? '',
    customHolidays: cal.customHolidays.join(', '),
    makeUpWorkdays: cal.makeUpWorkdays.join(', '),
    businessHoursSeverities: sla.businessHoursSeverities.join(','),
    halfway: String(rem.halfway),
    minutesBefore: rem.minutesBefore.join(', '),
    atDue: String(rem.atDue),
    overdueEvery: String(rem.overdueEveryMinutes),
    mentionLeads: String(rem.mentionLeadsAfterBreach),
    leads: s.leads.map((l) => l.id).join(','),
    digestTime: s.digestTime === 'off' ? '09:00' : s.digestTime,
    digestOff: String(s.digestTime === 'off'),
    admins: s.admins.join(','),
    ...Object.fromEntries(weekdays.map((d) => [hoursField(d), cal.weeklyHours[d].join(', ')])),
  };
  const v = Object.fromEntries(Object.entries(stored).map(([k, val]) => [k, input.typed && Object.hasOwn(input.typed, k) ? str(input.typed[k]) : val]));
  const errorFor = (field: string) =>
    (input.errors ?? [])
      .filter((e) => e.field === field)
      .map((e) => t(locale, e.key, e.params))
      .join(' ');
  const fields = ['escalationChannelId', 'timeZone', 'opens', 'holidayRegion', 'customHolidays', 'makeUpWorkdays', 'businessHoursSeverities', 'minutesBefore', 'overdueEvery', 'digestTime'];
  const e = Object.fromEntries(fields.map((f) => [f, errorFor(f)]));
  const sourceNote = holidaySource(cal.holidayRegion, input.year) === 'date-holidays' ? tr('hint.makeUpDays', { year: input.year }) : '';
  const labels = [
    'channelSection', 'escalationChannel', 'locale', 'calendarSection', 'hoursHint', 'holidayRegion', 'customHolidays', 'makeUpWorkdays',
    'slaSection', 'businessHoursSeverities', 'remindersSection', 'halfway', 'minutesBefore', 'atDue', 'overdueEvery', 'mentionLeads', 'leads',
    'leadsAddMe', 'adminsSection', 'admins', 'save',
  ];
  const own = [
    'timeZone', 'timeZoneRequired', 'escalationChannelRequired', 'workdays', 'opens', 'opensRequired', 'closes', 'closesRequired', 'breakStart', 'breakEnd',
    'perDay', 'moreCalendar', 'moreCalendarTip', 'moreReminders', 'moreRemindersTip', 'digestTime', 'digestOff',
  ];
  const l: Record<string, string> = {
    ...Object.fromEntries(labels.map((k) => [k, tr(`field.${k}`)])),
    ...Object.fromEntries(own.map((k) => [k, xr(`field.${k}`)])),
  };
  if (sourceNote) l.makeUpWorkdays = `${l.makeUpWorkdays} (${sourceNote})`;
  const now = input.now ?? new Date(Date.UTC(input.year, 0, 15));
  const zones = [...new Set([v.timeZone ?? '', cal.timeZone, ...commonTimeZones].filter(Boolean))].map((z) => ({ title: zoneTitle(z, now), value: z }));
  const channels = channelChoices(input);
  return renderCard('settings', {
    teamId: input.teamId,
    version: input.version,
    title: tr('title'),
    intro: tr('intro'),
    notice: input.notice?.text ?? '',
    noticeColor: input.notice?.color ?? 'Default',
    calendarLine:
      source === 'saved'
        ? ''
        : source === 'teamsTimeZone'
          ? xr('calendarFromTimeZone', { timeZone: cal.timeZone, name: s.observedTimeZone?.by ?? '' })
          : xr('calendarFromLanguage', { timeZone: cal.timeZone }),
    l,
    v,
    e,
    channels: channels.choices,
    channelsNote: channels.named ? '' : xr('channelsUnnamed'),
    locales: [
      { title: tr('locale.case'), value: 'case' },
      { title: 'English', value: 'en' },
      { title: '繁體中文', value: 'zh-TW' },
      { title: '简体中文', value: 'zh-CN' },
    ],
    zones,
    weekdayChoices: weekdays.map((d) => ({ title: tr(`day.${d}`), value: d })),
    showCalendarMore: v.perDay === 'true' || cal.customHolidays.length > 0 || cal.makeUpWorkdays.length > 0 || calendarMoreFields.some((f) => errorFor(f) !== ''),
    showRemindersMore: remindersMoreFields.some((f) => errorFor(f) !== ''),
    days: weekdays.map((d) => ({ id: hoursField(d), label: tr(`day.${d}`), value: v[hoursField(d)] ?? '', error: errorFor(hoursField(d)) })),
    severities: (['A', 'B', 'C'] as const).map((x) => ({ title: tr(`severity.${x}`, { hours: sla.hours[x] }), value: x })),
    people: peopleChoices(input, xr),
  });
}

/** Channel names as Teams lists them (cached by the roster sync); an unnamed one is numbered rather than shown as an id. */
function channelChoices(input: SettingsCardInput): { choices: { title: string; value: string }[]; named: boolean } {
  const known = input.channels.filter((c) => c.kind === 'channel' && c.active);
  let unnamed = 0;
  const choices = known
    .map((c) => {
      const value = c.channelId ?? c.conversationId;
      const name = c.channelName ?? (value === input.teamId ? 'General' : undefined);
      return { title: name ?? t(input.locale, 'experience.channel.unnamed', { n: ++unnamed }), value, named: Boolean(name) };
    })
    .sort((a, b) => Number(b.named) - Number(a.named) || a.title.localeCompare(b.title));
  // A ChoiceSet needs a choice: the team's General channel has the team's id.
  if (choices.length === 0) return { choices: [{ title: 'General', value: input.teamId }], named: true };
  return { choices: choices.map(({ title, value }) => ({ title, value })), named: unnamed === 0 };
}

/** Display names from the team roster, leads and recent owners; someone unknown is "Unknown person (…last characters)". */
function peopleChoices(input: SettingsCardInput, xr: (key: string, params?: Record<string, string | number>) => string) {
  const s = input.settings;
  const byId = new Map<string, string>();
  const add = (id: string, name: string) => {
    if (!id || byId.get(id)) return;
    byId.set(id, name || nameOf(s, id) || input.people.find((p) => p.id === id)?.name || '');
  };
  for (const l of s.leads) add(l.id, l.name);
  for (const a of s.admins) add(a, '');
  for (const p of input.people) add(p.id, p.name);
  for (const r of s.roster.slice(0, 100)) add(r.aadObjectId ?? r.id, r.name);
  // The same person can be listed by Teams user id (29:…) and by Entra object id: show each name once, prefer the object id.
  const seen = new Set<string>();
  const out: { title: string; value: string }[] = [];
  for (const [id, name] of byId) {
    const title = name || xr('unknownPerson', { id: id.slice(-6) });
    const key = name ? `${name}\u0000${rosterKey(s, id)}` : id;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ title, value: id });
  }
  return out;
}

function rosterKey(s: TeamSettings, id: string): string {
  const r = s.roster.find((x) => x.id === id || x.aadObjectId === id);
  return r ? r.id : id;
}

