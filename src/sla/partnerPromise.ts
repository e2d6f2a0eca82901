/**
 * The second clock (issue 14 point 6): the partner's own promise to its customers, a response target per severity
 * counted in the partner's business hours. Microsoft's clock says when Microsoft owes the partner an answer; this one
 * says when the partner owes its customer one, so it starts when the case was opened (the customer's problem reached
 * the helpdesk), not when the service request was filed. Both stop when Microsoft's response is recorded or the case
 * closes: that response is what the partner relays. Pure: the caller passes the case's times and the team calendar.
 */
import { z } from 'zod';
import type { Severity } from '../flow/case.js';
import { addBusinessMinutes, type TeamCalendar } from './calendar.js';
import type { DeadlineRule } from './deadline.js';

const hours = z.number().positive({ message: 'Hours must be more than 0' }).max(24 * 14, { message: 'At most 336 hours' });

/** Hours per severity; a severity left out has no partner promise (and no second clock). */
export const partnerPromiseSchema = z.object({
  A: hours.optional(),
  B: hours.optional(),
  C: hours.optional(),
  nonBreakFix: hours.optional(),
});
export type PartnerPromise = z.output<typeof partnerPromiseSchema>;

export interface PartnerClockInput {
  /** When the case was opened. */
  openedAt: Date;
  severity: Severity;
  calendar: TeamCalendar;
  promise: PartnerPromise | undefined;
}

export function partnerResponseDue(input: PartnerClockInput): { due: Date; rule: DeadlineRule } | undefined {
  const h = input.promise?.[input.severity];
  if (h === undefined) return undefined;
  return {
    due: addBusinessMinutes(input.calendar, input.openedAt, h * 60),
    rule: { key: 'partnerClock.rule', params: { severity: input.severity === 'nonBreakFix' ? '—' : input.severity, hours: h, timeZone: input.calendar.timeZone } },
  };
}
