/**
 * The team calendar: when "business hours" run for the local-language clock (seed 001 FAQ:
 * "Local language support is provided during business hours"; DESIGN §2.6: the clock stops
 * outside the team's business hours and on holidays).
 *
 * All functions are pure over (calendar, instant). Instants are walked day by day in the
 * calendar's own zone, so DST days count their real length.
 */
import { z } from 'zod';
import { holidaysLibrary } from './holidayData.js';
import { officialSchedules } from './officialSchedules.js';
import {
  addDays,
  isoDate,
  isValidTimeZone,
  localDateOf,
  parseIsoDate,
  weekdayOf,
  zonedInstant,
  type LocalDate,
} from './zonedTime.js';

export const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof weekdays)[number];

const windowPattern = /^([01]\d|2[0-3]):([0-5]\d)-(([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

function windowMinutes(w: string): [number, number] {
  const [start = '', end = ''] = w.split('-');
  const toMin = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return [toMin(start), toMin(end)];
}

/** One day's opening hours: "HH:MM-HH:MM" windows, e.g. ["09:00-12:00", "13:30-18:00"]; "24:00" ends at midnight. */
const dayHoursSchema = z
  .array(
    z
      .string()
      .regex(windowPattern, { message: 'Use HH:MM-HH:MM, for example 09:00-18:00' })
      .refine((w) => windowMinutes(w)[0] < windowMinutes(w)[1], { message: 'A window must end after it starts' }),
  )
  .default([])
  .transform((ws) => [...ws].sort((a, b) => windowMinutes(a)[0] - windowMinutes(b)[0]))
  .refine((ws) => ws.every((w, i) => i === 0 || windowMinutes(ws[i - 1] ?? w)[1] <= windowMinutes(w)[0]), {
    message: 'Windows on the same day must not overlap',
  });

const isoDateSchema = z.string().refine((s) => parseIsoDate(s) !== undefined, { message: 'Use a real date as YYYY-MM-DD' });

let holidayCountries: Set<string> | undefined;
function isKnownRegion(region: string): boolean {
  const Holidays = holidaysLibrary();
  const [country = '', state] = region.split('-');
  holidayCountries ??= new Set(Object.keys(new Holidays().getCountries()));
  if (!holidayCountries.has(country)) return false;
  if (state === undefined) return true;
  return state in (new Holidays().getStates(country) ?? {});
}

export const teamCalendarSchema = z
  .object({
    timeZone: z.string().refine(isValidTimeZone, { message: 'Unknown IANA time zone (for example Asia/Taipei)' }),
    weeklyHours: z.object({
      mon: dayHoursSchema,
      tue: dayHoursSchema,
      wed: dayHoursSchema,
      thu: dayHoursSchema,
      fri: dayHoursSchema,
      sat: dayHoursSchema,
      sun: dayHoursSchema,
    }),
    /** Country (or country-state, e.g. US-CA) for public holidays from `date-holidays`, plus the official schedules we ship. */
    holidayRegion: z
      .string()
      .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, { message: 'Use a country code such as TW, CN or US (optionally US-CA)' })
      .refine(isKnownRegion, { message: 'No public-holiday data for this region' })
      .optional(),
    customHolidays: z.array(isoDateSchema).default([]),
    /** Dates that are workdays although weekend or holiday (TW 補行上班, CN 调休上班), or a public holiday the team works. */
    makeUpWorkdays: z.array(isoDateSchema).default([]),
  })
  .refine((c) => weekdays.some((d) => c.weeklyHours[d].length > 0), {
    message: 'Business hours need at least one window in the week',
    path: ['weeklyHours'],
  })
  .refine((c) => !c.customHolidays.some((d) => c.makeUpWorkdays.includes(d)), {
    message: 'A date cannot be both a holiday and a make-up workday',
    path: ['makeUpWorkdays'],
  });

export type TeamCalendar = z.output<typeof teamCalendarSchema>;
export type TeamCalendarInput = z.input<typeof teamCalendarSchema>;

/**
 * Default hours: Monday–Friday 09:00–18:00 without a lunch gap. The clock stands in for
 * Microsoft's local-language support hours, and Microsoft announces no lunch pause; a gap
 * would move every deadline an hour later, and a reminder that comes late is the failure
 * that hurts (issue 5). Teams that want 12:00–13:00 off can set split windows.
 */
const defaultHours = ['09:00-18:00'];

const regionZones: Record<string, string> = {
  TW: 'Asia/Taipei',
  CN: 'Asia/Shanghai',
  HK: 'Asia/Hong_Kong',
  MO: 'Asia/Macau',
  SG: 'Asia/Singapore',
  JP: 'Asia/Tokyo',
  KR: 'Asia/Seoul',
  US: 'America/New_York',
  GB: 'Europe/London',
  DE: 'Europe/Berlin',
  FR: 'Europe/Paris',
  AU: 'Australia/Sydney',
  IN: 'Asia/Kolkata',
};

/** A sensible starting calendar for a region; the zone is the region's main business zone. */
export function defaultCalendar(region: string, timeZone?: string): TeamCalendar {
  const country = region.split('-')[0] ?? region;
  return teamCalendarSchema.parse({
    timeZone: timeZone ?? (Object.hasOwn(regionZones, country) ? regionZones[country] : undefined) ?? 'UTC',
    weeklyHours: { mon: defaultHours, tue: defaultHours, wed: defaultHours, thu: defaultHours, fri: defaultHours },
    holidayRegion: region,
  });
}

// ---------------------------------------------------------------------------------------------
// Which dates are closed

const regionYearCache = new Map<string, { off: Set<string>; work: Set<string> }>();

/** Where a region's holidays for a year come from, so settings can warn when make-up days must be added by hand. */
export function holidaySource(region: string | undefined, year: number): 'official' | 'date-holidays' | 'none' {
  if (!region) return 'none';
  const country = region.split('-')[0] ?? region;
  return Object.hasOwn(officialSchedules, country) && officialSchedules[country]?.[year] ? 'official' : 'date-holidays';
}

function regionYear(region: string, year: number): { off: Set<string>; work: Set<string> } {
  const cacheKey = `${region}:${year}`;
  const cached = regionYearCache.get(cacheKey);
  if (cached) return cached;
  const [country = '', state] = region.split('-');
  const off = new Set<string>();
  const work = new Set<string>();
  const official = Object.hasOwn(officialSchedules, country) ? officialSchedules[country]?.[year] : undefined;
  if (official) {
    for (const [from, to] of official.daysOff) {
      const end = parseIsoDate(to);
      for (let d = parseIsoDate(from); d && end && isoDate(d) <= isoDate(end); d = addDays(d, 1)) off.add(isoDate(d));
    }
    for (const d of official.makeUpWorkdays) work.add(d);
  } else {
    const Holidays = holidaysLibrary();
    const hd = state ? new Holidays(country, state) : new Holidays(country);
    for (const h of hd.getHolidays(year)) {
      // Only full-day public holidays close the desk: observances, optional days and CN half-days
      // for one group (3/8 women, 5/4 youth, 8/1 army, all listed at 12:00) do not.
      if (h.type !== 'public' || !h.date.endsWith(' 00:00:00')) continue;
      // CN lists 六一儿童节 as public, but it is a day off for children under 14 only.
      if (country === 'CN' && h.date.startsWith(`${year}-06-01`)) continue;
      off.add(h.date.slice(0, 10));
    }
  }
  const entry = { off, work };
  regionYearCache.set(cacheKey, entry);
  return entry;
}

const hoursCache = new WeakMap<TeamCalendar, Map<string, [number, number][]>>();

/** Opening windows (minutes of the local day) of one calendar date, after holidays and make-up workdays. */
export function windowsOn(calendar: TeamCalendar, date: LocalDate): [number, number][] {
  let byDate = hoursCache.get(calendar);
  if (!byDate) hoursCache.set(calendar, (byDate = new Map()));
  const key = isoDate(date);
  const hit = byDate.get(key);
  if (hit) return hit;
  const result = computeWindows(calendar, date, key);
  byDate.set(key, result);
  return result;
}

function computeWindows(calendar: TeamCalendar, date: LocalDate, key: string): [number, number][] {
  const weekday = weekdays[weekdayOf(date)] ?? 'mon';
  const own = calendar.weeklyHours[weekday].map(windowMinutes);
  // A make-up workday keeps the normal weekday hours: its own weekday's if it has any, else the first workday's.
  const workdayHours = () =>
    own.length > 0
      ? own
      : (['mon', 'tue', 'wed', 'thu', 'fri'] as const)
          .map((d) => calendar.weeklyHours[d].map(windowMinutes))
          .find((ws) => ws.length > 0) ?? [];
  if (calendar.makeUpWorkdays.includes(key)) return workdayHours();
  if (calendar.customHolidays.includes(key)) return [];
  if (calendar.holidayRegion) {
    const { off, work } = regionYear(calendar.holidayRegion, date.year);
    if (work.has(key)) return workdayHours();
    if (off.has(key)) return [];
  }
  return own;
}

/** Business intervals [start, end) as epoch ms for one local date. */
function intervalsOn(calendar: TeamCalendar, date: LocalDate): [number, number][] {
  return windowsOn(calendar, date).map(([s, e]) => [
    zonedInstant(date, s, calendar.timeZone),
    zonedInstant(date, e, calendar.timeZone),
  ]);
}

/** Longest stretch without any business day we accept before calling the calendar broken (e.g. every date a holiday). */
const maxSearchDays = 400;

function* intervalsFrom(calendar: TeamCalendar, fromMs: number): Generator<[number, number]> {
  // Start a day early: a window ending at 24:00 on the previous local date can still contain `fromMs`.
  let date = addDays(localDateOf(fromMs, calendar.timeZone), -1);
  for (let i = 0; i < maxSearchDays; i++, date = addDays(date, 1)) {
    for (const iv of intervalsOn(calendar, date)) if (iv[1] > fromMs) yield iv;
  }
  throw new Error(`calendar has no business hours within ${maxSearchDays} days of ${new Date(fromMs).toISOString()}`);
}

// ---------------------------------------------------------------------------------------------
// The clock

export function isBusinessTime(calendar: TeamCalendar, at: Date): boolean {
  const t = at.getTime();
  for (const [s] of intervalsFrom(calendar, t)) return s <= t;
  return false;
}

/** `at` itself when inside business hours, else the start of the next business window. */
export function nextBusinessStart(calendar: TeamCalendar, at: Date): Date {
  const t = at.getTime();
  for (const [s] of intervalsFrom(calendar, t)) return new Date(Math.max(s, t));
  throw new Error('unreachable');
}

/**
 * The instant at which `minutes` of business time have passed since `from`. A deadline that uses
 * up a window exactly lands on the window's end (Friday 14:00 + 4 h → Friday 18:00, not Monday 09:00).
 */
export function addBusinessMinutes(calendar: TeamCalendar, from: Date, minutes: number): Date {
  let remaining = minutes * 60_000;
  const t = from.getTime();
  if (remaining <= 0) return new Date(t);
  for (const [s, e] of intervalsFrom(calendar, t)) {
    const start = Math.max(s, t);
    if (remaining <= e - start) return new Date(start + remaining);
    remaining -= e - start;
  }
  throw new Error('unreachable');
}

/** Business minutes from `from` to `to` (negative when `to` is earlier); whole and fractional minutes. */
export function businessMinutesBetween(calendar: TeamCalendar, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b < a) return -businessMinutesBetween(calendar, to, from);
  let total = 0;
  for (const [s, e] of intervalsFrom(calendar, a)) {
    if (s >= b) break;
    total += Math.min(e, b) - Math.max(s, a);
  }
  return total / 60_000;
}

/** Business intervals of the business day containing (or next after) `at`: the local date of the next business start. */
export function businessDayOf(calendar: TeamCalendar, at: Date): { date: LocalDate; intervals: [number, number][] } {
  const start = nextBusinessStart(calendar, at).getTime();
  let date = localDateOf(start, calendar.timeZone);
  let intervals = intervalsOn(calendar, date);
  // A 24:00 window end belongs to the previous date: make sure the chosen date really holds `start`.
  if (!intervals.some(([s, e]) => s <= start && start < e)) {
    date = addDays(date, -1);
    intervals = intervalsOn(calendar, date);
  }
  return { date, intervals };
}

/** The first date after `date` that has business hours, with its intervals. */
export function nextBusinessDay(calendar: TeamCalendar, date: LocalDate): { date: LocalDate; intervals: [number, number][] } {
  let d = addDays(date, 1);
  for (let i = 0; i < maxSearchDays; i++, d = addDays(d, 1)) {
    const intervals = intervalsOn(calendar, d);
    if (intervals.length > 0) return { date: d, intervals };
  }
  throw new Error(`calendar has no business day within ${maxSearchDays} days after ${isoDate(date)}`);
}
