import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  defaultCalendar,
  holidaySource,
  isBusinessTime,
  nextBusinessStart,
  teamCalendarSchema,
  windowsOn,
} from '../../src/sla/calendar.js';

const taipei = teamCalendarSchema.parse({
  timeZone: 'Asia/Taipei',
  holidayRegion: 'TW',
  weeklyHours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, ['13:30-18:00', '09:00-12:00']])),
});
const at = (s: string) => new Date(s);

describe('business time on a Taipei calendar with a lunch gap', () => {
  it.each([
    ['2026-11-16T08:59:59+08:00', false],
    ['2026-11-16T09:00:00+08:00', true],
    ['2026-11-16T11:59:00+08:00', true],
    ['2026-11-16T12:00:00+08:00', false],
    ['2026-11-16T13:30:00+08:00', true],
    ['2026-11-16T17:59:59+08:00', true],
    ['2026-11-16T18:00:00+08:00', false],
    ['2026-11-14T10:00:00+08:00', false], // Saturday
    ['2026-10-09T10:00:00+08:00', false], // Friday off for National Day on Saturday (official 2026 calendar)
  ])('%s → %s', (instant, expected) => {
    expect(isBusinessTime(taipei, at(instant))).toBe(expected);
  });

  it('windows are sorted whatever order they were typed in', () => {
    expect(taipei.weeklyHours.mon).toEqual(['09:00-12:00', '13:30-18:00']);
  });

  it('next business start: itself inside hours, end of lunch, Monday after a weekend', () => {
    expect(nextBusinessStart(taipei, at('2026-11-16T10:00:00+08:00')).toISOString()).toBe('2026-11-16T02:00:00.000Z');
    expect(nextBusinessStart(taipei, at('2026-11-16T12:10:00+08:00')).toISOString()).toBe('2026-11-16T05:30:00.000Z');
    expect(nextBusinessStart(taipei, at('2026-11-13T18:00:00+08:00')).toISOString()).toBe('2026-11-16T01:00:00.000Z');
  });

  it('adds business minutes across lunch and the weekend', () => {
    expect(addBusinessMinutes(taipei, at('2026-11-16T11:30:00+08:00'), 60).toISOString()).toBe('2026-11-16T06:00:00.000Z');
    expect(addBusinessMinutes(taipei, at('2026-11-13T17:00:00+08:00'), 120).toISOString()).toBe('2026-11-16T02:00:00.000Z');
    expect(addBusinessMinutes(taipei, at('2026-11-13T17:00:00+08:00'), 0).toISOString()).toBe('2026-11-13T09:00:00.000Z');
  });

  it('counts business minutes between two instants, negative when reversed', () => {
    const fri = at('2026-11-13T17:00:00+08:00');
    const mon = at('2026-11-16T10:00:00+08:00');
    expect(businessMinutesBetween(taipei, fri, mon)).toBe(120);
    expect(businessMinutesBetween(taipei, mon, fri)).toBe(-120);
    expect(businessMinutesBetween(taipei, at('2026-11-16T00:00:00+08:00'), at('2026-11-17T00:00:00+08:00'))).toBe(450);
  });
});

