import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../src/sla/calendar.js';
import { initialResponseDue } from '../../src/sla/deadline.js';
import { nextOverdueAt, planReminders, reminderPolicySchema, type ReminderPoint } from '../../src/sla/reminderPlan.js';

const at = (s: string) => new Date(s);
const show = (points: ReminderPoint[]) =>
  points.map((p) => `${p.kind}${p.minutesBefore ? `-${p.minutesBefore}` : ''}@${p.at.toISOString().slice(11, 16)}${p.mentionLeads ? '+leads' : ''}${p.catchUp ? '+catchUp' : ''}`);

// Severity B English, filed 10:00Z → due 14:00Z.
const filedAt = at('2026-11-16T10:00:00Z');
const due = at('2026-11-16T14:00:00Z');

describe('planning reminders for a Sev B (4 h) deadline', () => {
  it('planned at filing: halfway, 30 and 10 minutes before, at due', () => {
    const plan = planReminders({ filedAt, due, now: filedAt });
    expect(show(plan.points)).toEqual(['halfway@12:00', 'before-30@13:30', 'before-10@13:50', 'due@14:00']);
    expect(plan.missed).toEqual([]);
  });

  it('a point exactly at now is still sent, not missed', () => {
    const plan = planReminders({ filedAt, due, now: at('2026-11-16T12:00:00Z') });
    expect(show(plan.points)).toEqual(['halfway@12:00', 'before-30@13:30', 'before-10@13:50', 'due@14:00']);
    expect(plan.missed).toEqual([]);
  });

  it('after downtime: past points are reported as missed and replaced by ONE catch-up point now', () => {
    const plan = planReminders({ filedAt, due, now: at('2026-11-16T13:40:00Z') });
    expect(show(plan.missed)).toEqual(['halfway@12:00', 'before-30@13:30']);
    expect(show(plan.points)).toEqual(['before-30@13:40+catchUp', 'before-10@13:50', 'due@14:00']);
  });

  it('a catch-up within the collapse window of the next point merges into it', () => {
    const plan = planReminders({ filedAt, due, now: at('2026-11-16T13:47:00Z') });
    expect(show(plan.missed)).toEqual(['halfway@12:00', 'before-30@13:30']);
    expect(show(plan.points)).toEqual(['before-10@13:50+catchUp', 'due@14:00']);
  });

  it('planned after the breach: one overdue catch-up with the leads, then the next overdue repeat', () => {
    const plan = planReminders({ filedAt, due, now: at('2026-11-16T14:45:00Z') });
    expect(show(plan.missed)).toEqual(['halfway@12:00', 'before-30@13:30', 'before-10@13:50', 'due@14:00']);
    expect(show(plan.points)).toEqual(['overdue@14:45+leads+catchUp', 'overdue@15:00+leads']);
  });

  it('planned exactly at the breach: the due point stands in for the missed ones, then the first overdue repeat', () => {
    const plan = planReminders({ filedAt, due, now: due });
    expect(show(plan.missed)).toEqual(['halfway@12:00', 'before-30@13:30', 'before-10@13:50']);
    expect(show(plan.points)).toEqual(['due@14:00+catchUp', 'overdue@15:00+leads']);
  });
});

describe('scaling and collapsing', () => {
  it('Sev A (2 h): overdue repeats every 30 minutes by default', () => {
    const aDue = at('2026-11-16T12:00:00Z');
    expect(show(planReminders({ filedAt, due: aDue, now: filedAt }).points)).toEqual([
      'halfway@11:00', 'before-30@11:30', 'before-10@11:50', 'due@12:00',
    ]);
    expect(nextOverdueAt(aDue, aDue, undefined, { filedAt }).toISOString()).toBe('2026-11-16T12:30:00.000Z');
  });

  it('1 h deadline: halfway and 30-before coincide → one point, the more urgent', () => {
    const plan = planReminders({ filedAt, due: at('2026-11-16T11:00:00Z'), now: filedAt });
    expect(show(plan.points)).toEqual(['before-30@10:30', 'before-10@10:50', 'due@11:00']);
  });

  it('short test deadline (20 min): points before filing or before halfway are dropped', () => {
    const plan = planReminders({ filedAt, due: at('2026-11-16T10:20:00Z'), now: filedAt });
    expect(show(plan.points)).toEqual(['before-10@10:10', 'due@10:20']);
    expect(nextOverdueAt(at('2026-11-16T10:20:00Z'), at('2026-11-16T10:20:00Z'), undefined, { filedAt }).toISOString()).toBe('2026-11-16T10:35:00.000Z');
  });

  it('points closer than the collapse window merge; a wider window merges more', () => {
    const policy = reminderPolicySchema.parse({ minutesBefore: [30, 27, 10], collapseWithinMinutes: 5 });
    expect(show(planReminders({ filedAt, due, now: filedAt, policy }).points)).toEqual([
      'halfway@12:00', 'before-27@13:33', 'before-10@13:50', 'due@14:00',
    ]);
    const wide = reminderPolicySchema.parse({ collapseWithinMinutes: 15 });
    expect(show(planReminders({ filedAt, due, now: filedAt, policy: wide }).points)).toEqual(['halfway@12:00', 'before-30@13:30', 'due@14:00']);
  });

  it('a policy without halfway, before or due points, and leads never mentioned', () => {
    const policy = reminderPolicySchema.parse({ halfway: false, minutesBefore: [], atDue: false, mentionLeadsAfterBreach: false });
    expect(planReminders({ filedAt, due, now: filedAt, policy }).points).toEqual([]);
    expect(show(planReminders({ filedAt, due, now: at('2026-11-16T14:10:00Z'), policy }).points)).toEqual(['overdue@15:00']);
  });
});

