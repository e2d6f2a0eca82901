import { describe, expect, it } from 'vitest';
import type { Severity, SupportLanguage } from '../../src/flow/case.js';
import { defaultCalendar, teamCalendarSchema, type TeamCalendar } from '../../src/sla/calendar.js';
import { initialResponseDue, slaPolicySchema, type SlaPolicy } from '../../src/sla/deadline.js';
import { describeRule } from '../../src/sla/describe.js';

const taipei = defaultCalendar('TW');
const taipeiSplit = teamCalendarSchema.parse({
  timeZone: 'Asia/Taipei',
  holidayRegion: 'TW',
  weeklyHours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, ['09:00-12:00', '13:30-18:00']])),
});
const shanghai = defaultCalendar('CN');
const newYork = defaultCalendar('US');
/** A US team whose calendar also opens all of Sunday, so business minutes run through the DST change itself. */
const newYorkSundays = teamCalendarSchema.parse({ ...newYork, weeklyHours: { ...newYork.weeklyHours, sun: ['00:00-24:00'] } });

interface Row {
  name: string;
  calendar: TeamCalendar;
  filedAt: string;
  severity: Severity;
  language: SupportLanguage;
  due: string;
  policy?: SlaPolicy;
}

const rows: Row[] = [
  // Friday close, Taipei (UTC+8), 2026-11-13 is a Friday, 11-16 a Monday, no holidays around.
  { name: 'local B filed Friday 17:59 → 1 min Friday + 3 h 59 Monday', calendar: taipei, filedAt: '2026-11-13T17:59:00+08:00', severity: 'B', language: 'local', due: '2026-11-16T04:59:00.000Z' },
  { name: 'local B filed Friday 18:00 → clock starts Monday 09:00', calendar: taipei, filedAt: '2026-11-13T18:00:00+08:00', severity: 'B', language: 'local', due: '2026-11-16T05:00:00.000Z' },
  { name: 'local B filed Friday 17:59, lunch 12:00–13:30 → Monday 14:29', calendar: taipeiSplit, filedAt: '2026-11-13T17:59:00+08:00', severity: 'B', language: 'local', due: '2026-11-16T06:29:00.000Z' },
  { name: 'local B filed Friday 18:00, lunch 12:00–13:30 → Monday 14:30', calendar: taipeiSplit, filedAt: '2026-11-13T18:00:00+08:00', severity: 'B', language: 'local', due: '2026-11-16T06:30:00.000Z' },

  // Taiwan, Lunar New Year 2025: days off 1/25–2/2 (1/27 adjusted), make-up workday Saturday 2/8.
  { name: 'TW eve of Lunar New Year 2025, local C: 2 h Friday, 6 h on Monday 2/3', calendar: taipei, filedAt: '2025-01-24T16:00:00+08:00', severity: 'C', language: 'local', due: '2025-02-03T07:00:00.000Z' },
  { name: 'TW eve of the make-up Saturday 2025-02-08, local B: clock runs on Saturday', calendar: taipei, filedAt: '2025-02-07T17:00:00+08:00', severity: 'B', language: 'local', due: '2025-02-08T04:00:00.000Z' },
  { name: 'TW non-break-fix on the eve of Lunar New Year 2025 → same time on Monday 2/3', calendar: taipei, filedAt: '2025-01-24T10:00:00+08:00', severity: 'nonBreakFix', language: 'local', due: '2025-02-03T02:00:00.000Z' },
  { name: 'TW eve of Lunar New Year 2026 (off 2/14–2/22), local B', calendar: taipei, filedAt: '2026-02-13T17:00:00+08:00', severity: 'B', language: 'local', due: '2026-02-23T04:00:00.000Z' },
  { name: 'TW 2026: 228 falls on Saturday, Friday 2/27 is off', calendar: taipei, filedAt: '2026-02-26T17:00:00+08:00', severity: 'B', language: 'local', due: '2026-03-02T04:00:00.000Z' },

  // Mainland China, Golden Week 2026: off 10/1–10/7, make-up workdays Sunday 9/20 and Saturday 10/10.
  { name: 'CN eve of Golden Week 2026, local C: 2 h on 9/30, 6 h on Thursday 10/8', calendar: shanghai, filedAt: '2026-09-30T16:00:00+08:00', severity: 'C', language: 'local', due: '2026-10-08T07:00:00.000Z' },
  { name: 'CN Friday after Golden Week, local B: make-up Saturday 10/10 counts', calendar: shanghai, filedAt: '2026-10-09T15:00:00+08:00', severity: 'B', language: 'local', due: '2026-10-10T02:00:00.000Z' },
  { name: 'CN filed Saturday 9/19, local A: make-up Sunday 9/20 counts', calendar: shanghai, filedAt: '2026-09-19T10:00:00+08:00', severity: 'A', language: 'local', due: '2026-09-20T03:00:00.000Z' },
  { name: 'CN filed on 10/1, local B: nothing counts until 10/8', calendar: shanghai, filedAt: '2026-10-01T10:00:00+08:00', severity: 'B', language: 'local', due: '2026-10-08T05:00:00.000Z' },

  // US team, America/New_York; DST starts Sunday 2026-03-08, ends Sunday 2026-11-01.
  { name: 'US DST start: non-break-fix Friday 10:00 EST → Monday 10:00 EDT', calendar: newYork, filedAt: '2026-03-06T10:00:00-05:00', severity: 'nonBreakFix', language: 'english', due: '2026-03-09T14:00:00.000Z' },
  { name: 'US DST start: local B Friday 17:00 EST → Monday 12:00 EDT', calendar: newYork, filedAt: '2026-03-06T17:00:00-05:00', severity: 'B', language: 'local', due: '2026-03-09T16:00:00.000Z' },
  { name: 'US DST start: English A at 01:30 EST → 2 real hours (04:30 EDT)', calendar: newYork, filedAt: '2026-03-08T01:30:00-05:00', severity: 'A', language: 'english', due: '2026-03-08T08:30:00.000Z' },
  { name: 'US DST start: Sunday open 00:00–24:00, local B from midnight → 4 real hours (05:00 EDT)', calendar: newYorkSundays, filedAt: '2026-03-08T00:00:00-05:00', severity: 'B', language: 'local', due: '2026-03-08T09:00:00.000Z' },
  { name: 'US DST end: non-break-fix Friday 10:00 EDT → Monday 10:00 EST', calendar: newYork, filedAt: '2026-10-30T10:00:00-04:00', severity: 'nonBreakFix', language: 'english', due: '2026-11-02T15:00:00.000Z' },
  { name: 'US DST end: local B Friday 17:00 EDT → Monday 12:00 EST', calendar: newYork, filedAt: '2026-10-30T17:00:00-04:00', severity: 'B', language: 'local', due: '2026-11-02T17:00:00.000Z' },
  { name: 'US DST end: English A at the first 01:30 EDT → 2 real hours (02:30 EST)', calendar: newYork, filedAt: '2026-11-01T01:30:00-04:00', severity: 'A', language: 'english', due: '2026-11-01T07:30:00.000Z' },
  { name: 'US DST end: Sunday open 00:00–24:00, local C from midnight → 8 real hours (07:00 EST)', calendar: newYorkSundays, filedAt: '2026-11-01T00:00:00-04:00', severity: 'C', language: 'local', due: '2026-11-01T12:00:00.000Z' },

  // Non-break-fix: one business day.
  { name: 'non-break-fix filed Friday evening → close of Monday', calendar: taipei, filedAt: '2026-11-13T19:30:00+08:00', severity: 'nonBreakFix', language: 'local', due: '2026-11-16T10:00:00.000Z' },
  { name: 'non-break-fix filed Friday 10:30 → Monday 10:30', calendar: taipei, filedAt: '2026-11-13T10:30:00+08:00', severity: 'nonBreakFix', language: 'english', due: '2026-11-16T02:30:00.000Z' },
  { name: 'non-break-fix filed Tuesday 10:30 → Wednesday 10:30', calendar: taipei, filedAt: '2026-11-17T10:30:00+08:00', severity: 'nonBreakFix', language: 'local', due: '2026-11-18T02:30:00.000Z' },
  { name: 'non-break-fix filed Monday 07:00, before opening → close of Monday', calendar: taipei, filedAt: '2026-11-16T07:00:00+08:00', severity: 'nonBreakFix', language: 'local', due: '2026-11-16T10:00:00.000Z' },
  { name: 'non-break-fix filed at 09:00 opening → close of the same day', calendar: taipei, filedAt: '2026-11-16T09:00:00+08:00', severity: 'nonBreakFix', language: 'local', due: '2026-11-16T10:00:00.000Z' },
  { name: 'non-break-fix filed during lunch → next day at the same business position (12:00)', calendar: taipeiSplit, filedAt: '2026-11-17T12:30:00+08:00', severity: 'nonBreakFix', language: 'local', due: '2026-11-18T04:00:00.000Z' },
  { name: 'non-break-fix filed Tuesday 15:00 with lunch → Wednesday 15:00', calendar: taipeiSplit, filedAt: '2026-11-17T15:00:00+08:00', severity: 'nonBreakFix', language: 'local', due: '2026-11-18T07:00:00.000Z' },

  // Filed outside business hours.
  { name: 'local B filed Saturday → Monday 13:00', calendar: taipei, filedAt: '2026-11-14T10:00:00+08:00', severity: 'B', language: 'local', due: '2026-11-16T05:00:00.000Z' },
  { name: 'local B filed Monday 07:00 → 13:00 the same day', calendar: taipei, filedAt: '2026-11-16T07:00:00+08:00', severity: 'B', language: 'local', due: '2026-11-16T05:00:00.000Z' },
  { name: 'local C filed Tuesday 22:00 → Wednesday 17:00', calendar: taipei, filedAt: '2026-11-17T22:00:00+08:00', severity: 'C', language: 'local', due: '2026-11-18T09:00:00.000Z' },
  { name: 'local B filed Friday 14:00 uses the day exactly → Friday 18:00, not Monday', calendar: taipei, filedAt: '2026-11-13T14:00:00+08:00', severity: 'B', language: 'local', due: '2026-11-13T10:00:00.000Z' },

  // English around the clock, filed Friday 23:30 Taipei (15:30Z).
  { name: 'English A filed 23:30 → 01:30', calendar: taipei, filedAt: '2026-11-13T23:30:00+08:00', severity: 'A', language: 'english', due: '2026-11-13T17:30:00.000Z' },
  { name: 'English B filed 23:30 → 03:30', calendar: taipei, filedAt: '2026-11-13T23:30:00+08:00', severity: 'B', language: 'english', due: '2026-11-13T19:30:00.000Z' },
  { name: 'English C filed 23:30 → 07:30 Saturday', calendar: taipei, filedAt: '2026-11-13T23:30:00+08:00', severity: 'C', language: 'english', due: '2026-11-13T23:30:00.000Z' },
  { name: 'English B filed 23:30, team counts B in business hours → Monday 13:00', calendar: taipei, filedAt: '2026-11-13T23:30:00+08:00', severity: 'B', language: 'english', due: '2026-11-16T05:00:00.000Z', policy: slaPolicySchema.parse({ businessHoursSeverities: ['B', 'C'] }) },
  { name: 'English A filed 23:30, team counts only B and C in business hours → still 2 h', calendar: taipei, filedAt: '2026-11-13T23:30:00+08:00', severity: 'A', language: 'english', due: '2026-11-13T17:30:00.000Z', policy: slaPolicySchema.parse({ businessHoursSeverities: ['B', 'C'] }) },
  { name: 'team policy B = 6 h, English', calendar: taipei, filedAt: '2026-11-13T23:30:00+08:00', severity: 'B', language: 'english', due: '2026-11-13T21:30:00.000Z', policy: slaPolicySchema.parse({ hours: { B: 6 } }) },
];

