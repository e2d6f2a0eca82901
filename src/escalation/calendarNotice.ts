/**
 * The one line the first escalation in a team without saved settings carries (issue 13): which calendar its
 * local-language deadlines use and where to change it, so a wrong default is noticed before it matters.
 */
import type { AppServices } from '../app/services.js';
import type { Case } from '../flow/case.js';
import { t, type Locale } from '../i18n/index.js';
import { policiesForCase } from '../reminders/teamPolicies.js';
import { loadTeamSettings, updateTeamSettings } from '../settings/teamSettings.js';

/** "Taiwan" / "台灣" / "台湾" from the holiday region code, in the reader's language. */
export function regionName(region: string | undefined, locale: Locale): string {
  if (!region) return '';
  const country = region.split('-')[0] ?? region;
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(country) ?? region;
  } catch {
    return region;
  }
}

/** The calendar line in `locale`, or undefined when the team has saved its own calendar. */
export async function defaultCalendarLine(app: AppServices, c: Case, locale: Locale): Promise<string | undefined> {
  const p = await policiesForCase(app, c);
  if (p.calendarSource === 'saved') return undefined;
  const params = {
    timeZone: p.calendar.timeZone,
    region: regionName(p.calendar.holidayRegion, locale),
    name: p.settings.observedTimeZone?.by ?? '',
  };
  const key = p.calendarSource === 'teamsTimeZone' ? 'experience.calendar.fromTimeZone' : 'experience.calendar.fromLanguage';
  const base = t(locale, params.region ? key : `${key}.noHolidays`, params);
  return `${base} ${t(locale, 'experience.calendar.change')}`;
}

/** The line once per team: true the first time it is asked for in a team without a saved calendar. */
export async function announceOnce(app: AppServices, teamId: string, tenantId: string): Promise<boolean> {
  const { settings } = await loadTeamSettings(app, teamId);
  if (settings.calendar || settings.defaultCalendarAnnouncedAt) return false;
  let first = false;
  await updateTeamSettings(app, { teamId, tenantId }, { id: 'bot', name: 'bot' }, (s) => {
    first = !s.calendar && !s.defaultCalendarAnnouncedAt;
    return first ? { ...s, defaultCalendarAnnouncedAt: app.clock().toISOString() } : s;
  });
  return first;
}
