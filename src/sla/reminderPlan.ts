/**
 * When to remind the case's channel thread about Microsoft's initial-response deadline (issue 5,
 * DESIGN §2.6). Pure planning only: the worker stores the points as rows and sends them.
 * A reminder that comes late, twice, or not at all destroys trust in the bot, so the plan never
 * holds a point in the past, reports what was missed (one catch-up message, not a burst), and
 * never materializes the open-ended overdue repeats.
 */
import { z } from 'zod';
import { addBusinessMinutes, businessMinutesBetween, type TeamCalendar } from './calendar.js';

export const reminderPolicySchema = z.object({
  /** Remind when half of the time to the deadline has passed. */
  halfway: z.boolean().default(true),
  /** Minutes before the deadline; a point earlier than the halfway mark is dropped (scaled to short deadlines). */
  minutesBefore: z
    .array(z.number().int().positive().max(7 * 24 * 60))
    .max(10, { message: 'At most 10 reminders before the deadline' })
    .default([30, 10])
    .refine((m) => new Set(m).size === m.length, { message: 'List each reminder time once' }),
  /** Remind at the deadline itself (the breach). */
  atDue: z.boolean().default(true),
  /**
   * Minutes between reminders once overdue; 'auto' scales with the deadline: a quarter of the time
   * from filing to due, between 15 and 60 minutes (Sev A → 30, B and C → 60).
   */
  overdueEveryMinutes: z.union([z.literal('auto'), z.number().int().min(5).max(24 * 60)]).default('auto'),
  /** @mention the team lead(s) on overdue reminders. */
  mentionLeadsAfterBreach: z.boolean().default(true),
  /** Two points closer than this are sent as one (the more urgent; on a tie, the later). */
  collapseWithinMinutes: z.number().int().min(0).max(120).default(5),
});
export type ReminderPolicy = z.output<typeof reminderPolicySchema>;
export type ReminderPolicyInput = z.input<typeof reminderPolicySchema>;

export const defaultReminderPolicy: ReminderPolicy = reminderPolicySchema.parse({});

export type ReminderKind = 'halfway' | 'before' | 'due' | 'overdue';

export interface ReminderPoint {
  kind: ReminderKind;
  at: Date;
  /** For 'before' points: how many minutes before the deadline. */
  minutesBefore?: number;
  mentionLeads: boolean;
  /** True on the single point that stands in for missed ones (sent at `now`). */
  catchUp?: boolean;
}

export interface ReminderPlan {
  /** Points to store, in time order, none before `now`. */
  points: ReminderPoint[];
  /** Points that were already past at planning time (e.g. after downtime); covered by one catch-up point. */
  missed: ReminderPoint[];
}

export interface PlanInput {
  filedAt: Date;
  due: Date;
  now: Date;
  policy?: ReminderPolicy;
  /**
   * The team calendar when the deadline counts business hours: the halfway mark and the overdue
   * repeats then count business time too, so nobody is paged at 02:00 on a Sunday for a clock that
   * stood still.
   */
  calendar?: TeamCalendar;
}

const minute = 60_000;
const urgency: Record<ReminderKind, number> = { halfway: 0, before: 1, due: 2, overdue: 2 };

export function overdueInterval(policy: ReminderPolicy, filedAt: Date | undefined, due: Date): number {
  if (policy.overdueEveryMinutes !== 'auto') return policy.overdueEveryMinutes;
  if (!filedAt) return 60;
  const span = (due.getTime() - filedAt.getTime()) / minute;
  return Math.min(60, Math.max(15, Math.round(span / 4)));
}

/**
 * The first overdue reminder strictly after `after`: due + k·interval (k ≥ 1), in business minutes
 * when a calendar is given. The worker calls this after each overdue send instead of storing an
 * endless series.
 */
export function nextOverdueAt(
  due: Date,
  after: Date,
  policy: ReminderPolicy = defaultReminderPolicy,
  context: { filedAt?: Date; calendar?: TeamCalendar } = {},
): Date {
  const every = overdueInterval(policy, context.filedAt, due);
  const { calendar } = context;
  const elapsed = calendar
    ? businessMinutesBetween(calendar, due, after)
    : (after.getTime() - due.getTime()) / minute;
  let k = Math.max(1, Math.floor(elapsed / every) + 1);
  for (;;) {
    const at = calendar ? addBusinessMinutes(calendar, due, k * every) : new Date(due.getTime() + k * every * minute);
    if (at.getTime() > after.getTime()) return at;
    k++;
  }
}

export function planReminders(input: PlanInput): ReminderPlan {
  const { filedAt, due, now, calendar } = input;
  const policy = input.policy ?? defaultReminderPolicy;
  const candidates: ReminderPoint[] = [];

  const halfwayAt = calendar
    ? addBusinessMinutes(calendar, filedAt, businessMinutesBetween(calendar, filedAt, due) / 2)
    : new Date(filedAt.getTime() + (due.getTime() - filedAt.getTime()) / 2);
  if (policy.halfway && halfwayAt > filedAt && halfwayAt < due) {
    candidates.push({ kind: 'halfway', at: halfwayAt, mentionLeads: false });
  }
  for (const m of policy.minutesBefore) {
    const at = new Date(due.getTime() - m * minute);
    // A "30 minutes left" before the halfway mark (short deadlines) would say less than it seems.
    if (at > filedAt && at >= halfwayAt) candidates.push({ kind: 'before', at, minutesBefore: m, mentionLeads: false });
  }
  if (policy.atDue) candidates.push({ kind: 'due', at: due, mentionLeads: false });
  candidates.sort((a, b) => a.at.getTime() - b.at.getTime());

  const missed = candidates.filter((p) => p.at < now);
  const upcoming = candidates.filter((p) => p.at >= now);
  const stream: ReminderPoint[] = [];
  const latestMissed = missed.at(-1);
  if (latestMissed) {
    // After the breach the one catch-up message is an overdue notice (leads included), whatever was missed.
    stream.push(
      now > due
        ? { kind: 'overdue', at: now, mentionLeads: policy.mentionLeadsAfterBreach, catchUp: true }
        : { ...latestMissed, at: now, catchUp: true },
    );
  }
  stream.push(...upcoming);
  // Once the deadline has passed there must always be a next row, or the reminders would stop.
  if (now >= due) {
    stream.push({
      kind: 'overdue',
      at: nextOverdueAt(due, now, policy, { filedAt, ...(calendar ? { calendar } : {}) }),
      mentionLeads: policy.mentionLeadsAfterBreach,
    });
  }

  return { points: collapse(stream, policy.collapseWithinMinutes), missed };
}

function collapse(points: ReminderPoint[], withinMinutes: number): ReminderPoint[] {
  const kept: ReminderPoint[] = [];
  for (const p of points) {
    const last = kept.at(-1);
    if (last && p.at.getTime() - last.at.getTime() < withinMinutes * minute) {
      if (urgency[p.kind] >= urgency[last.kind]) {
        kept[kept.length - 1] = last.catchUp ? { ...p, catchUp: true } : p;
      }
      continue;
    }
    kept.push(p);
  }
  return kept;
}
