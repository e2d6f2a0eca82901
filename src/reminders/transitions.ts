/**
 * Pure transitions for the reminder actions (issue 5 point 4): "Microsoft responded" and "Snooze".
 * (case, inputs, context) → new case + effects + event, or field errors; times typed by the agent are read in the
 * team's time zone. Take over and Close belong to the escalation package (src/escalation/transitions.ts).
 */
import type { Actor, Case } from '../flow/case.js';
import type { Effect } from '../flow/effects.js';
import type { FieldError, RawInputs } from '../flow/forms.js';
import type { CaseEventDraft } from '../flow/transitions.js';
import { parseIsoDate, zonedInstant, localDateOf, addDays } from '../sla/zonedTime.js';

export interface ReminderActionContext {
  now: Date;
  actor: Actor;
  timeZone: string;
}

export type ReminderTransition = { ok: true; case: Case; effects: Effect[]; event: CaseEventDraft } | { ok: false; errors: FieldError[] };

const refuse = (...errors: FieldError[]): ReminderTransition => ({ ok: false, errors });
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const timePattern = /^([01]\d|2[0-3]):([0-5]\d)(:\d\d)?$/;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function next(c: Case, ctx: ReminderActionContext, patch: Partial<Case>, drop: (keyof Case)[], event: CaseEventDraft, effects: Effect[]): ReminderTransition {
  const copy: Case = { ...c, ...patch, version: c.version + 1, updatedAt: ctx.now.toISOString(), updatedBy: ctx.actor };
  for (const k of drop) delete copy[k];
  return { ok: true, case: copy, effects, event };
}

function guard(c: Case): FieldError | undefined {
  if (c.closed || c.step === 'closed') return { field: '', key: 'reminders.error.closed' };
  if (c.microsoftRespondedAt) return { field: '', key: 'reminders.error.alreadyResponded' };
  if (!c.serviceRequest) return { field: '', key: 'reminders.error.noServiceRequest' };
  return undefined;
}

/**
 * Records when Microsoft's initial response arrived (default: now). Stops the reminders; the event keeps the
 * response time against the deadline, which is what a partner reviews with Microsoft later.
 */
export function recordMicrosoftResponse(c: Case, inputs: RawInputs, ctx: ReminderActionContext): ReminderTransition {
  const blocked = guard(c);
  if (blocked) return refuse(blocked);
  const dateText = str(inputs.respondedDate);
  const timeText = str(inputs.respondedTime);
  let at = ctx.now;
  if (dateText || timeText) {
    const date = dateText ? parseIsoDate(dateText) : localDateOf(ctx.now.getTime(), ctx.timeZone);
    const errors: FieldError[] = [];
    if (!date) errors.push({ field: 'respondedDate', key: 'reminders.error.date' });
    if (timeText && !timePattern.test(timeText)) errors.push({ field: 'respondedTime', key: 'reminders.error.time' });
    if (errors.length || !date) return refuse(...errors);
    at = new Date(timeText ? zonedInstant(date, minutesOf(timeText), ctx.timeZone) : ctx.now.getTime());
  }
  // A minute of slack: the form's default is "now" rounded to the minute in the agent's clock.
  if (at.getTime() > ctx.now.getTime() + 60_000) return refuse({ field: 'respondedTime', key: 'reminders.error.future' });
  const filedAt = new Date(c.serviceRequest!.filedAt);
  if (at < filedAt) return refuse({ field: 'respondedTime', key: 'reminders.error.beforeFiling', params: { time: c.serviceRequest!.filedAt } });
  const due = c.initialResponseDue ? new Date(c.initialResponseDue) : undefined;
  const detail = {
    at: at.toISOString(),
    minutesAfterFiling: Math.round((at.getTime() - filedAt.getTime()) / 60_000),
    ...(due ? { due: due.toISOString(), minutesBeforeDeadline: Math.round((due.getTime() - at.getTime()) / 60_000) } : {}),
  };
  const effects: Effect[] = [{ type: 'cancelReminders' }, ...(c.escalation?.thread ? [{ type: 'updateThreadCard' } as const] : [])];
  return next(c, ctx, { microsoftRespondedAt: at.toISOString() }, ['snoozedUntil'], { kind: 'microsoft.responded', detail }, effects);
}

/** "30 min", "1 h" or "until HH:MM" (the next time the team's clock shows it). Points in between become one catch-up. */
export function snoozeReminders(c: Case, inputs: RawInputs, ctx: ReminderActionContext): ReminderTransition {
  const blocked = guard(c);
  if (blocked) return refuse(blocked);
  const choice = str(inputs.snooze) || '30';
  let until: Date;
  if (choice === '30' || choice === '60') {
    until = new Date(ctx.now.getTime() + Number(choice) * 60_000);
  } else if (choice === 'until') {
    const time = str(inputs.snoozeUntil);
    if (!time) return refuse({ field: 'snoozeUntil', key: 'reminders.error.untilMissing' });
    if (!timePattern.test(time)) return refuse({ field: 'snoozeUntil', key: 'reminders.error.time' });
    const today = localDateOf(ctx.now.getTime(), ctx.timeZone);
    let at = zonedInstant(today, minutesOf(time), ctx.timeZone);
    if (at <= ctx.now.getTime()) at = zonedInstant(addDays(today, 1), minutesOf(time), ctx.timeZone);
    until = new Date(at);
  } else {
    return refuse({ field: 'snooze', key: 'reminders.error.untilMissing' });
  }
  const effects: Effect[] = [{ type: 'scheduleReminders' }, ...(c.escalation?.thread ? [{ type: 'updateThreadCard' } as const] : [])];
  return next(c, ctx, { snoozedUntil: until.toISOString() }, [], { kind: 'reminders.snoozed', detail: { until: until.toISOString(), choice } }, effects);
}
