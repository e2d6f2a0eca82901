/**
 * "Record SR" (issue 4 point 4): the form, then the stored filing facts. The agent's time zone comes from the
 * submit data (the form carries the zone it was shown in) or from the turn when the Teams layer provides it.
 */
import { recordServiceRequest } from '../../escalation/transitions.js';
import { recordSrCard } from '../../escalation/srFormCard.js';
import { isValidTimeZone } from '../../sla/zonedTime.js';
import type { Handler, Reply, Turn } from '../turn.js';
import type { Case } from '../../flow/case.js';
import { caseView, commit, generalErrors, loadFromCard } from './escalationCase.js';
import { inert } from '../../text/inert.js';

/**
 * Teams sends the client's IANA zone in the activity's clientInfo entity (and `localTimezone`); the Teams layer may
 * expose it as `turn.timeZone`. Without it the form works in UTC and says so in its labels.
 */
export function agentTimeZone(turn: Turn): string {
  const fromForm = turn.data.timeZone;
  if (typeof fromForm === 'string' && fromForm.length <= 64 && isValidTimeZone(fromForm)) return fromForm;
  const fromTurn = turn.timeZone;
  if (typeof fromTurn === 'string' && fromTurn.length <= 64 && isValidTimeZone(fromTurn)) return fromTurn;
  return 'UTC';
}

export const showRecordSrForm: Handler = async (turn, app) => {
  const loaded = await loadFromCard(turn, app);
  if (!loaded.ok) return loaded.reply;
  const c = loaded.case;
  if (c.step !== 'escalated') return caseView(c, turn, app, turn.t('flow.error.wrongStep'));
  return { card: recordSrCard(c, { locale: turn.locale, now: turn.now, timeZone: agentTimeZone(turn)}) };
};

/**
 * Someone changed the case between showing this form and its submit (or while it was saved): the form comes back
 * from the fresh case with what this agent typed and who changed the case when (issue 9 point 7). Once the case has
 * left the escalated step there is no SR form any more, and the case card answers.
 */
function lostRace(turn: Turn, fresh: { case: Case; notice: string } | undefined, fallback: Reply): Reply {
  if (!fresh || fresh.case.step !== 'escalated') return fallback;
  return { card: recordSrCard(fresh.case, { locale: turn.locale, now: turn.now, timeZone: agentTimeZone(turn), values: turn.data, notice: fresh.notice }) };
}

export const recordSr: Handler = async (turn, app) => {
  const loaded = await loadFromCard(turn, app);
  if (!loaded.ok) return lostRace(turn, loaded.fresh, loaded.reply);
  const c = loaded.case;
  const timeZone = agentTimeZone(turn);
  const t = recordServiceRequest(c, turn.data, { now: turn.now, actor: turn.actor, timeZone });
  if (!t.ok) {
    const general = generalErrors(t, turn);
    if (general && t.errors.every((e) => e.field === '')) return caseView(c, turn, app, general);
    // Rejected: nothing stored; the form comes back with each error next to its field and the inputs kept.
    return { card: recordSrCard(c, { locale: turn.locale, now: turn.now, timeZone, values: turn.data, errors: t.errors }) };
  }
  const out = await commit(turn, app, c, t);
  if (!out.ok) return lostRace(turn, out.fresh, out.reply);
  return caseView(out.case, turn, app, [turn.t('escalation.notice.srRecorded', { number: inert(out.case.serviceRequest?.number ?? '') }), ...out.notices].join(' '));
};
