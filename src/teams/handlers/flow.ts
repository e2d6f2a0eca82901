import { z } from 'zod';
import type { AppServices } from '../../app/services.js';
import type { Case, HealthCheck } from '../../flow/case.js';
import { newCaseId, parseCaseId } from '../../flow/caseId.js';
import type { Effect } from '../../flow/effects.js';
import { applyAction, startCase, type CaseAction, type CaseEventDraft } from '../../flow/transitions.js';
import { emptyDirectory, type CustomerDirectory } from '../../customers/directory.js';
import type { CaseEvent } from '../../store/cases.js';
import { runEffects } from '../../app/effectRunners.js';
import type { Handler, Reply, Turn } from '../turn.js';
import { caseCard, when } from '../../flow/cards.js';
import { inert } from '../../text/inert.js';
import { checkExistingRequests } from '../../partnerCenter/existingRequests.js';
import { isPartnerCenterValue, pickedFromPartnerCenter } from '../../partnerCenter/typeahead.js';

/**
 * The decision flow's commands and card verbs. Each click: load the case → same tenant? → same version
 * as the card? → pure transition → store with an optimistic version check → run effects → answer with
 * the new card (DESIGN §3 "The case is the state"). Nothing is kept in memory between clicks.
 */

/** The customer directory from the store (issue 12): only the intake card offers it, so only that card reads it. */
export const customerDirectory = (app: AppServices): Promise<CustomerDirectory> => app.directories.customers();

const cardReply = async (c: Case, turn: Turn, app: AppServices, extra: Partial<Parameters<typeof caseCard>[1]> = {}): Promise<Reply> => ({
  card: caseCard(c, { t: turn.t, directory: c.step === 'intake' ? await customerDirectory(app) : emptyDirectory, typeahead: Boolean(app.partnerCenter), ...extra }),
});

/**
 * What the clicker typed into the card's inputs (string values other than the card's own data), so a click that lost
 * the race gets the fresh card with its typing kept wherever the fresh card still has that input (issue 9 point 7).
 * Capped like the forms cap them; keys are own string keys only.
 */
export function typedInputs(data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) {
    if (k === 'caseId' || k === 'version' || k === 'verb' || k === '__proto__' || typeof v !== 'string' || k.length > 64) continue;
    out[k] = v.slice(0, 4000);
  }
  return out;
}

/** The fresh card for a click that lost: the case as it is now, the "changed by … at …" line, and the clicker's typing. */
const lostRace = (fresh: Case, turn: Turn, app: AppServices): Promise<Reply> => {
  const typed = typedInputs(turn.data);
  return cardReply(fresh, turn, app, { notice: changedNotice(fresh, turn), ...(Object.keys(typed).length ? { draft: { ...(fresh.draftInputs ?? {}), ...typed } } : {}) });
};

const changedNotice = (c: Case, turn: Turn) => turn.t('flow.notice.changed', { name: inert(c.updatedBy.name.slice(0, 80)), time: when(c.updatedAt) });

const eventOf = (c: Case, turn: Turn, e: CaseEventDraft): CaseEvent => ({
  caseId: c.id,
  version: c.version,
  at: turn.now.toISOString(),
  actor: turn.actor,
  kind: e.kind,
  detail: e.detail,
});

export const newCase: Handler = async (turn, app) => {
  for (let attempt = 0; attempt < 8; attempt++) {
    const c = startCase({
      id: newCaseId(),
      tenantId: turn.tenantId,
      actor: turn.actor,
      locale: turn.locale,
      ...(turn.conversation.teamId ? { teamId: turn.conversation.teamId } : {}),
      now: turn.now,
    });
    if (await app.store.cases.insert(c, eventOf(c, turn, { kind: 'case.opened', detail: { conversation: turn.conversation.kind } }))) {
      return cardReply(c, turn, app);
    }
  }
  throw new Error('could not draw an unused case id');
};

/**
 * A case still at intake a day after it was opened is an abandoned draft (issue 13): hidden from `cases` from the
 * start, and expired after a day, so an old "Start a case" card cannot bring it back. Rows are kept (the event log
 * says who opened it), never listed.
 */
