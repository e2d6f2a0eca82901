import type { Actor, Case, CaseStep, ExistingRequestsCheck, HealthCheck } from './case.js';
import type { Effect } from './effects.js';
import { checklistFor } from './checklists.js';
import {
  confirmations,
  confirmPrefix,
  draftOf,
  intakeFields,
  parseClose,
  parseAttachRequest,
  parseDecision,
  parseHealthAttach,
  parseIntake,
  parseResolution,
  parseTroubleshoot,
  triedPrefix,
  type FieldError,
  type RawInputs,
} from './forms.js';
import { route, type NextAction } from './route.js';
import type { DirectoryCustomer } from '../customers/directory.js';

/**
 * The decision flow as a pure function: (case, action, now, actor) → new case + effects, or field
 * errors. No I/O: the health check result comes in the action; effects go out as data.
 */

export type CaseAction =
  | { type: 'intake.submit'; inputs: RawInputs; picked?: DirectoryCustomer }
  | { type: 'health.checked'; check: HealthCheck }
  | { type: 'health.attach'; inputs: RawInputs }
  | { type: 'health.continue' }
  | { type: 'knownIncident.continue' }
  | { type: 'troubleshoot.continue'; inputs: RawInputs }
  | { type: 'troubleshoot.solved'; inputs: RawInputs }
  | { type: 'decide.escalate'; inputs: RawInputs }
  | { type: 'decide.contactIsv' }
  | { type: 'decide.ownTenant' }
  | { type: 'decide.resolved'; inputs: RawInputs }
  | { type: 'decide.backToTroubleshoot' }
  | { type: 'requests.checked'; check: ExistingRequestsCheck }
  | { type: 'decide.attachRequest'; inputs: RawInputs }
  | { type: 'close'; inputs: RawInputs };

export type CaseActionType = CaseAction['type'];

export interface CaseEventDraft {
  kind: string;
  detail: Record<string, unknown>;
}

export type Transition =
  | { ok: true; case: Case; effects: Effect[]; event: CaseEventDraft }
  | { ok: false; errors: FieldError[]; case: Case };

export interface TransitionContext {
  now: Date;
  actor: Actor;
}

/** Which actions each step accepts; anything else is `flow.error.wrongStep` (e.g. a click on an old card). */
export const allowedActions: Record<CaseStep, readonly CaseActionType[]> = {
  intake: ['intake.submit', 'close'],
  health: ['health.checked', 'health.attach', 'health.continue', 'close'],
  troubleshoot: ['troubleshoot.continue', 'troubleshoot.solved', 'close'],
  decide: [
    'decide.escalate',
    'decide.contactIsv',
    'decide.ownTenant',
    'decide.resolved',
    'decide.backToTroubleshoot',
    'requests.checked',
    'decide.attachRequest',
    'close',
  ],
  knownIncident: ['knownIncident.continue', 'close'],
  escalated: ['close'],
  waitingOnIsv: ['close'],
  resolvedByPartner: ['close'],
  ownTenant: ['close'],
  closed: [],
};

/** Decide-step buttons map to actions; a button the route did not offer is refused. */
const decideActionFor: Partial<Record<CaseActionType, NextAction>> = {
  'decide.escalate': 'escalate',
  'decide.contactIsv': 'contactIsv',
  'decide.ownTenant': 'recordOwnTenant',
  'decide.resolved': 'resolved',
  'decide.backToTroubleshoot': 'backToTroubleshoot',
  // Attaching an existing request stands in for escalating: only where escalating is offered.
  'decide.attachRequest': 'escalate',
};

export function startCase(p: { id: string; tenantId: string; actor: Actor; locale: string; teamId?: string; now: Date }): Case {
  const at = p.now.toISOString();
  const c: Case = {
    id: p.id,
    tenantId: p.tenantId,
    version: 1,
    step: 'intake',
    createdAt: at,
    updatedAt: at,
    createdBy: p.actor,
    owner: p.actor,
    updatedBy: p.actor,
    locale: p.locale,
    healthChecks: [],
    troubleshooting: { tried: [], notes: '' },
  };
  if (p.teamId) c.teamId = p.teamId;
  return c;
}

const fail = (c: Case, errors: FieldError[], inputs?: RawInputs, fields: readonly string[] = []): Transition => {
  if (!inputs) return { ok: false, errors, case: c };
  return { ok: false, errors, case: { ...c, draftInputs: draftOf(inputs, fields) } };
};

