/**
 * Which calendar, deadline policy, reminder policy and language apply to a case: its team's settings, else defaults.
 * The default calendar follows the Teams time zone of the person who installed the bot or first opened settings in
 * the team (issue 13: where people are, not their UI language), with the holiday region of that zone; without one,
 * the language of the agent who opened the case (zh-TW → Taiwan, zh-CN → mainland China, en → US Eastern).
 * Reminders speak the TEAM's language (issue 5): a bilingual team reads one language in its channel.
 */
import type { AppServices } from '../app/services.js';
import type { Case } from '../flow/case.js';
import { resolveLocale, type Locale } from '../i18n/index.js';
import { defaultCalendar, type TeamCalendar } from '../sla/calendar.js';
import { defaultSlaPolicy, type SlaPolicy } from '../sla/deadline.js';
import { defaultReminderPolicy, type ReminderPolicy } from '../sla/reminderPlan.js';
import { holidayRegionForZone } from '../sla/zoneRegion.js';
import { isValidTimeZone } from '../sla/zonedTime.js';
import { loadTeamSettings, teamSettingsSchema, type Person, type TeamSettings } from '../settings/teamSettings.js';

/** Where the calendar in force comes from: saved by an admin, the Teams time zone seen in the team, or the case's language. */
export type CalendarSource = 'saved' | 'teamsTimeZone' | 'language';

export interface TeamPolicies {
  calendar: TeamCalendar;
  calendarSource: CalendarSource;
  sla: SlaPolicy;
  reminders: ReminderPolicy;
  locale: Locale;
  leads: Person[];
  settings: TeamSettings;
}

const regionFor: Record<Locale, string> = { 'zh-TW': 'TW', 'zh-CN': 'CN', en: 'US' };

const defaults = new Map<string, TeamCalendar>();
/** One object per default: the calendar module caches business windows per calendar object. */
function cached(key: string, make: () => TeamCalendar): TeamCalendar {
  let c = defaults.get(key);
  if (!c) defaults.set(key, (c = make()));
  return c;
}

export function defaultCalendarFor(locale: Locale): TeamCalendar {
  return cached(`locale:${locale}`, () => defaultCalendar(regionFor[locale]));
}

/** Monday–Friday 09:00–18:00 in the zone, with the zone's public holidays when the holiday data knows its country. */
export function defaultCalendarForZone(timeZone: string): TeamCalendar | undefined {
  if (!isValidTimeZone(timeZone)) return undefined;
  return cached(`zone:${timeZone}`, () => {
    const region = holidayRegionForZone(timeZone);
    const c = defaultCalendar(region ?? 'US', timeZone);
    if (region) return c;
    const { holidayRegion: _none, ...rest } = c;
    return rest as TeamCalendar;
  });
}

export function calendarOf(settings: TeamSettings, fallbackLocale: Locale): { calendar: TeamCalendar; source: CalendarSource } {
  if (settings.calendar) return { calendar: settings.calendar, source: 'saved' };
  const zone = settings.observedTimeZone ? defaultCalendarForZone(settings.observedTimeZone.timeZone) : undefined;
  if (zone) return { calendar: zone, source: 'teamsTimeZone' };
  return { calendar: defaultCalendarFor(settings.locale ?? fallbackLocale), source: 'language' };
}

export function policiesFrom(settings: TeamSettings, fallbackLocale: Locale): TeamPolicies {
  const locale = settings.locale ?? fallbackLocale;
  const { calendar, source } = calendarOf(settings, fallbackLocale);
  return {
    calendar,
    calendarSource: source,
    sla: settings.slaPolicy ?? defaultSlaPolicy,
    reminders: settings.reminderPolicy ?? defaultReminderPolicy,
    locale,
    leads: settings.leads,
    settings,
  };
}

export async function policiesForCase(app: AppServices, c: Case): Promise<TeamPolicies> {
  const teamId = c.teamId ?? c.escalation?.thread?.teamId;
  const settings = teamId ? (await loadTeamSettings(app, teamId)).settings : teamSettingsSchema.parse({});
  return policiesFrom(settings, resolveLocale(c.locale));
}
