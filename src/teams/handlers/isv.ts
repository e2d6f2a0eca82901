/**
 * The ISV route's verbs (issue 4 point 5): show the publisher's contact, enter it from the product page (and save it
 * for the tenant), and the follow-ups of "waiting on ISV".
 */
import { parseIsvContactForm } from '../../isv/contactForm.js';
import { isvFormCard } from '../../isv/isvCard.js';
import { isvFollowUp, setIsvContact } from '../../escalation/transitions.js';
import type { Handler, Reply } from '../turn.js';
import type { Case } from '../../flow/case.js';
import { caseView, commit, generalErrors, loadFromCard } from './escalationCase.js';

export const showIsv: Handler = async (turn, app) => {
  const loaded = await loadFromCard(turn, app, { anyVersion: true });
  if (!loaded.ok) return loaded.reply;
  return caseView(loaded.case, turn, app);
};

export const showIsvForm: Handler = async (turn, app) => {
  const loaded = await loadFromCard(turn, app);
  if (!loaded.ok) return loaded.reply;
  if (loaded.case.step !== 'waitingOnIsv') return caseView(loaded.case, turn, app, turn.t('flow.error.wrongStep'));
  return { card: isvFormCard(loaded.case, { locale: turn.locale }) };
};

/** Lost a race: the form again from the fresh case, with this agent's typing and who changed the case when (issue 9 point 7). */
const lostRace = (turn: Parameters<Handler>[0], fresh: { case: Case; notice: string } | undefined, fallback: Reply): Reply =>
  fresh && fresh.case.step === 'waitingOnIsv' ? { card: isvFormCard(fresh.case, { locale: turn.locale, values: turn.data, notice: fresh.notice }) } : fallback;

export const saveIsvContact: Handler = async (turn, app) => {
  const loaded = await loadFromCard(turn, app);
  if (!loaded.ok) return lostRace(turn, loaded.fresh, loaded.reply);
  const c = loaded.case;
  const parsed = parseIsvContactForm(turn.data);
  if (!parsed.ok) return { card: isvFormCard(c, { locale: turn.locale, values: turn.data, errors: parsed.errors }) };
  const t = setIsvContact(c, parsed.value.contact, { now: turn.now, actor: turn.actor }, parsed.value.save);
  if (!t.ok) return caseView(c, turn, app, generalErrors(t, turn));
  const out = await commit(turn, app, c, t);
  if (!out.ok) return lostRace(turn, out.fresh, out.reply);
  // Saved only after the case accepted it, so a stale click adds nothing to the tenant's directory.
  if (parsed.value.save) await app.store.isvContacts.add(c.tenantId, parsed.value.contact, turn.actor.id, turn.now.toISOString());
  const saved = parsed.value.save ? [turn.t('isv.notice.saved')] : [];
  return caseView(out.case, turn, app, [...saved, ...out.notices].join(' '));
};

const followUp =
  (outcome: 'resolved' | 'stillWaiting'): Handler =>
  async (turn, app) => {
    const loaded = await loadFromCard(turn, app);
    if (!loaded.ok) return loaded.reply;
    const t = isvFollowUp(loaded.case, outcome, { now: turn.now, actor: turn.actor });
    if (!t.ok) return caseView(loaded.case, turn, app, generalErrors(t, turn));
    const out = await commit(turn, app, loaded.case, t);
    if (!out.ok) return out.reply;
    return caseView(out.case, turn, app, [turn.t(`isv.notice.${outcome}`), ...out.notices].join(' '));
  };

export const isvResolved = followUp('resolved');
export const isvStillWaiting = followUp('stillWaiting');
