/**
 * "Microsoft responded" and "Snooze" on a reminder card in the case's thread (issue 5 point 4). Same contract as the
 * flow verbs: load → same tenant and version → pure transition → save with the version check → effects → answer
 * with the reminder card replaced in place.
 */
import { z } from 'zod';
import type { AppServices } from '../../app/services.js';
import type { Case } from '../../flow/case.js';
import { t } from '../../i18n/index.js';
import { reminderActionCard } from '../../reminders/message.js';
import { policiesForCase } from '../../reminders/teamPolicies.js';
import { recordMicrosoftResponse, snoozeReminders, type ReminderActionContext, type ReminderTransition } from '../../reminders/transitions.js';
import { formatDuration } from '../../sla/describe.js';
import { runEffects } from '../../app/effectRunners.js';
import { threadCardFor } from '../../escalation/threadCards.js';
import { partnerContact } from '../../escalation/runners.js';
import type { Handler, Turn } from '../turn.js';

const cardData = z.object({
  caseId: z.string().min(1).max(40),
  version: z.union([z.number().int(), z.string().regex(/^\d{1,9}$/).transform(Number)]),
});

import { readerTime } from '../../cards/readerTime.js';
import { inert } from '../../text/inert.js';

function doneText(c: Case, turn: Turn, locale: Parameters<typeof t>[0]): string {
  const name = inert(turn.actor.name.slice(0, 80));
  if (c.microsoftRespondedAt && c.serviceRequest) {
    const at = Date.parse(c.microsoftRespondedAt);
    const duration = formatDuration(at - Date.parse(c.serviceRequest.filedAt), locale);
    const due = c.initialResponseDue ? Date.parse(c.initialResponseDue) : undefined;
    const verdict =
      due === undefined
        ? t(locale, 'reminders.verdict.noDeadline', { duration })
        : t(locale, at <= due ? 'reminders.verdict.inTime' : 'reminders.verdict.late', { duration, margin: formatDuration(due - at, locale) });
    return t(locale, 'reminders.done.responded', { time: readerTime(c.microsoftRespondedAt), name, verdict });
  }
  return t(locale, 'reminders.done.snoozed', { time: readerTime(c.snoozedUntil ?? turn.now.toISOString()), name });
}

type Apply = (c: Case, inputs: Record<string, unknown>, ctx: ReminderActionContext) => ReminderTransition;

/**
 * From a reminder card the answer is that card, settled; from the case card at the thread's root (`onThreadCard`,
 * no inputs: "now" / one hour) the answer is the case card itself, so the root card stays the case card.
 */
function reminderVerb(apply: Apply, onThreadCard?: { inputs: Record<string, unknown> }): Handler {
  return async (turn, app: AppServices) => {
    const answer = (c: Case, policies: Awaited<ReturnType<typeof policiesForCase>>, outcome: { done: string } | { errors: string[] }) =>
      onThreadCard
        ? (() => {
            const line = 'done' in outcome ? outcome.done : outcome.errors.join(' ');
            return { card: threadCardFor(c, partnerContact(app, c), undefined, turn.now, line).card, text: line };
          })()
        : { card: reminderActionCard(c, policies, turn.now, outcome) };
    const parsed = cardData.safeParse(turn.data);
    const c = parsed.success ? await app.store.cases.get(parsed.data.caseId) : undefined;
    if (!parsed.success || !c || c.tenantId !== turn.tenantId) {
      return { text: turn.t('reminders.error.notFound', { id: parsed.success ? inert(parsed.data.caseId.slice(0, 20)) : '' }) };
    }
    const policies = await policiesForCase(app, c);
    const locale = policies.locale;
    if (parsed.data.version !== c.version) {
      return answer(c, policies, { errors: [t(locale, 'reminders.error.version')] });
    }
    const result = apply(c, onThreadCard?.inputs ?? turn.data, { now: turn.now, actor: turn.actor, timeZone: policies.calendar.timeZone });
    if (!result.ok) return answer(c, policies, { errors: result.errors.map((e) => t(locale, e.key, e.params)) });
    const at = turn.now.toISOString();
    const event = { caseId: c.id, version: result.case.version, at, actor: turn.actor, kind: result.event.kind, detail: result.event.detail };
    if ((await app.store.cases.save(result.case, c.version, [event])) === 'conflict') {
      const fresh = (await app.store.cases.get(c.id)) ?? c;
      return answer(fresh, policies, { errors: [t(locale, 'reminders.error.conflict')] });
    }
    let stored = result.case;
    const ran = await runEffects(result.effects, stored, turn, app);
    if (ran.changed) {
      const followUp = { ...ran.case, version: stored.version + 1, updatedAt: at };
      if ((await app.store.cases.save(followUp, stored.version, [])) === 'saved') stored = followUp;
    }
    app.log.info({ caseId: c.id, kind: result.event.kind }, 'reminder action');
    let done = doneText(stored, turn, locale);
    // The root card always answers (issue 13): when the snooze ends before the next reminder anyway, say when that is.
    if (onThreadCard && stored.snoozedUntil && !stored.microsoftRespondedAt) {
      const pending = (await app.store.reminders.forCase(stored.id)).filter((r) => r.state === 'pending').map((r) => r.dueAt).sort();
      const nextAt = pending[0];
      if (nextAt && nextAt > stored.snoozedUntil) done += ' ' + t(locale, 'experience.snooze.nextLater', { time: readerTime(nextAt) });
      else if (!nextAt) done += ' ' + t(locale, 'experience.snooze.noneLeft');
    }
    return answer(stored, policies, { done });
  };
}

export const microsoftResponded = reminderVerb(recordMicrosoftResponse);
export const snooze = reminderVerb(snoozeReminders);
export const respondedFromThread = reminderVerb(recordMicrosoftResponse, { inputs: {} });
export const snoozeFromThread = reminderVerb(snoozeReminders, { inputs: { snooze: '60' } });