/**
 * The one way a case moves on, for every transition module: one version up, who and when, the form draft dropped
 * (it only lives until the form is accepted).
 */
export function advance(c: Case, ctx: TransitionContext, patch: Partial<Case>, event: CaseEventDraft, effects: Effect[] = []): Transition {
  const { draftInputs: _drop, ...rest } = c;
  return {
    ok: true,
    case: { ...rest, ...patch, version: c.version + 1, updatedAt: ctx.now.toISOString(), updatedBy: ctx.actor },
    effects,
    event,
  };
}

export function applyAction(c: Case, action: CaseAction, ctx: TransitionContext): Transition {
  if (!allowedActions[c.step].includes(action.type)) {
    return fail(c, [{ field: '', key: 'flow.error.wrongStep' }]);
  }
  const next = (patch: Partial<Case>, event: CaseEventDraft, effects: Effect[] = []): Transition => advance(c, ctx, patch, event, effects);

  const decideAction = decideActionFor[action.type];
  if (decideAction && c.intake && !route(c.intake, c.decision).nextActions.includes(decideAction)) {
    return fail(c, [{ field: '', key: 'flow.error.notOffered' }]);
  }

  switch (action.type) {
    case 'intake.submit': {
      const parsed = parseIntake(action.inputs, action.picked);
      if (!parsed.ok) return fail(c, parsed.errors, action.inputs, intakeFields);
      const intake = parsed.value;
      return next(
        { step: 'health', intake },
        {
          kind: 'intake.submitted',
          detail: { customer: intake.customer.name, cloud: intake.cloud, product: intake.product, severity: intake.severity },
        },
        [{ type: 'checkHealth' }],
      );
    }

    case 'health.checked':
      // Kept as evidence even when empty: "nothing found at 10:42" belongs in the service request (DESIGN §2.2).
      return next(
        { healthChecks: [...c.healthChecks, action.check] },
        {
          kind: 'health.checked',
          detail: { items: action.check.items.map((i) => i.id), failures: action.check.failures, demo: action.check.demo },
        },
      );

    case 'health.attach': {
      const parsed = parseHealthAttach(action.inputs);
      if (!parsed.ok) return fail(c, parsed.errors);
      const latest = c.healthChecks.at(-1);
      const item = latest?.items.find((i) => i.id === parsed.value.incidentId);
      if (!item) return fail(c, [{ field: 'incidentId', key: 'flow.error.incidentNotFound' }]);
      return next({ step: 'knownIncident', attachedIncident: item }, { kind: 'health.incidentAttached', detail: { incidentId: item.id } });
    }

    case 'health.continue':
      return next({ step: 'troubleshoot' }, { kind: 'health.continued', detail: {} });

    case 'knownIncident.continue':
      return next({ step: 'troubleshoot' }, { kind: 'knownIncident.continued', detail: { incidentId: c.attachedIncident?.id } });

    case 'troubleshoot.continue':
    case 'troubleshoot.solved': {
      const solved = action.type === 'troubleshoot.solved';
      const keys = c.intake ? checklistFor(c.intake.product).map((i) => i.key) : [];
      const parsed = parseTroubleshoot(action.inputs, keys, solved);
      const fields = ['notes', ...keys.map((k) => triedPrefix + k)];
      if (!parsed.ok) return fail(c, parsed.errors, action.inputs, fields);
      const troubleshooting = parsed.value;
      if (solved) {
        return next(
          { step: 'resolvedByPartner', troubleshooting, closed: { at: ctx.now.toISOString(), outcome: 'resolvedByPartner', by: ctx.actor } },
          { kind: 'troubleshoot.solved', detail: { tried: troubleshooting.tried } },
        );
      }
      // Issue 14: before deciding, look for a request the customer already has open, so no duplicate is filed.
      return next({ step: 'decide', troubleshooting }, { kind: 'troubleshoot.continued', detail: { tried: troubleshooting.tried } }, [
        { type: 'checkServiceRequests' },
      ]);
    }

    case 'decide.escalate': {
      const fields = ['reasons', 'overrideReason', ...confirmations.map((k) => confirmPrefix + k)];
      const parsed = parseDecision(action.inputs);
      if (!parsed.ok) return fail(c, parsed.errors, action.inputs, fields);
      if (!c.intake) return fail(c, [{ field: '', key: 'flow.error.wrongStep' }]);
      const decision = parsed.value;
      const advice = route(c.intake, decision);
      if (advice.blockers.length) {
        return fail(
          c,
          advice.blockers.map((b) => ({ field: b.field, key: b.key })),
          action.inputs,
          fields,
        );
      }
      const at = ctx.now.toISOString();
      return next(
        { step: 'escalated', decision, escalation: { escalatedAt: at } },
        {
          kind: 'decide.escalated',
          detail: { route: advice.route, reasons: advice.reasons, overrideReason: decision.overrideReason, confirmed: decision.confirmed },
        },
        [{ type: 'postEscalation' }],
      );
    }

    case 'decide.contactIsv':
      return next(
        { step: 'waitingOnIsv' },
        { kind: 'decide.contactIsv', detail: { product: c.intake?.marketplaceProduct } },
        [{ type: 'postIsvContact' }],
      );

    case 'decide.ownTenant':
      return next(
        { step: 'ownTenant', closed: { at: ctx.now.toISOString(), outcome: 'ownTenantNotCovered', by: ctx.actor } },
        { kind: 'decide.ownTenantNotCovered', detail: {} },
      );

    case 'decide.resolved': {
      const parsed = parseResolution(action.inputs);
      if (!parsed.ok) return fail(c, parsed.errors, action.inputs, ['resolution']);
      const notes = [c.troubleshooting.notes, parsed.value.resolution].filter(Boolean).join('\n\n');
      return next(
        {
          step: 'resolvedByPartner',
          troubleshooting: { ...c.troubleshooting, notes },
          closed: { at: ctx.now.toISOString(), outcome: 'resolvedByPartner', by: ctx.actor },
        },
        { kind: 'decide.resolved', detail: { resolution: parsed.value.resolution } },
      );
    }

    case 'decide.backToTroubleshoot':
      return next({ step: 'troubleshoot' }, { kind: 'decide.backToTroubleshoot', detail: {} });

    case 'requests.checked':
      return next(
        { existingRequests: action.check },
        { kind: 'requests.checked', detail: { numbers: action.check.items.map((i) => i.number), failure: action.check.failure } },
      );

    case 'decide.attachRequest': {
      // Issue 14 point 3: the customer already has this request open with Microsoft. It is recorded as if the agent
      // had filed it then (its number and creation time start the initial-response clock) and the case moves on.
      const parsed = parseAttachRequest(action.inputs);
      if (!parsed.ok) return fail(c, parsed.errors);
      const item = c.existingRequests?.items.find((i) => i.number === parsed.value.requestNumber);
      if (!item || !c.intake) return fail(c, [{ field: '', key: 'partnerCenter.error.requestNotListed' }]);
      const at = ctx.now.toISOString();
      return next(
        {
          step: 'escalated',
          decision: { reasons: route(c.intake, c.decision).reasons, confirmed: [] },
          escalation: { escalatedAt: at },
          serviceRequest: { number: item.number, filedAt: item.createdAt, severity: c.intake.severity, recordedBy: ctx.actor },
        },
        { kind: 'decide.attachedRequest', detail: { number: item.number, createdAt: item.createdAt, title: item.title } },
        [{ type: 'scheduleReminders' }, { type: 'postEscalation' }],
      );
    }

    case 'close': {
      const parsed = parseClose(action.inputs);
      if (!parsed.ok) return fail(c, parsed.errors, action.inputs, ['closeNote']);
      // Closing from an outcome keeps that outcome; closing mid-flow means the case was withdrawn.
      const outcome = c.closed?.outcome ?? (c.step === 'escalated' || c.step === 'waitingOnIsv' ? c.step : 'withdrawn');
      const effects: Effect[] = [{ type: 'cancelReminders' }];
      if (c.escalation?.thread) {
        effects.push({ type: 'updateThreadCard' }, { type: 'threadReply', key: 'flow.thread.closed', params: { name: ctx.actor.name } });
      }
      return next(
        { step: 'closed', closed: { at: ctx.now.toISOString(), outcome, by: ctx.actor } },
        { kind: 'case.closed', detail: { outcome, note: parsed.value.note || undefined } },
        effects,
      );
    }
  }
}
