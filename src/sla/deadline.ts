/**
 * Microsoft's initial-response deadline for a CSP service request (seed 001 FAQ, DESIGN §2.6):
 * severity A 2 h, B 4 h, C 8 h for English-speaking support around the clock; local-language
 * support only during business hours; in scope but not break-fix: up to one business day.
 * Pure: the caller passes when the request was filed and the team's calendar and policy.
 */
import { z } from 'zod';
import type { Severity, SupportLanguage } from '../flow/case.js';
import { addBusinessMinutes, businessDayOf, businessMinutesBetween, nextBusinessDay, nextBusinessStart, type TeamCalendar } from './calendar.js';

const breakFixSeverities = ['A', 'B', 'C'] as const;
export type BreakFixSeverity = (typeof breakFixSeverities)[number];

const hoursSchema = z.number().positive({ message: 'Hours must be more than 0' }).max(24 * 14, { message: 'At most 336 hours' });

export const slaPolicySchema = z.object({
  /** Initial-response hours per break-fix severity (seed 001: A 2, B 4, C 8). */
  hours: z
    .object({ A: hoursSchema.default(2), B: hoursSchema.default(4), C: hoursSchema.default(8) })
    .default({ A: 2, B: 4, C: 8 }),
  /**
   * Severities whose clock counts business hours even for English support. Empty by default (the
   * seed's English times run around the clock); a partner may choose B and C, as some Microsoft
   * support plans state for those severities.
   */
  businessHoursSeverities: z
    .array(z.enum(breakFixSeverities))
    .default([])
    .refine((s) => new Set(s).size === s.length, { message: 'List each severity once' }),
});
export type SlaPolicy = z.output<typeof slaPolicySchema>;
export type SlaPolicyInput = z.input<typeof slaPolicySchema>;

export const defaultSlaPolicy: SlaPolicy = slaPolicySchema.parse({});

/** An i18n key in sla.json with its parameters, so the card shows which rule produced the deadline. */
export interface DeadlineRule {
  key: string;
  params: Record<string, string | number>;
}

export interface InitialResponseInput {
  filedAt: Date;
  severity: Severity;
  supportLanguage: SupportLanguage;
  calendar: TeamCalendar;
  policy?: SlaPolicy;
}

export function initialResponseDue(input: InitialResponseInput): { due: Date; rule: DeadlineRule } {
  const { filedAt, severity, supportLanguage, calendar } = input;
  const policy = input.policy ?? defaultSlaPolicy;
  const timeZone = calendar.timeZone;

  if (severity === 'nonBreakFix') {
    return { due: oneBusinessDayAfter(calendar, filedAt), rule: { key: 'sla.rule.nonBreakFix', params: { timeZone } } };
  }

  const hours = policy.hours[severity];
  if (supportLanguage === 'local') {
    return {
      due: addBusinessMinutes(calendar, filedAt, hours * 60),
      rule: { key: 'sla.rule.localBusinessHours', params: { severity, hours, timeZone } },
    };
  }
  if (policy.businessHoursSeverities.includes(severity)) {
    return {
      due: addBusinessMinutes(calendar, filedAt, hours * 60),
      rule: { key: 'sla.rule.englishBusinessHours', params: { severity, hours, timeZone } },
    };
  }
  // Around the clock means elapsed time: 2 h is 2 h even across a DST change.
  return {
    due: new Date(filedAt.getTime() + hours * 3_600_000),
    rule: { key: 'sla.rule.englishAroundTheClock', params: { severity, hours } },
  };
}

/**
 * "Up to one business day" (seed 001), read the way a helpdesk reads it:
 * - filed during business hours → the same business-time position on the next business day
 *   (Tuesday 10:30 → Wednesday 10:30; with a lunch gap, "position" is business minutes since
 *   the day opened, so the answer is never later than the same wall time);
 * - filed outside business hours, or exactly at opening → close of the first business day that
 *   opens after filing (Friday 19:00 → Monday 18:00): a full business day, and no later.
 * If the next business day is shorter than the position, the deadline is its close.
 */
export function oneBusinessDayAfter(calendar: TeamCalendar, filedAt: Date): Date {
  const clockStart = nextBusinessStart(calendar, filedAt);
  const day = businessDayOf(calendar, clockStart);
  const opening = day.intervals[0];
  const closing = day.intervals.at(-1);
  if (!opening || !closing) throw new Error('business day without hours');
  const position = businessMinutesBetween(calendar, new Date(opening[0]), clockStart);
  if (position <= 0) return new Date(closing[1]);
  const next = nextBusinessDay(calendar, day.date);
  const nextOpening = next.intervals[0];
  const nextClosing = next.intervals.at(-1);
  if (!nextOpening || !nextClosing) throw new Error('business day without hours');
  const length = next.intervals.reduce((sum, [s, e]) => sum + (e - s), 0) / 60_000;
  if (position >= length) return new Date(nextClosing[1]);
  return addBusinessMinutes(calendar, new Date(nextOpening[0]), position);
}
