/**
 * "Hand over" on the thread card (issue 13): the form, then the pure transition (src/escalation/handover.ts). The
 * people offered offline are the team's leads and the people the bot has seen in this tenant; their Teams time zones
 * come from the store, so the note gives the deadline in the receiver's zone.
 */
import type { AppServices } from '../../app/services.js';
import type { Case } from '../../flow/case.js';
import { handOver, type HandoverCandidate } from '../../escalation/handover.js';
import { handoverCard } from '../../escalation/handoverCard.js';
import { policiesForCase } from '../../reminders/teamPolicies.js';
import { resolveLocale, t } from '../../i18n/index.js';
import type { Handler, Turn } from '../turn.js';
import { caseView, commit, generalErrors, loadFromCard } from './escalationCase.js';

async function candidatesFor(c: Case, app: AppServices): Promise<{ candidates: HandoverCandidate[]; teamTimeZone: string }> {
  const policies = await policiesForCase(app, c);
  const people = await app.store.people.list(c.tenantId, 100);
  const candidates: HandoverCandidate[] = [];
  const seen = (id?: string) => id !== undefined && candidates.some((x) => [x.id, x.aadObjectId].some((y) => y?.toLowerCase() === id.toLowerCase()));
  for (const lead of policies.leads) {
    const known = await app.store.people.find(c.tenantId, lead.id);
    if (seen(lead.id) || seen(known?.userId)) continue;
    candidates.push({
      id: known?.userId ?? lead.id,
      name: lead.name || known?.name || lead.id,
      ...(known?.aadObjectId ? { aadObjectId: known.aadObjectId } : {}),
      ...(known?.timeZone ? { timeZone: known.timeZone } : {}),
      lead: true,
    });
  }
  for (const p of people) {
    if (seen(p.userId) || seen(p.aadObjectId)) continue;
    candidates.push({ id: p.userId, name: p.name, ...(p.aadObjectId ? { aadObjectId: p.aadObjectId } : {}), ...(p.timeZone ? { timeZone: p.timeZone } : {}) });
  }
  return { candidates, teamTimeZone: policies.calendar.timeZone };
}

export const showHandoverForm: Handler = async (turn, app) => {
  const loaded = await loadFromCard(turn, app);
  if (!loaded.ok) return loaded.reply;
  const { candidates } = await candidatesFor(loaded.case, app);
  return { card: handoverCard(loaded.case, { locale: turn.locale, candidates }) };
};

export const saveHandover: Handler = async (turn: Turn, app) => {
  const loaded = await loadFromCard(turn, app);
  if (!loaded.ok) return loaded.reply;
  const c = loaded.case;
  const { candidates, teamTimeZone } = await candidatesFor(c, app);
  const result = handOver(c, turn.data, { now: turn.now, actor: turn.actor, candidates, teamTimeZone, unknownName: t(resolveLocale(c.locale), 'handover.unknownName') });
  if (!result.ok) {
    const general = generalErrors(result, turn);
    if (general && result.errors.every((e) => e.field === '')) return caseView(c, turn, app, general);
    // Rejected: nothing stored; the form comes back with what was typed and each problem in the clicker's language.
    return { card: handoverCard(c, { locale: turn.locale, candidates, values: turn.data, errors: result.errors }) };
  }
  const out = await commit(turn, app, c, result);
  if (!out.ok) return out.reply;
  return caseView(out.case, turn, app, [turn.t('handover.notice.done', { name: out.case.owner.name.slice(0, 80) }), ...out.notices].join(' '));
};
