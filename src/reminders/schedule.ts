/**
 * From a case with a filed service request to its initial-response deadline and reminder rows (issue 5 point 2).
 * Pure: the runner loads the team's policies and stores what this returns.
 */
import type { Case } from '../flow/case.js';
import { t } from '../i18n/index.js';
import type { NewReminder } from '../store/reminders.js';
import { initialResponseDue, type DeadlineRule } from '../sla/deadline.js';
import { planReminders, type ReminderPoint } from '../sla/reminderPlan.js';
import type { TeamPolicies } from './teamPolicies.js';

/** What a reminder row carries; parsed back by the worker (rows outlive code versions). */
export type CatchUpReason = 'late' | 'plannedLate' | 'snoozed' | 'merged';

export interface ReminderPayload {
  kind: ReminderPoint['kind'];
  minutesBefore?: number;
  mentionLeads: boolean;
  catchUp?: boolean;
  /** How many earlier points a catch-up stands in for. */
  missed?: number;
  /**
   * Why points were merged, for honest wording (issue 9 point 8): `late` only when sending really fell behind
   * (downtime, failed attempts); `plannedLate` when the SR was recorded after points had passed; `snoozed` when a
   * snooze hid them; `merged` when points simply fell due together. Rows without it (older rows) read as `late`.
   */
  catchUpReason?: CatchUpReason;
  /** The deadline the point was planned against: a row planned for an old deadline is dropped, not sent. */
  due: string;
}

export interface Schedule {
  due: Date;
  rule: DeadlineRule;
  /** Whether the clock counts business hours (then the plan's halfway mark and overdue repeats do too). */
  businessHours: boolean;
  rows: NewReminder[];
}

export function isOpenForReminders(c: Case): boolean {
  return !c.closed && c.step !== 'closed' && !c.microsoftRespondedAt;
}

export function deadlineFor(c: Case, p: TeamPolicies): { due: Date; rule: DeadlineRule; businessHours: boolean } | undefined {
  const sr = c.serviceRequest;
  if (!sr) return undefined;
  const supportLanguage = c.intake?.supportLanguage ?? 'english';
  const { due, rule } = initialResponseDue({ filedAt: new Date(sr.filedAt), severity: sr.severity, supportLanguage, calendar: p.calendar, policy: p.sla });
  return { due, rule, businessHours: rule.key !== 'sla.rule.englishAroundTheClock' };
}

/**
 * Plans from `max(now, snoozedUntil)`: points hidden by a snooze are missed points, so the end of the snooze brings
 * one catch-up message rather than silence or a burst.
 */
export function scheduleFor(c: Case, p: TeamPolicies, now: Date): Schedule | undefined {
  const d = deadlineFor(c, p);
  if (!d || !c.serviceRequest) return undefined;
  if (!isOpenForReminders(c) || !c.escalation?.thread) return { ...d, rows: [] };
  const snooze = c.snoozedUntil ? new Date(c.snoozedUntil) : undefined;
  const from = snooze && snooze > now ? snooze : now;
  const plan = planReminders({
    filedAt: new Date(c.serviceRequest.filedAt),
    due: d.due,
    now: from,
    policy: p.reminders,
    ...(d.businessHours ? { calendar: p.calendar } : {}),
  });
  const rows = plan.points.map((pt) => ({
    caseId: c.id,
    tenantId: c.tenantId,
    kind: pt.kind,
    dueAt: pt.at.toISOString(),
    payload: {
      kind: pt.kind,
      mentionLeads: pt.mentionLeads,
      due: d.due.toISOString(),
      ...(pt.minutesBefore !== undefined ? { minutesBefore: pt.minutesBefore } : {}),
      ...(pt.catchUp ? { catchUp: true, missed: plan.missed.length, catchUpReason: from === snooze ? ('snoozed' as const) : ('plannedLate' as const) } : {}),
    } satisfies ReminderPayload,
  }));
  return { ...d, rows };
}

/** The case with its deadline and the rule's text in the team's language (the thread card shows both). */
export function withDeadline(c: Case, s: Pick<Schedule, 'due' | 'rule'>, p: TeamPolicies): Case {
  return { ...c, initialResponseDue: s.due.toISOString(), initialResponseRule: t(p.locale, s.rule.key, s.rule.params) };
}
