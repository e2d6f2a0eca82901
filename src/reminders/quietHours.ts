/**
 * Quiet hours (issue 13): who a reminder @mentions, or whether it waits, given the owner's and the leads' working
 * hours. Pure: people with their working calendars, the point and an injected `now` in; a decision out.
 *
 * The rules, in order:
 * 1. An owner whose hours we do not know (no Teams time zone seen, no override), or who is working now, is mentioned
 *    as before (plus the leads after the breach when the reminder policy says so; issue 5's rule).
 * 2. Severity A (production down) with the owner off duty: the owner AND every team lead, whatever their hours. (During
 *    the owner's hours a Sev A stays with rule 1, so the leads are not paged by every halfway point of a normal day.)
 * 3. Otherwise (B, C, non-break-fix, owner off duty) the point WAITS for the owner's next working start S when the
 *    deadline allows it, i.e. S ≤ the point's relevance limit R:
 *      - a "N minutes before" point promised N minutes to act: R = due − N;
 *      - the halfway point promised half the time: reading it at R = due − (due − point)/2 still leaves the owner half
 *        of what the point gave (a quarter of the whole window);
 *      - the deadline and overdue points have no R: the deadline is now, nothing waits.
 * 4. When it cannot wait, the lead(s) on duty (known hours covering now) are mentioned INSTEAD of the owner.
 * 5. With nobody on duty, the owner is mentioned after all: a reminder nobody hears is the worst outcome (issue 5).
 * Leads are paged after the breach only while on duty for B/C/non-break-fix (or when their hours are unknown).
 */
import type { Severity } from '../flow/case.js';
import { isBusinessTime, nextBusinessStart, type TeamCalendar } from '../sla/calendar.js';
import type { ReminderKind } from '../sla/reminderPlan.js';

export interface WorkingPerson {
  id: string;
  name: string;
  /** Working hours; undefined when unknown. */
  calendar?: TeamCalendar;
}

export interface QuietHoursInput {
  severity: Severity;
  kind: ReminderKind;
  /** When the point was planned (the row's due time). */
  pointAt: Date;
  minutesBefore?: number;
  /** Microsoft's initial-response deadline. */
  due: Date;
  now: Date;
  owner: WorkingPerson;
  leads: WorkingPerson[];
  /** The reminder policy pages the leads once the deadline has passed. */
  leadsAfterBreach: boolean;
}

export type AudienceReason = 'severityA' | 'ownerHoursUnknown' | 'ownerOnDuty' | 'leadOnDuty' | 'nobodyOnDuty';

export type ReminderAudience =
  | { send: true; mentions: WorkingPerson[]; ownerMentioned: boolean; reason: AudienceReason }
  | { send: false; waitUntil: Date; reason: 'ownerMorning' };

/** Working now? undefined when the person's hours are unknown. */
export function onDuty(p: WorkingPerson, now: Date): boolean | undefined {
  return p.calendar ? isBusinessTime(p.calendar, now) : undefined;
}

/** The last instant at which this point still does its job (rule 3); undefined for points that never wait. */
export function relevantUntil(input: Pick<QuietHoursInput, 'kind' | 'pointAt' | 'minutesBefore' | 'due'>): Date | undefined {
  const due = input.due.getTime();
  if (input.kind === 'before' && input.minutesBefore !== undefined) return new Date(due - input.minutesBefore * 60_000);
  if (input.kind === 'halfway') return new Date(due - Math.max(0, due - input.pointAt.getTime()) / 2);
  return undefined;
}

const unique = (people: WorkingPerson[]) => people.filter((p, i) => people.findIndex((q) => q.id === p.id) === i);

export function reminderAudience(input: QuietHoursInput): ReminderAudience {
  const { owner, leads, now } = input;
  const breached = now.getTime() >= input.due.getTime() + 60_000;
  const reachableLeads = leads.filter((l) => onDuty(l, now) !== false);
  const withBreachLeads = (reason: AudienceReason): ReminderAudience => ({
    send: true,
    mentions: unique([owner, ...(breached && input.leadsAfterBreach ? reachableLeads : [])]),
    ownerMentioned: true,
    reason,
  });
  const ownerWorking = onDuty(owner, now);
  if (ownerWorking === undefined) return withBreachLeads('ownerHoursUnknown');
  if (ownerWorking) return withBreachLeads('ownerOnDuty');
  if (input.severity === 'A') return { send: true, mentions: unique([owner, ...leads]), ownerMentioned: true, reason: 'severityA' };

  const limit = relevantUntil(input);
  if (limit && owner.calendar) {
    const morning = nextBusinessStart(owner.calendar, now);
    if (morning.getTime() <= limit.getTime()) return { send: false, waitUntil: morning, reason: 'ownerMorning' };
  }
  const onDutyLeads = leads.filter((l) => l.id !== owner.id && onDuty(l, now) === true);
  if (onDutyLeads.length > 0) return { send: true, mentions: unique(onDutyLeads), ownerMentioned: false, reason: 'leadOnDuty' };
  return withBreachLeads('nobodyOnDuty');
}
