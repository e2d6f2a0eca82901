/**
 * Remembers each person's Teams time zone (issue 13, quiet hours): the clientInfo entity's `timezone` on their
 * activities. Written only when it is new or changed for this instance, so a busy card-action path does not pay a
 * store write per click.
 */
import type { AppServices } from '../app/services.js';
import type { Actor } from '../flow/case.js';
import { isValidTimeZone } from '../sla/zonedTime.js';

// Per store, so two apps in one process (tests, a restart in place) never skip a write the other made.
const written = new WeakMap<object, Map<string, string>>();
const maxRemembered = 10_000;

export async function notePerson(app: AppServices, tenantId: string | undefined, actor: Actor, timeZone: string | undefined): Promise<void> {
  if (!tenantId || !actor.id) return;
  const zone = timeZone && timeZone.length <= 64 && isValidTimeZone(timeZone) ? timeZone : undefined;
  if (!zone) return;
  let lastWritten = written.get(app.store);
  if (!lastWritten) written.set(app.store, (lastWritten = new Map()));
  const key = `${tenantId}|${actor.id}`;
  const value = `${zone}|${actor.name}|${actor.aadObjectId ?? ''}`;
  if (lastWritten.get(key) === value) return;
  try {
    await app.store.people.upsert({
      tenantId,
      userId: actor.id,
      name: actor.name.slice(0, 200),
      ...(actor.aadObjectId ? { aadObjectId: actor.aadObjectId } : {}),
      timeZone: zone,
      updatedAt: app.clock().toISOString(),
    });
    if (lastWritten.size >= maxRemembered) lastWritten.clear();
    lastWritten.set(key, value);
  } catch (err) {
    // Quiet hours then keep the last known zone; the turn itself must not fail for this.
    app.log.warn({ err }, 'could not store the user\'s time zone');
  }
}
