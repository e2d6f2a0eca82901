/**
 * Verbs on the case thread card (issue 4 point 3): post to the channel again, take over, close, show the case.
 */
import { applyAction } from '../../flow/transitions.js';
import { takeOver } from '../../escalation/transitions.js';
import type { Handler } from '../turn.js';
import { caseView, commit, generalErrors, loadFromCard, storeEffects } from './escalationCase.js';

/** "Post to channel again": after "no channel chosen", a removed bot or a 403/404, once the team has fixed it. */
export const postToChannelAgain: Handler = async (turn, app) => {
  const loaded = await loadFromCard(turn, app);
  if (!loaded.ok) return loaded.reply;
  const c = loaded.case;
  if (c.escalation?.thread) return caseView(c, turn, app, turn.t('escalation.notice.alreadyPosted'));
  if (c.step !== 'escalated' && c.step !== 'waitingOnIsv') return caseView(c, turn, app, turn.t('escalation.error.notEscalated'));
  const effect = c.step === 'waitingOnIsv' ? ({ type: 'postIsvContact' } as const) : ({ type: 'postEscalation' } as const);
  const out = await storeEffects(turn, app, c, [effect]);
  return caseView(out.case, turn, app, out.notices.join(' '));
};

export const takeOverCase: Handler = async (turn, app) => {
  const loaded = await loadFromCard(turn, app);
  if (!loaded.ok) return loaded.reply;
  const t = takeOver(loaded.case, { now: turn.now, actor: turn.actor });
  if (!t.ok) return caseView(loaded.case, turn, app, generalErrors(t, turn));
  const out = await commit(turn, app, loaded.case, t);
  if (!out.ok) return out.reply;
  return caseView(out.case, turn, app, [turn.t('escalation.notice.takenOver'), ...out.notices].join(' '));
};

/** Close from the thread: the flow's own close transition (same outcome rules), answered with the thread card. */
export const closeFromThread: Handler = async (turn, app) => {
  const loaded = await loadFromCard(turn, app);
  if (!loaded.ok) return loaded.reply;
  const t = applyAction(loaded.case, { type: 'close', inputs: {} }, { now: turn.now, actor: turn.actor });
  if (!t.ok) return caseView(loaded.case, turn, app, generalErrors(t, turn));
  const out = await commit(turn, app, loaded.case, t);
  if (!out.ok) return out.reply;
  return caseView(out.case, turn, app, out.notices.join(' '));
};

/** Shows the case card as it is now (the Cancel of the SR and ISV forms). */
export const showEscalatedCase: Handler = async (turn, app) => {
  const loaded = await loadFromCard(turn, app, { anyVersion: true });
  if (!loaded.ok) return loaded.reply;
  return caseView(loaded.case, turn, app);
};