describe('initial response due', () => {
  it.each(rows)('$name', ({ calendar, filedAt, severity, language, due, policy }) => {
    const result = initialResponseDue({ filedAt: new Date(filedAt), severity, supportLanguage: language, calendar, ...(policy ? { policy } : {}) });
    expect(result.due.toISOString()).toBe(due);
  });
});

describe('the rule behind a deadline', () => {
  const filedAt = new Date('2026-11-13T23:30:00+08:00');
  it('names severity, language, hours and calendar', () => {
    const english = initialResponseDue({ filedAt, severity: 'B', supportLanguage: 'english', calendar: taipei });
    expect(english.rule).toEqual({ key: 'sla.rule.englishAroundTheClock', params: { severity: 'B', hours: 4 } });
    expect(describeRule(english.rule, 'en')).toBe('Severity B, English: 4 hours around the clock');

    const local = initialResponseDue({ filedAt, severity: 'B', supportLanguage: 'local', calendar: taipei });
    expect(describeRule(local.rule, 'en')).toBe('Severity B, local language: 4 business hours, Asia/Taipei calendar');
    expect(describeRule(local.rule, 'zh-TW')).toBe('嚴重性 B，當地語言支援：4 個營業時數，Asia/Taipei 行事曆');
    expect(describeRule(local.rule, 'zh-CN')).toBe('严重性 B，本地语言支持：4 个营业小时，Asia/Taipei 日历');

    const policy = slaPolicySchema.parse({ businessHoursSeverities: ['C'] });
    const byPolicy = initialResponseDue({ filedAt, severity: 'C', supportLanguage: 'english', calendar: taipei, policy });
    expect(describeRule(byPolicy.rule, 'en')).toBe('Severity C, English: 8 business hours by team policy, Asia/Taipei calendar');

    const nonBreakFix = initialResponseDue({ filedAt, severity: 'nonBreakFix', supportLanguage: 'english', calendar: taipei });
    expect(describeRule(nonBreakFix.rule, 'en')).toBe('In scope but not break-fix: one business day, Asia/Taipei calendar');
  });
});

describe('SLA policy schema', () => {
  it('defaults to the seed: A 2 h, B 4 h, C 8 h, nothing in business hours for English', () => {
    expect(slaPolicySchema.parse({})).toEqual({ hours: { A: 2, B: 4, C: 8 }, businessHoursSeverities: [] });
  });
  it('rejects zero hours, unknown and repeated severities', () => {
    expect(slaPolicySchema.safeParse({ hours: { A: 0 } }).error?.issues[0]?.message).toBe('Hours must be more than 0');
    expect(slaPolicySchema.safeParse({ businessHoursSeverities: ['D'] }).success).toBe(false);
    expect(slaPolicySchema.safeParse({ businessHoursSeverities: ['B', 'B'] }).error?.issues[0]?.message).toBe('List each severity once');
  });
});
