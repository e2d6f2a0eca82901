/**
 * Shared steps of the escalation, SR and ISV verbs: load the case named on the card (same tenant, same version),
 * store a transition with the optimistic version check, run its effects, store what the effects learned (thread
 * reference, post error) as a follow-up version, and answer with the case's card for where the click came from.
 */
import { z } from 'zod';
import type { AppServices } from '../../app/services.js';
import type { Case } from '../../flow/case.js';
import { parseCaseId } from '../../flow/caseId.js';
import type { Effect } from '../../flow/effects.js';
import type { Transition } from '../../flow/transitions.js';
import { resolveLocale } from '../../i18n/index.js';
import { partnerContact } from '../../escalation/runners.js';
import { caseThreadCard, readerTime } from '../../escalation/threadCard.js';
import { isvCard } from '../../isv/isvCard.js';
import type { CaseEvent } from '../../store/cases.js';
import { runEffects } from '../../app/effectRunners.js';
import type { Reply, Turn } from '../turn.js';
import { inert } from '../../text/inert.js';

const cardData = z.object({
  caseId: z.string().max(40),
  version: z.union([z.number().int(), z.string().regex(/^\d{1,9}$/).transform(Number)]),
});

/** True when the click came from the case's own channel thread: that copy is the team's, in the case's language. */
export function inThread(c: Case, turn: Turn): boolean {
  const thread = c.escalation?.thread;
  if (!thread || turn.conversation.kind !== 'channel') return false;
  return turn.conversation.id === thread.conversationId || turn.conversation.id.split(';')[0] === thread.channelId;
}

/** The case's card for this reader: the thread card (or ISV card) in the thread's language there, the reader's in chat. */
export function caseView(c: Case, turn: Turn, app: AppServices, notice?: string): Reply {
  if (!c.intake) return { text: notice ?? turn.t('escalation.error.notEscalated') };
  const team = inThread(c, turn);
  const locale = team ? resolveLocale(c.locale) : turn.locale;
  if (c.intake.product === 'marketplace') {
    return { card: isvCard(c, { place: team ? 'thread' : 'chat', locale, ...(notice ? { notice } : {}) }).card };
  }
  return { card: caseThreadCard(c, { contact: partnerContact(app, c), locale, ...(notice ? { notice } : {}) }).card };
}

/** `fresh` (with its "changed by … at …" line) when the click lost a race: a form handler can show itself again with the typing kept. */
export type Loaded = { ok: true; case: Case } | { ok: false; reply: Reply; fresh?: { case: Case; notice: string } };

export const changedNoticeFor = (c: Case, turn: Turn) => turn.t('escalation.notice.changed', { name: inert(c.updatedBy.name.slice(0, 80)), time: readerTime(c.updatedAt) });

/**
 * The case the card names, if it is in the clicker's tenant and the card shows its current version.
 * Another partner's case reads exactly like a missing one.
 */
export async function loadFromCard(turn: Turn, app: AppServices, opts: { anyVersion?: boolean } = {}): Promise<Loaded> {
  const parsed = cardData.safeParse(turn.data);
  const id = parsed.success ? parseCaseId(parsed.data.caseId) : undefined;
  const c = id ? await app.store.cases.get(id) : undefined;
  if (!parsed.success || !c || c.tenantId !== turn.tenantId) {
    const shown = typeof turn.data.caseId === 'string' ? turn.data.caseId.slice(0, 20) : '';
    return { ok: false, reply: { text: turn.t('escalation.error.caseNotFound', { id: inert(shown) }) } };
  }
  if (!opts.anyVersion && parsed.data.version !== c.version) {
    const notice = changedNoticeFor(c, turn);
    return { ok: false, reply: caseView(c, turn, app, notice), fresh: { case: c, notice } };
  }
  return { ok: true, case: c };
}

const eventOf = (c: Case, turn: Turn, kind: string, detail: Record<string, unknown>): CaseEvent => ({
  caseId: c.id,
  version: c.version,
  at: turn.now.toISOString(),
  actor: turn.actor,
  kind,
  detail,
});

/** What the effects changed, as history: the thread was started, or posting failed and why. */
function effectEvent(before: Case, after: Case, turn: Turn): CaseEvent {
  const thread = after.escalation?.thread;
  if (thread && !before.escalation?.thread) return eventOf(after, turn, 'escalation.posted', { teamId: thread.teamId, channelId: thread.channelId });
  if (after.escalation?.postError) return eventOf(after, turn, 'escalation.postFailed', { problem: after.escalation.postError });
  return eventOf(after, turn, 'case.effectsApplied', {});
}

/**
 * Stores `next` (already version + 1) over `c`, runs the effects, and stores their outcome as one more version.
 * Returns the final case and the notices for the agent, or the conflict view when someone saved first.
 */
export async function commit(
  turn: Turn,
  app: AppServices,
  c: Case,
  t: Extract<Transition, { ok: true }>,
): Promise<{ ok: true; case: Case; notices: string[] } | { ok: false; reply: Reply; fresh?: { case: Case; notice: string } }> {
  const saved = await app.store.cases.save(t.case, c.version, [eventOf(t.case, turn, t.event.kind, t.event.detail)]);
  if (saved === 'conflict') {
    const fresh = await app.store.cases.get(c.id);
    if (!fresh) return { ok: false, reply: { text: turn.t('escalation.error.caseNotFound', { id: c.id }) } };
    const notice = changedNoticeFor(fresh, turn);
    return { ok: false, reply: caseView(fresh, turn, app, notice), fresh: { case: fresh, notice } };
  }
  const out = await storeEffects(turn, app, t.case, t.effects);
  return { ok: true, case: out.case, notices: out.notices };
}

/** Runs effects for a stored case and saves what they learned as the next version (no transition involved). */
export async function storeEffects(turn: Turn, app: AppServices, c: Case, effects: Effect[]) {
  const ran = await runEffects(effects, c, turn, app);
  if (!ran.changed) return { case: c, notices: ran.notices };
  const followUp: Case = { ...ran.case, version: c.version + 1, updatedAt: turn.now.toISOString() };
  const saved = await app.store.cases.save(followUp, c.version, [effectEvent(c, followUp, turn)]);
  if (saved === 'conflict') {
    // Someone changed the case while we posted: keep their version; the thread reference is logged for support.
    app.log.warn({ caseId: c.id, thread: ran.case.escalation?.thread?.conversationId }, 'case changed while effects ran; follow-up not stored');
    return { case: (await app.store.cases.get(c.id)) ?? c, notices: ran.notices };
  }
  return { case: followUp, notices: ran.notices };
}

/** Field errors of a rejected transition that are not about a field: shown as the card's notice. */
export function generalErrors(t: Extract<Transition, { ok: false }>, turn: Turn): string {
  return t.errors
    .filter((e) => e.field === '')
    .map((e) => turn.t(e.key, e.params))
    .join(' ');
}