describe('overdue repetition', () => {
  const policy = reminderPolicySchema.parse({ overdueEveryMinutes: 60 });
  it.each([
    ['2026-11-16T14:00:00Z', '2026-11-16T15:00:00.000Z'],
    ['2026-11-16T14:59:59Z', '2026-11-16T15:00:00.000Z'],
    ['2026-11-16T15:00:00Z', '2026-11-16T16:00:00.000Z'],
    ['2026-11-16T15:30:00Z', '2026-11-16T16:00:00.000Z'],
    ['2026-11-17T09:10:00Z', '2026-11-17T10:00:00.000Z'],
    ['2026-11-16T13:00:00Z', '2026-11-16T15:00:00.000Z'],
  ])('after %s → %s', (after, next) => {
    expect(nextOverdueAt(due, at(after), policy).toISOString()).toBe(next);
  });

  it('on a business-hours clock the repeats pause outside business hours', () => {
    const taipei = defaultCalendar('TW');
    const friday = at('2026-11-13T17:30:00+08:00');
    expect(nextOverdueAt(friday, friday, policy, { calendar: taipei }).toISOString()).toBe('2026-11-16T01:30:00.000Z');
    expect(nextOverdueAt(friday, at('2026-11-16T09:30:00+08:00'), policy, { calendar: taipei }).toISOString()).toBe('2026-11-16T02:30:00.000Z');
  });
});

describe('business-hours deadlines', () => {
  it('local-language Sev B filed Friday 17:00 Taipei: halfway at Monday 10:00, not on Sunday night', () => {
    const calendar = defaultCalendar('TW');
    const filed = at('2026-11-13T17:00:00+08:00');
    const { due: localDue } = initialResponseDue({ filedAt: filed, severity: 'B', supportLanguage: 'local', calendar });
    expect(localDue.toISOString()).toBe('2026-11-16T04:00:00.000Z');
    const plan = planReminders({ filedAt: filed, due: localDue, now: filed, calendar });
    expect(plan.points.map((p) => `${p.kind}@${p.at.toISOString()}`)).toEqual([
      'halfway@2026-11-16T02:00:00.000Z',
      'before@2026-11-16T03:30:00.000Z',
      'before@2026-11-16T03:50:00.000Z',
      'due@2026-11-16T04:00:00.000Z',
    ]);
  });
});

describe('reminder policy validation', () => {
  const firstError = (input: unknown) => reminderPolicySchema.safeParse(input).error?.issues[0]?.message;
  it('defaults', () => {
    expect(reminderPolicySchema.parse({})).toEqual({
      halfway: true,
      minutesBefore: [30, 10],
      atDue: true,
      overdueEveryMinutes: 'auto',
      mentionLeadsAfterBreach: true,
      collapseWithinMinutes: 5,
    });
  });
  it('rejects repeated times, overdue repeats under 5 minutes, negative minutes', () => {
    expect(firstError({ minutesBefore: [30, 30] })).toBe('List each reminder time once');
    expect(reminderPolicySchema.safeParse({ overdueEveryMinutes: 2 }).success).toBe(false);
    expect(reminderPolicySchema.safeParse({ minutesBefore: [-5] }).success).toBe(false);
    expect(reminderPolicySchema.safeParse({ collapseWithinMinutes: -1 }).success).toBe(false);
  });
});