describe('DST days have their real length', () => {
  const ny = teamCalendarSchema.parse({ timeZone: 'America/New_York', weeklyHours: { sun: ['00:00-24:00'] } });
  it('Sunday 2026-03-08 has 23 business hours, Sunday 2026-11-01 has 25', () => {
    expect(businessMinutesBetween(ny, at('2026-03-07T12:00:00Z'), at('2026-03-09T12:00:00Z'))).toBe(23 * 60);
    expect(businessMinutesBetween(ny, at('2026-10-31T12:00:00Z'), at('2026-11-02T12:00:00Z'))).toBe(25 * 60);
  });
  it('a window starting inside the spring-forward gap opens at the same distance past it', () => {
    const early = teamCalendarSchema.parse({ timeZone: 'America/New_York', weeklyHours: { sun: ['02:30-04:00'] } });
    expect(nextBusinessStart(early, at('2026-03-08T05:00:00Z')).toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });
});

describe('holidays and make-up workdays', () => {
  const tw = defaultCalendar('TW');
  const cn = defaultCalendar('CN');
  const us = defaultCalendar('US');
  const d = (s: string) => {
    const [year, month, day] = s.split('-').map(Number);
    return { year: year ?? 0, month: month ?? 0, day: day ?? 0 };
  };

  it('default calendars: region zone, Monday–Friday 09:00–18:00', () => {
    expect(tw.timeZone).toBe('Asia/Taipei');
    expect(cn.timeZone).toBe('Asia/Shanghai');
    expect(us.timeZone).toBe('America/New_York');
    expect(tw.weeklyHours.fri).toEqual(['09:00-18:00']);
    expect(tw.weeklyHours.sat).toEqual([]);
  });

  it('official schedules replace date-holidays for TW and CN 2025–2026, other years fall back', () => {
    expect(holidaySource('TW', 2026)).toBe('official');
    expect(holidaySource('CN', 2025)).toBe('official');
    expect(holidaySource('CN', 2027)).toBe('date-holidays');
    expect(holidaySource(undefined, 2026)).toBe('none');
  });

  it('TW 2025: Lunar New Year week closed, Saturday 2/8 open with weekday hours', () => {
    expect(windowsOn(tw, d('2025-01-27'))).toEqual([]);
    expect(windowsOn(tw, d('2025-02-08'))).toEqual([[540, 1080]]);
    expect(windowsOn(tw, d('2025-02-10'))).toEqual([[540, 1080]]);
  });

  it('TW 2026 has no make-up workdays and closes the new holidays (9/28 Teachers Day, 10/26, 12/25)', () => {
    for (const day of ['2026-09-28', '2026-10-26', '2026-12-25', '2026-05-01']) expect(windowsOn(tw, d(day)), day).toEqual([]);
    expect(windowsOn(tw, d('2026-01-02'))).toEqual([[540, 1080]]);
  });

  it('CN 2026: Golden Week 10/1–10/7 closed (date-holidays alone has only 10/1–10/3), 9/20 and 10/10 open', () => {
    for (const day of ['2026-10-05', '2026-10-06', '2026-10-07', '2026-02-19', '2026-02-23']) expect(windowsOn(cn, d(day)), day).toEqual([]);
    expect(windowsOn(cn, d('2026-09-20'))).toEqual([[540, 1080]]);
    expect(windowsOn(cn, d('2026-10-10'))).toEqual([[540, 1080]]);
    expect(windowsOn(cn, d('2026-10-08'))).toEqual([[540, 1080]]);
  });

  it('CN fallback years: full-day public holidays only, not half-days or Children’s Day', () => {
    expect(windowsOn(cn, d('2027-10-01'))).toEqual([]);
    expect(windowsOn(cn, d('2027-03-08'))).toEqual([[540, 1080]]); // women's half-day
    expect(windowsOn(cn, d('2027-06-01'))).toEqual([[540, 1080]]); // children under 14 only
  });

  it('US: public holidays and substitute days close, observances do not', () => {
    expect(windowsOn(us, d('2026-07-03'))).toEqual([]); // Independence Day observed
    expect(windowsOn(us, d('2026-11-26'))).toEqual([]); // Thanksgiving
    expect(windowsOn(us, d('2026-11-27'))).toEqual([[540, 1080]]); // day after: observance only
    expect(windowsOn(us, d('2026-04-15'))).toEqual([[540, 1080]]); // Tax Day
  });

  it('team dates win: a custom holiday closes, a make-up workday opens a weekend or a worked public holiday', () => {
    const team = teamCalendarSchema.parse({
      ...us,
      customHolidays: ['2026-11-27'],
      makeUpWorkdays: ['2026-11-28', '2026-11-11'],
    });
    expect(windowsOn(team, d('2026-11-27'))).toEqual([]);
    expect(windowsOn(team, d('2026-11-28'))).toEqual([[540, 1080]]);
    expect(windowsOn(team, d('2026-11-11'))).toEqual([[540, 1080]]); // Veterans Day worked
  });
});

describe('calendar validation', () => {
  const base = { timeZone: 'Asia/Taipei', weeklyHours: { mon: ['09:00-18:00'] } };
  const firstError = (input: unknown) => teamCalendarSchema.safeParse(input).error?.issues[0];

  it('accepts a minimal calendar and defaults the lists', () => {
    const c = teamCalendarSchema.parse(base);
    expect(c.customHolidays).toEqual([]);
    expect(c.makeUpWorkdays).toEqual([]);
    expect(c.weeklyHours.sun).toEqual([]);
  });

  it.each([
    ['unknown time zone', { ...base, timeZone: 'Asia/Taipie' }, 'Unknown IANA time zone (for example Asia/Taipei)', ['timeZone']],
    ['window format', { ...base, weeklyHours: { mon: ['9:00-18:00'] } }, 'Use HH:MM-HH:MM, for example 09:00-18:00', ['weeklyHours', 'mon', 0]],
    ['window backwards', { ...base, weeklyHours: { mon: ['18:00-09:00'] } }, 'A window must end after it starts', ['weeklyHours', 'mon', 0]],
    ['overlapping windows', { ...base, weeklyHours: { tue: ['09:00-12:30', '12:00-18:00'] } }, 'Windows on the same day must not overlap', ['weeklyHours', 'tue']],
    ['no hours at all', { ...base, weeklyHours: {} }, 'Business hours need at least one window in the week', ['weeklyHours']],
    ['impossible date', { ...base, customHolidays: ['2026-02-30'] }, 'Use a real date as YYYY-MM-DD', ['customHolidays', 0]],
    ['date in both lists', { ...base, customHolidays: ['2026-12-31'], makeUpWorkdays: ['2026-12-31'] }, 'A date cannot be both a holiday and a make-up workday', ['makeUpWorkdays']],
    ['lower-case region', { ...base, holidayRegion: 'tw' }, 'Use a country code such as TW, CN or US (optionally US-CA)', ['holidayRegion']],
    ['unknown region', { ...base, holidayRegion: 'XX' }, 'No public-holiday data for this region', ['holidayRegion']],
    ['unknown state', { ...base, holidayRegion: 'US-ZZ' }, 'No public-holiday data for this region', ['holidayRegion']],
  ])('%s', (_name, input, message, path) => {
    const issue = firstError(input);
    expect(issue?.message).toBe(message);
    expect(issue?.path).toEqual(path);
  });

  it('accepts a state region and a window ending at 24:00', () => {
    expect(teamCalendarSchema.safeParse({ ...base, holidayRegion: 'US-CA', weeklyHours: { sat: ['20:00-24:00'] } }).success).toBe(true);
  });
});
