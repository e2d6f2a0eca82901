/**
 * The owner and leads of a case as quiet hours sees them: the Teams time zone each last reported (store) and any
 * per-person override from team settings, read against the team's business hours.
 */
import type { AppServices } from '../app/services.js';
import type { Case } from '../flow/case.js';
import { workingCalendar } from '../sla/workingHours.js';
import type { WorkingPerson } from './quietHours.js';
import type { TeamPolicies } from './teamPolicies.js';

export async function workingPerson(app: AppServices, tenantId: string, who: { id: string; name: string; aadObjectId?: string }, p: TeamPolicies): Promise<WorkingPerson> {
  const ids = [who.id, who.aadObjectId].filter((x): x is string => Boolean(x)).map((x) => x.toLowerCase());
  const override = p.settings.memberHours.find((m) => ids.includes(m.id.toLowerCase()));
  let seen = await app.store.people.find(tenantId, who.id);
  if (!seen && who.aadObjectId) seen = await app.store.people.find(tenantId, who.aadObjectId);
  const calendar = workingCalendar(p.calendar, seen?.timeZone, override);
  return { id: who.id, name: who.name, ...(calendar ? { calendar } : {}) };
}

/** The case owner and the team's leads, each with their working hours when known. */
export async function workingTeam(app: AppServices, c: Case, p: TeamPolicies): Promise<{ owner: WorkingPerson; leads: WorkingPerson[] }> {
  const owner = await workingPerson(app, c.tenantId, c.owner, p);
  const leads = await Promise.all(p.leads.map((l) => workingPerson(app, c.tenantId, l, p)));
  return { owner, leads };
}
