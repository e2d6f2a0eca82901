/** The team settings card (issue 5 point 6): current values, or what was typed with the problems next to each field. */
import { renderCard, type Card } from '../cards/render.js';
import type { ChannelRecord } from '../store/channels.js';
import { t, type Locale } from '../i18n/index.js';
import { weekdays, holidaySource } from '../sla/calendar.js';
import type { FieldError } from '../flow/forms.js';
import { defaultSlaPolicy } from '../sla/deadline.js';
import { defaultReminderPolicy } from '../sla/reminderPlan.js';
import { defaultCalendarFor } from '../reminders/teamPolicies.js';
import { hoursField, promiseField, promiseSeverities } from './form.js';
import type { TeamSettings } from './teamSettings.js';

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
  /**
   * People to pick leads and admins from: current ones, the admin at the keyboard and recent case owners. (Teams'
   * people picker, choices.data, is Adaptive Cards 1.6; bot cards stop at 1.5.)
   */
  people: { id: string; name: string }[];
  /** Show the "File in Azure" opt-in (only when AZURE_SUPPORT_MODE=live: issue 14 point 5). */
  azureAvailable?: boolean;
}

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'boolean' ? String(v) : '');

export function settingsCard(input: SettingsCardInput): Card {
  const { settings: s, locale } = input;
  const tr = (key: string, params?: Record<string, string | number>) => t(locale, `settings.${key}`, params);
  const cal = s.calendar ?? defaultCalendarFor(s.locale ?? locale);
  const sla = s.slaPolicy ?? defaultSlaPolicy;
  const rem = s.reminderPolicy ?? defaultReminderPolicy;
  const stored: Record<string, string> = {
    escalationChannelId: s.escalationChannelId ?? '',
    locale: s.locale ?? 'case',
    timeZone: cal.timeZone,
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
    digestTime: s.digestTime,
    admins: s.admins.join(','),
    ...Object.fromEntries(weekdays.map((d) => [hoursField(d), cal.weeklyHours[d].join(', ')])),
  };
  const v = Object.fromEntries(Object.entries(stored).map(([k, val]) => [k, input.typed && k in input.typed ? str(input.typed[k]) : val]));
  const errorFor = (field: string) =>
    (input.errors ?? [])
      .filter((e) => e.field === field)
      .map((e) => t(locale, e.key, e.params))
      .join(' ');
  const fields = ['escalationChannelId', 'timeZone', 'holidayRegion', 'customHolidays', 'makeUpWorkdays', 'businessHoursSeverities', 'minutesBefore', 'overdueEvery', 'digestTime'];
  const e = Object.fromEntries(fields.map((f) => [f, errorFor(f)]));
  const sourceNote = holidaySource(cal.holidayRegion, input.year) === 'date-holidays' ? tr('hint.makeUpDays', { year: input.year }) : '';
  const labels = [
    'channelSection', 'escalationChannel', 'locale', 'calendarSection', 'timeZone', 'hoursHint', 'holidayRegion', 'customHolidays', 'makeUpWorkdays',
    'slaSection', 'businessHoursSeverities', 'remindersSection', 'halfway', 'minutesBefore', 'atDue', 'overdueEvery', 'mentionLeads', 'leads',
    'leadsAddMe', 'digestTime', 'adminsSection', 'admins', 'save',
  ];
  const l = Object.fromEntries(labels.map((k) => [k, tr(`field.${k}`)]));
  if (sourceNote) l.makeUpWorkdays = `${l.makeUpWorkdays} (${sourceNote})`;
  return renderCard('settings', {
    teamId: input.teamId,
    version: input.version,
    title: tr('title'),
    intro: tr('intro'),
    notice: input.notice?.text ?? '',
    noticeColor: input.notice?.color ?? 'Default',
    l,
    v,
    e,
    channels: channelChoices(input),
    locales: [
      { title: tr('locale.case'), value: 'case' },
      { title: 'English', value: 'en' },
      { title: '繁體中文', value: 'zh-TW' },
      { title: '简体中文', value: 'zh-CN' },
    ],
    days: weekdays.map((d) => ({ id: hoursField(d), label: tr(`day.${d}`), value: v[hoursField(d)] ?? '', error: errorFor(hoursField(d)) })),
    severities: (['A', 'B', 'C'] as const).map((x) => ({ title: tr(`severity.${x}`, { hours: sla.hours[x] }), value: x })),
    people: peopleChoices(input),
    x: issue14Fields(input, errorFor),
  });
}

/** Issue 14: the partner's own promise (hours per severity, business hours) and the "File in Azure" opt-in. */
function issue14Fields(input: SettingsCardInput, errorFor: (field: string) => string) {
  const { settings: s, locale } = input;
  const promise = s.partnerPromise ?? {};
  const typed = (k: string, stored: string) => (input.typed && k in input.typed ? str(input.typed[k]) : stored);
  return {
    promiseSection: t(locale, 'partnerClock.settings.section'),
    promiseHint: t(locale, 'partnerClock.settings.hint'),
    promise: promiseSeverities.map((sev) => ({
      id: promiseField(sev),
      label: t(locale, `partnerClock.settings.severity.${sev}`),
      value: typed(promiseField(sev), promise[sev] !== undefined ? String(promise[sev]) : ''),
      error: errorFor(promiseField(sev)),
    })),
    azureAvailable: input.azureAvailable ?? false,
    azureSection: t(locale, 'azureSupport.settings.section'),
    azureFilingLabel: t(locale, 'azureSupport.settings.filing'),
    azureFiling: typed('azureFiling', String(s.azureFiling)),
  };
}

function channelChoices(input: SettingsCardInput) {
  const known = input.channels.filter((c) => c.kind === 'channel' && c.active).map((c) => ({ title: c.channelName ?? c.conversationId, value: c.channelId ?? c.conversationId }));
  // A ChoiceSet needs a choice: the team's General channel has the team's id.
  return known.length ? known : [{ title: 'General', value: input.teamId }];
}

function peopleChoices(input: SettingsCardInput) {
  const byId = new Map<string, string>();
  for (const p of input.people) if (!byId.get(p.id)) byId.set(p.id, p.name);
  for (const l of input.settings.leads) if (!byId.get(l.id)) byId.set(l.id, l.name);
  for (const a of input.settings.admins) if (!byId.has(a)) byId.set(a, '');
  return [...byId].map(([id, name]) => ({ title: name ? `${name} (${id})` : id, value: id }));
}
