/**
 * Pure transitions of an escalated (or ISV-routed) case: record the service request, take over, the ISV follow-ups.
 * Same contract as flow/transitions.ts: (case, input, now, actor) → new case + effects + event, or field errors.
 */
import type { Actor, Case, IsvContact } from '../flow/case.js';
import type { Effect } from '../flow/effects.js';
import type { FieldError, RawInputs } from '../flow/forms.js';
import { advance, type CaseEventDraft, type Transition } from '../flow/transitions.js';
import { parseSrForm } from './serviceRequestForm.js';

export interface EscalationContext {
  now: Date;
  actor: Actor;
}

const refuse = (c: Case, errors: FieldError[]): Transition => ({ ok: false, errors, case: c });
const wrongStep = (c: Case) => refuse(c, [{ field: '', key: 'flow.error.wrongStep' }]);

const next = (c: Case, ctx: EscalationContext, patch: Partial<Case>, event: CaseEventDraft, effects: Effect[]): Transition =>
  advance(c, ctx, patch, event, effects);

/** Thread effects only make sense once the thread exists; before that the card is posted with the latest state anyway. */
const threadEffects = (c: Case, key: string, params: Record<string, string>): Effect[] =>
  c.escalation?.thread ? [{ type: 'updateThreadCard' }, { type: 'threadReply', key, params }] : [];

/**
 * Issue 4 point 4. The filing time starts Microsoft's initial-response clock (seed 001 FAQ), so it is stored exactly
 * and the reminders are (re)scheduled from it; a correction replaces the earlier filing and its deadline.
 */
export function recordServiceRequest(c: Case, inputs: RawInputs, ctx: EscalationContext & { timeZone: string }): Transition {
  if (c.step !== 'escalated') return wrongStep(c);
  const parsed = parseSrForm(c, inputs, ctx);
  if (!parsed.ok) return refuse(c, parsed.errors);
  const { number, filedAt, severity } = parsed.value;
  const corrected = c.serviceRequest !== undefined;
  const { initialResponseDue: _due, initialResponseRule: _rule, ...rest } = c;
  const key = corrected ? 'escalation.reply.srCorrected' : 'escalation.reply.srRecorded';
  return next(
    rest,
    ctx,
    { serviceRequest: { number, filedAt, severity, recordedBy: ctx.actor } },
    { kind: corrected ? 'sr.corrected' : 'sr.recorded', detail: { number, filedAt, severity, previous: c.serviceRequest?.number } },
    // The deadline is computed first, so the thread card updated next already shows when Microsoft's answer is due.
    [{ type: 'scheduleReminders' }, ...threadEffects(c, key, { number, name: ctx.actor.name })],
  );
}

const openSteps = new Set<Case['step']>(['intake', 'health', 'troubleshoot', 'decide', 'escalated', 'waitingOnIsv', 'knownIncident']);

/** Anyone in the team can take a case over (DESIGN §1): the owner changes and the thread's mention follows. */
export function takeOver(c: Case, ctx: EscalationContext): Transition {
  if (!openSteps.has(c.step) || c.closed) return wrongStep(c);
  if (c.owner.id === ctx.actor.id) return refuse(c, [{ field: '', key: 'escalation.error.alreadyOwner' }]);
  return next(
    c,
    ctx,
    { owner: ctx.actor },
    { kind: 'case.takenOver', detail: { from: c.owner.id, fromName: c.owner.name, to: ctx.actor.id } },
    threadEffects(c, 'escalation.reply.takenOver', { name: ctx.actor.name, previous: c.owner.name }),
  );
}

/** The contact the agent copied from the product page (or the directory's), kept on the case. */
export function setIsvContact(c: Case, contact: IsvContact, ctx: EscalationContext, saved: boolean): Transition {
  if (c.step !== 'waitingOnIsv') return wrongStep(c);
  const effects: Effect[] = c.escalation?.thread
    ? [{ type: 'updateThreadCard' }, { type: 'threadReply', key: 'isv.reply.contactAdded', params: { name: ctx.actor.name } }]
    : [{ type: 'postIsvContact' }];
  return next(c, ctx, { isv: contact }, { kind: 'isv.contactEntered', detail: { product: contact.productName, saved } }, effects);
}

/** Follow-up on a case waiting on the publisher (seed 001: Microsoft gives no support for marketplace products). */
export function isvFollowUp(c: Case, outcome: 'resolved' | 'stillWaiting', ctx: EscalationContext): Transition {
  if (c.step !== 'waitingOnIsv') return wrongStep(c);
  if (outcome === 'stillWaiting') {
    return next(c, ctx, {}, { kind: 'isv.stillWaiting', detail: {} }, c.escalation?.thread ? [{ type: 'threadReply', key: 'isv.reply.stillWaiting', params: { name: ctx.actor.name } }] : []);
  }
  return next(
    c,
    ctx,
    { step: 'closed', closed: { at: ctx.now.toISOString(), outcome: 'resolvedByIsv', by: ctx.actor } },
    { kind: 'isv.resolved', detail: {} },
    [{ type: 'cancelReminders' }, ...threadEffects(c, 'isv.reply.resolved', { name: ctx.actor.name })],
  );
}