export const draftLifetimeMs = 24 * 60 * 60_000;
const expiredDraft = (c: Case, now: Date) => c.step === 'intake' && now.getTime() - Date.parse(c.createdAt) > draftLifetimeMs;

async function loadForTenant(turn: Turn, app: AppServices, id: string | undefined): Promise<Case | undefined> {
  if (!id) return undefined;
  const c = await app.store.cases.get(id);
  // Another partner's case reads exactly like a missing one: no hint that the ID exists; an expired draft too.
  return c && c.tenantId === turn.tenantId && !expiredDraft(c, turn.now) ? c : undefined;
}

/** `case K7Q-X2M` */
export const showCase: Handler = async (turn, app) => {
  const id = parseCaseId(turn.args);
  const c = await loadForTenant(turn, app, id);
  if (!c) return { text: turn.t('flow.error.caseNotFound', { id: inert(turn.args.slice(0, 20)) }) };
  return cardReply(c, turn, app);
};

const cardData = z.object({
  caseId: z.string().max(40),
  version: z.union([z.number().int(), z.string().regex(/^\d{1,9}$/).transform(Number)]).optional(),
});

export const showCaseVerb: Handler = async (turn, app) => {
  const parsed = cardData.safeParse(turn.data);
  const c = parsed.success ? await loadForTenant(turn, app, parseCaseId(parsed.data.caseId)) : undefined;
  if (!c) return { text: turn.t('flow.error.caseNotFound', { id: parsed.success ? inert(parsed.data.caseId.slice(0, 20)) : '' }) };
  return cardReply(c, turn, app);
};

type VerbAction =
  | 'intake.submit'
  | 'health.recheck'
  | 'health.attach'
  | 'health.continue'
  | 'knownIncident.continue'
  | 'troubleshoot.continue'
  | 'troubleshoot.solved'
  | 'decide.escalate'
  | 'decide.contactIsv'
  | 'decide.ownTenant'
  | 'decide.resolved'
  | 'decide.backToTroubleshoot'
  | 'decide.attachRequest'
  | 'decide.recheckRequests'
  | 'close';

async function healthCheckFor(c: Case, turn: Turn, app: AppServices): Promise<HealthCheck> {
  const intake = c.intake!;
  const query = {
    cloud: intake.cloud,
    product: intake.product,
    ...(intake.customer.tenantId ? { customerTenantId: intake.customer.tenantId } : {}),
    ...(intake.customer.domain ? { customerDomain: intake.customer.domain } : {}),
    ...(intake.customer.subscriptionId ? { subscriptionId: intake.customer.subscriptionId } : {}),
  };
  return app.health.check(query, turn.now);
}

async function actionFor(verb: VerbAction, c: Case, turn: Turn, app: AppServices): Promise<CaseAction> {
  const inputs = turn.data;
  switch (verb) {
    case 'intake.submit': {
      const pick = typeof inputs.customerPick === 'string' ? inputs.customerPick.trim() : '';
      // A Partner Center customer ("pc:<tenant>") only for the partner's own agents; other values from the directory.
      const picked = !pick
        ? undefined
        : isPartnerCenterValue(pick)
          ? await pickedFromPartnerCenter(app.partnerCenter?.customers, turn.tenantId, pick)
          : (await customerDirectory(app)).find(pick);
      return { type: 'intake.submit', inputs, ...(picked ? { picked } : {}) };
    }
    case 'health.recheck':
      return c.intake && c.step === 'health' ? { type: 'health.checked', check: await healthCheckFor(c, turn, app) } : { type: 'health.continue' };
    case 'decide.recheckRequests': {
      const check = c.intake ? await checkExistingRequests(app.partnerCenter?.api, c.intake, turn.now) : undefined;
      return { type: 'requests.checked', check: check ?? { checkedAt: turn.now.toISOString(), items: [], failure: 'notConfigured' } };
    }
    case 'health.continue':
    case 'knownIncident.continue':
    case 'decide.contactIsv':
    case 'decide.ownTenant':
    case 'decide.backToTroubleshoot':
      return { type: verb };
    default:
      return { type: verb, inputs };
  }
}

