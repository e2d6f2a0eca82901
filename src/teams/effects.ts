import type { AppServices } from '../app/services.js';
import type { Case } from '../flow/case.js';
import type { Effect } from '../flow/effects.js';
import type { Turn } from './turn.js';
import { postEscalation, threadReply, updateThreadCard } from '../escalation/runners.js';
import { postIsvContact } from '../isv/runner.js';
import { cancelReminders, scheduleReminders } from '../reminders/runners.js';

/**
 * Runs the effects a transition asked for, AFTER the new case version is stored. Each effect type has one runner,
 * registered below; a runner may return an updated case (e.g. the thread reference after posting), which the caller
 * saves as a follow-up version. Runners never throw for delivery problems: they record them on the case instead,
 * so the agent is told and can retry (issue 4: "the case keeps the escalation so it can be posted again").
 */
export type EffectRunner<E extends Effect = Effect> = (effect: E, c: Case, turn: Turn | undefined, app: AppServices) => Promise<EffectOutcome>;

export interface EffectOutcome {
  /** The case with what the effect learned (thread ids, post errors…); undefined when nothing changed. */
  case?: Case;
  /** Lines to tell the agent in chat (already translated), e.g. "posted in #Escalations" or what to do when posting failed. */
  notices?: string[];
}

type Runners = { [K in Effect['type']]?: EffectRunner<Extract<Effect, { type: K }>> };

/** Effect types and who runs them. `checkHealth` runs in the flow handlers because its result feeds a transition. */
export const effectRunners: Runners = {
  postEscalation,
  updateThreadCard,
  threadReply,
  postIsvContact,
  scheduleReminders,
  cancelReminders,
};

export async function runEffects(effects: Effect[], c: Case, turn: Turn | undefined, app: AppServices): Promise<{ case: Case; changed: boolean; notices: string[] }> {
  let current = c;
  let changed = false;
  const notices: string[] = [];
  for (const effect of effects) {
    const runner = effectRunners[effect.type] as EffectRunner | undefined;
    if (!runner) continue;
    try {
      const out = await runner(effect, current, turn, app);
      if (out.case) {
        current = out.case;
        changed = true;
      }
      notices.push(...(out.notices ?? []));
    } catch (err) {
      app.log.error({ err, effect: effect.type, caseId: c.id }, 'effect failed');
    }
  }
  return { case: current, changed, notices };
}
