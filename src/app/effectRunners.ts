import type { AppServices } from './services.js';
import type { Case } from '../flow/case.js';
import type { Effect } from '../flow/effects.js';
import type { EffectRunner, EffectTurn } from '../effects/runner.js';
import { postEscalation, threadReply, updateThreadCard } from '../escalation/runners.js';
import { postIsvContact } from '../isv/runner.js';
import { postHandoverNote } from '../escalation/handoverNote.js';
import { cancelReminders, scheduleReminders } from '../reminders/runners.js';

type Runners = { [K in Effect['type']]?: EffectRunner<Extract<Effect, { type: K }>> };

/**
 * Effect types and who runs them: the one place runners are registered, in the composition root beside the adapters
 * they reach through `AppServices`. `checkHealth` runs in the flow handlers because its result feeds a transition.
 */
export const effectRunners: Runners = {
  postEscalation,
  updateThreadCard,
  threadReply,
  postIsvContact,
  scheduleReminders,
  cancelReminders,
  handoverNote: postHandoverNote,
};

/**
 * Runs the effects a transition asked for, AFTER the new case version is stored (see `EffectRunner`). A runner that
 * throws anyway is logged and skipped so the other effects still run.
 */
export async function runEffects(effects: Effect[], c: Case, turn: EffectTurn | undefined, app: AppServices): Promise<{ case: Case; changed: boolean; notices: string[] }> {
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
