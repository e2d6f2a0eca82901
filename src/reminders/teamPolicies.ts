/**
 * Which calendar, deadline policy, reminder policy and language apply to a case: its team's settings, else defaults
 * from the language of the agent who opened it (zh-TW → Taiwan calendar, zh-CN → mainland China, en → US Eastern).
 * Reminders speak the TEAM's language (issue 5): a bilingual team reads one language in its channel.
 */
import type { AppServices } from '../app/services.js';
import type { Case } from '../flow/case.js';
import { resolveLocale, type Locale } from '../i18n/index.js';
import { defaultCalendar, type TeamCalendar } from '../sla/calendar.js';
import { defaultSlaPolicy, type SlaPolicy } from '../sla/deadline.js';
import { defaultReminderPolicy, type ReminderPolicy } from '../sla/reminderPlan.js';
import { loadTeamSettings, teamSettingsSchema, type Person, type TeamSettings } from '../settings/teamSettings.js';

export interface TeamPolicies {
  calendar: TeamCalendar;
  sla: SlaPolicy;
  reminders: ReminderPolicy;
  locale: Locale;
  leads: Person[];
  settings: TeamSettings;
}

const regionFor: Record<Locale, string> = { 'zh-TW': 'TW', 'zh-CN': 'CN', en: 'US' };

const defaults = new Map<Locale, TeamCalendar>();
/** One object per locale: the calendar module caches business windows per calendar object. */
export function defaultCalendarFor(locale: Locale): TeamCalendar {
  let c = defaults.get(locale);
  if (!c) defaults.set(locale, (c = defaultCalendar(regionFor[locale])));
  return c;
}

export function policiesFrom(settings: TeamSettings, fallbackLocale: Locale): TeamPolicies {
  const locale = settings.locale ?? fallbackLocale;
  return {
    calendar: settings.calendar ?? defaultCalendarFor(locale),
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