/**
 * Effects other than `checkHealth` (which runs before the save, its result becoming part of the same version)
 * go to the effect runners of src/app/effectRunners.ts after the case is stored. What they learn (a thread
 * reference, a post error) is stored as one more version; if someone saved in between, theirs is kept.
 */
async function afterSave(effects: Effect[], c: Case, turn: Turn, app: AppServices): Promise<{ case: Case; notices: string[] }> {
  if (!effects.length) return { case: c, notices: [] };
  const ran = await runEffects(effects, c, turn, app);
  if (!ran.changed) return { case: c, notices: ran.notices };
  const followUp: Case = { ...ran.case, version: c.version + 1, updatedAt: turn.now.toISOString() };
  const saved = await app.store.cases.save(followUp, c.version, [eventOf(followUp, turn, { kind: 'case.effectsApplied', detail: { effects: effects.map((e) => e.type) } })]);
  if (saved === 'conflict') return { case: (await app.store.cases.get(c.id)) ?? c, notices: ran.notices };
  return { case: followUp, notices: ran.notices };
}

/** A handler for one card verb; the registry maps each verb to one of these. */
export function flowVerb(verb: VerbAction): Handler {
  return async (turn, app) => {
    const parsed = cardData.safeParse(turn.data);
    const id = parsed.success ? parseCaseId(parsed.data.caseId) : undefined;
    const c = await loadForTenant(turn, app, id);
    if (!c || !parsed.success) return { text: turn.t('flow.error.caseNotFound', { id: parsed.success ? inert(parsed.data.caseId.slice(0, 20)) : '' }) };

    // A click on a card rendered from an older version never overwrites: show the case as it is now.
    if (parsed.data.version !== c.version) return lostRace(c, turn, app);

    const ctx = { now: turn.now, actor: turn.actor };
    const first = applyAction(c, await actionFor(verb, c, turn, app), ctx);
    if (!first.ok) {
      const wrongStep = first.errors.some((e) => e.key === 'flow.error.wrongStep');
      if (wrongStep) return cardReply(c, turn, app, { notice: turn.t('flow.error.wrongStep') });
      // Rejected input: nothing is stored; the form comes back with the errors and what was typed.
      return cardReply(first.case, turn, app, { errors: first.errors, ...(first.case.draftInputs ? { draft: first.case.draftInputs } : {}) });
    }

    let next = first.case;
    const events = [eventOf(next, turn, first.event)];
    let effects = first.effects;
    if (effects.some((e) => e.type === 'checkHealth') && next.intake) {
      // DESIGN §2.2: health first. Run it now so the agent's next card already shows the result.
      const checked = applyAction(next, { type: 'health.checked', check: await healthCheckFor(next, turn, app) }, ctx);
      if (checked.ok) {
        next = checked.case;
        events.push(eventOf(next, turn, checked.event));
        effects = [...effects.filter((e) => e.type !== 'checkHealth'), ...checked.effects];
      }
    }
    if (effects.some((e) => e.type === 'checkServiceRequests')) {
      // Issue 14: the decide card opens with the customer's open requests, so none is filed twice. Never blocking.
      effects = effects.filter((e) => e.type !== 'checkServiceRequests');
      const check = next.intake ? await checkExistingRequests(app.partnerCenter?.api, next.intake, turn.now) : undefined;
      const checked = check ? applyAction(next, { type: 'requests.checked', check }, ctx) : undefined;
      if (checked?.ok) {
        next = checked.case;
        events.push(eventOf(next, turn, checked.event));
      }
    }
    // Several versions may be written at once (intake + its health check); the last one is stored.
    const saved = await app.store.cases.save(next, c.version, events);
    if (saved === 'conflict') {
      const fresh = await app.store.cases.get(c.id);
      return fresh ? lostRace(fresh, turn, app) : { text: turn.t('flow.error.caseNotFound', { id: c.id }) };
    }
    const after = await afterSave(effects, next, turn, app);
    // Told on the card itself: an Action.Execute answer shows only the card (e.g. "no escalation channel chosen yet").
    return cardReply(after.case, turn, app, after.notices.length ? { notice: after.notices.join(' ') } : {});
  };
}
