/**
 * Effect runners for `scheduleReminders` and `cancelReminders` (issue 5 point 2). They run after the case is stored;
 * scheduling returns the case with its deadline so the caller saves it as the follow-up version.
 */
import type { EffectRunner } from '../effects/runner.js';
import { scheduleFor, withDeadline } from './schedule.js';
import { policiesForCase } from './teamPolicies.js';

export const scheduleReminders: EffectRunner<{ type: 'scheduleReminders' }> = async (_effect, c, _turn, app) => {
  const policies = await policiesForCase(app, c);
  const now = app.clock();
  const schedule = scheduleFor(c, policies, now);
  await app.store.reminders.cancelForCase(c.id);
  if (!schedule) return {};
  await app.store.reminders.add(schedule.rows, now.toISOString());
  app.log.info({ caseId: c.id, due: schedule.due.toISOString(), points: schedule.rows.length }, 'reminders scheduled');
  const updated = withDeadline(c, schedule, policies);
  const changed =
    updated.initialResponseDue !== c.initialResponseDue ||
    updated.initialResponseRule !== c.initialResponseRule ||
    updated.partnerResponseDue !== c.partnerResponseDue ||
    updated.partnerResponseRule !== c.partnerResponseRule;
  return changed ? { case: updated } : {};
};

export const cancelReminders: EffectRunner<{ type: 'cancelReminders' }> = async (_effect, c, _turn, app) => {
  const n = await app.store.reminders.cancelForCase(c.id);
  app.log.info({ caseId: c.id, cancelled: n }, 'reminders cancelled');
  return {};
};
