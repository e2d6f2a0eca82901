/**
 * A person's working hours (issue 13, quiet hours): the team's business hours read in that person's own time zone
 * (the zone their Teams client reports), unless team settings override the zone or the hours for them. Pure.
 *
 * Holidays: a member in the team's zone shares the team's calendar (public and custom holidays, make-up workdays);
 * a member elsewhere gets the team's weekly hours in their zone without the team's holidays, because a Taiwan
 * holiday is a working day in New York. Their own country's holidays are not guessed from a zone.
 */
import { z } from 'zod';
import { teamCalendarSchema, weekdays, type TeamCalendar } from './calendar.js';
import { isValidTimeZone } from './zonedTime.js';

const windowPattern = /^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** One person's override in team settings: their zone, their daily hours on the team's working days, or both. */
export const memberHoursSchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string().max(200).default(''),
  timeZone: z.string().max(64).refine(isValidTimeZone, { message: 'Unknown IANA time zone (for example Asia/Taipei)' }).optional(),
  hours: z
    .string()
    .regex(windowPattern, { message: 'Use HH:MM-HH:MM, for example 08:00-17:00' })
    .refine((w) => w.slice(0, 5) < w.slice(6), { message: 'A window must end after it starts' })
    .optional(),
});
export type MemberHours = z.infer<typeof memberHoursSchema>;

// The calendar module caches business windows per calendar object: hand out one object per distinct calendar.
const cache = new Map<string, TeamCalendar>();

/**
 * The calendar of one person's working hours, or undefined when we do not know where they are (no zone reported and
 * no override): quiet hours then leave them alone rather than guess.
 */
export function workingCalendar(team: TeamCalendar, reportedZone: string | undefined, override?: MemberHours): TeamCalendar | undefined {
  const zone = override?.timeZone ?? (reportedZone && isValidTimeZone(reportedZone) ? reportedZone : undefined);
  if (!zone) return undefined;
  const hours = override?.hours;
  if (zone === team.timeZone && !hours) return team;
  const key = JSON.stringify([team, zone, hours ?? null]);
  const hit = cache.get(key);
  if (hit) return hit;
  const weeklyHours = Object.fromEntries(weekdays.map((d) => [d, hours && team.weeklyHours[d].length > 0 ? [hours] : team.weeklyHours[d]]));
  const sameZone = zone === team.timeZone;
  const calendar = teamCalendarSchema.parse({
    timeZone: zone,
    weeklyHours,
    ...(sameZone && team.holidayRegion ? { holidayRegion: team.holidayRegion } : {}),
    customHolidays: sameZone ? team.customHolidays : [],
    makeUpWorkdays: sameZone ? team.makeUpWorkdays : [],
  });
  if (cache.size > 500) cache.clear();
  cache.set(key, calendar);
  return calendar;
}

/** What `my hours …` asks for: show, reset, or set the person's own hours and/or zone. */
export type MyHoursRequest = { kind: 'show' } | { kind: 'reset' } | { kind: 'set'; hours?: string; timeZone?: string } | { kind: 'invalid' };

/** `my hours`, `my hours reset`, `my hours 08:00-17:00`, `my hours 08:00-17:00 Europe/London`, `my hours Asia/Taipei`. */
export function parseMyHours(args: string): MyHoursRequest {
  const words = args.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { kind: 'show' };
  // reset | 重設 | 重置, escaped because the bundle must stay ASCII (scripts/bundle.mjs).
  if (words.length === 1 && /^(reset|\u91cd\u8a2d|\u91cd\u7f6e)$/i.test(words[0] ?? '')) return { kind: 'reset' };
  if (words.length > 2) return { kind: 'invalid' };
  const out: { hours?: string; timeZone?: string } = {};
  for (const w of words) {
    if (/^\d{2}:\d{2}-\d{2}:\d{2}$/.test(w) && !out.hours) out.hours = w;
    else if (!out.timeZone && w.includes('/')) out.timeZone = w;
    else return { kind: 'invalid' };
  }
  const parsed = memberHoursSchema.safeParse({ id: 'me', ...out });
  return parsed.success ? { kind: 'set', ...out } : { kind: 'invalid' };
}

/** "Mon–Fri 09:00-18:00" style summary of the working days' windows, for the answer to `my hours`. */
export function describeWeek(calendar: TeamCalendar): string {
  const days = weekdays.filter((d) => calendar.weeklyHours[d].length > 0);
  const windows = [...new Set(days.map((d) => calendar.weeklyHours[d].join(', ')))];
  return `${days.join(' ')} ${windows.join(' / ')}`;
}
