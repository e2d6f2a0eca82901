/**
 * The worker's writes to a case (a delivery failure to show, a failure cleared) and its history lines. Same
 * optimistic version check as a card click, re-read on conflict: the worker never overwrites an agent's change.
 */
import type { AppServices } from '../app/services.js';
import type { Actor, Case } from '../flow/case.js';

export const botActor: Actor = { id: 'bot', name: 'CSP Support Desk' };

/** `patch` returns the changed case, or undefined to only append the event. */
export async function recordOnCase(
  app: AppServices,
  caseId: string,
  now: Date,
  kind: string,
  detail: Record<string, unknown>,
  patch: (c: Case) => Case | undefined,
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const c = await app.store.cases.get(caseId);
    if (!c) return;
    const changed = patch(c);
    if (!changed) {
      await app.store.cases.appendEvent({ caseId, version: c.version, at: now.toISOString(), actor: botActor, kind, detail });
      return;
    }
    const next: Case = { ...changed, version: c.version + 1, updatedAt: now.toISOString(), updatedBy: botActor };
    const saved = await app.store.cases.save(next, c.version, [{ caseId, version: next.version, at: now.toISOString(), actor: botActor, kind, detail }]);
    if (saved === 'saved') return;
  }
  app.log.warn({ caseId, kind }, 'case changed too often to record a reminder event');
}
