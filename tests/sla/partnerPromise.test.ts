import { describe, expect, it } from 'vitest';
import type { Severity, SupportLanguage } from '../../src/flow/case.js';
import { defaultCalendar, teamCalendarSchema } from '../../src/sla/calendar.js';
import { initialResponseDue } from '../../src/sla/deadline.js';
import { partnerPromiseSchema, partnerResponseDue } from '../../src/sla/partnerPromise.js';
import { describeRule } from '../../src/sla/describe.js';

/** Taipei, 09:00–18:00 with a lunch break: the partner's promise counts these hours, never the lunch or the night. */
const taipei = teamCalendarSchema.parse({
  timeZone: 'Asia/Taipei',
  holidayRegion: 'TW',
  weeklyHours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, ['09:00-12:00', '13:00-18:00']])),
});
const promise = partnerPromiseSchema.parse({ A: 1, B: 2, C: 4 });

/**
 * Two clocks for one case: Microsoft's initial response (from the SR filing, seed 001 rules) and the partner's own
 * promise to the customer (from when the case was opened, always in business hours). The partner promises less time.
 */
const table: {
  name: string;
  opened: string;
  filed: string;
  severity: Severity;
  language: SupportLanguage;
  partner: string | undefined;
  microsoft: string;
}[] = [
  { name: 'A, Friday 10:00: partner 1 h → 11:00; Microsoft 2 h around the clock → 12:00', opened: '2026-11-20T10:00:00+08:00', filed: '2026-11-20T10:00:00+08:00', severity: 'A', language: 'english', partner: '2026-11-20T03:00:00.000Z', microsoft: '2026-11-20T04:00:00.000Z' },
  { name: 'A, opened 11:30, filed 11:40: the partner clock skips lunch (11:30 + 1 h → 13:30)', opened: '2026-11-20T11:30:00+08:00', filed: '2026-11-20T11:40:00+08:00', severity: 'A', language: 'english', partner: '2026-11-20T05:30:00.000Z', microsoft: '2026-11-20T05:40:00.000Z' },
  { name: 'B local, Friday 17:30: partner 30 min Fri + 1 h 30 Mon → Mon 10:30; Microsoft 4 business h → Mon 13:30 (after lunch)', opened: '2026-11-20T17:30:00+08:00', filed: '2026-11-20T17:30:00+08:00', severity: 'B', language: 'local', partner: '2026-11-23T02:30:00.000Z', microsoft: '2026-11-23T05:30:00.000Z' },
  { name: 'C opened Saturday: partner clock starts Monday 09:00 4 business h with lunch → 14:00; Microsoft 8 business h → 18:00', opened: '2026-11-21T10:00:00+08:00', filed: '2026-11-23T09:00:00+08:00', severity: 'C', language: 'local', partner: '2026-11-23T06:00:00.000Z', microsoft: '2026-11-23T10:00:00.000Z' },
  { name: 'not break-fix without a promise for it: no second clock', opened: '2026-11-20T10:00:00+08:00', filed: '2026-11-20T10:00:00+08:00', severity: 'nonBreakFix', language: 'english', partner: undefined, microsoft: '2026-11-23T02:00:00.000Z' },
];

describe('two clocks per case: the partner promise is tighter than Microsoft\'s and counts business hours', () => {
  it.each(table)('$name', (row) => {
    const p = partnerResponseDue({ openedAt: new Date(row.opened), severity: row.severity, calendar: taipei, promise });
    const m = initialResponseDue({ filedAt: new Date(row.filed), severity: row.severity, supportLanguage: row.language, calendar: taipei });
    expect(p?.due.toISOString()).toBe(row.partner);
    expect(m.due.toISOString()).toBe(row.microsoft);
    if (p) expect(p.due.getTime()).toBeLessThan(m.due.getTime());
  });

  it('the rule names the promise, the hours and the time zone, in every locale', () => {
    const p = partnerResponseDue({ openedAt: new Date('2026-11-20T02:00:00Z'), severity: 'A', calendar: taipei, promise })!;
    expect(describeRule(p.rule, 'en')).toBe('Your promise to the customer: severity A within 1 business hours (Asia/Taipei), counted from when the case was opened');
    expect(describeRule(p.rule, 'zh-TW')).toContain('營業小時');
  });

  it('no promise configured: no second clock', () => {
    expect(partnerResponseDue({ openedAt: new Date(), severity: 'A', calendar: defaultCalendar('TW'), promise: undefined })).toBeUndefined();
  });

  it('the settings schema refuses zero and absurd hours', () => {
    expect(partnerPromiseSchema.safeParse({ A: 0 }).success).toBe(false);
    expect(partnerPromiseSchema.safeParse({ B: 400 }).success).toBe(false);
  });
});
