/**
 * What an effect runner is, declared beside the domain that writes runners (escalation, ISV, reminders) so none of
 * them depends on the Teams layer or on where runners are registered (`src/app/effectRunners.ts`).
 */
import type { AppServices } from '../app/services.js';
import type { Actor, Case } from '../flow/case.js';
import type { Effect } from '../flow/effects.js';
import type { Locale } from '../i18n/index.js';

/**
 * The part of a user's turn a runner may use, in domain terms; the Teams layer's Turn satisfies it as is.
 * Absent when no user is acting (the reminder worker updating a thread card).
 */
export interface EffectTurn {
  /** The acting agent's language, for the notices told back in chat. */
  locale: Locale;
  actor: Actor;
}

/**
 * Runs one effect AFTER the new case version is stored. A runner may return an updated case (e.g. the thread
 * reference after posting), which the caller saves as a follow-up version. Runners never throw for delivery problems:
 * they record them on the case instead, so the agent is told and can retry (issue 4: "the case keeps the escalation
 * so it can be posted again").
 */
export type EffectRunner<E extends Effect = Effect> = (effect: E, c: Case, turn: EffectTurn | undefined, app: AppServices) => Promise<EffectOutcome>;

export interface EffectOutcome {
  /** The case with what the effect learned (thread ids, post errors…); undefined when nothing changed. */
  case?: Case;
  /** Lines to tell the agent in chat (already translated), e.g. "posted in #Escalations" or what to do when posting failed. */
  notices?: string[];
}
