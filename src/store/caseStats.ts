import type { Kysely } from 'kysely';
import { openSteps } from './cases.js';
import type { Database } from './schema.js';

/**
 * Open cases per step across every tenant, for the supportdesk.cases.open gauge. "Open" is the same set of steps as
 * the agents' `cases` list. One grouped count on the (tenant_id, step) index, run once per metric export, not per turn.
 */
export async function openCasesByStep(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('cases')
    .select(['step', (eb) => eb.fn.countAll().as('n')])
    .where('step', 'in', [...openSteps])
    .groupBy('step')
    .execute();
  // Every open step is reported, zero included, so a dashboard line drops to 0 instead of vanishing.
  const out: Record<string, number> = Object.fromEntries(openSteps.map((s) => [s, 0]));
  for (const r of rows) out[r.step] = Number(r.n);
  return out;
}
