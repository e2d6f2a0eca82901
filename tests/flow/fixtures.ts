import type { Actor, Case, HealthCheck } from '../../src/flow/case.js';
import { applyAction, startCase, type CaseAction } from '../../src/flow/transitions.js';

export const agent: Actor = { id: '29:agent-mei', name: 'Mei Chen', aadObjectId: '5f0c1a55-0d7e-4c36-9a4e-1f1f2b7c9d10' };
export const colleague: Actor = { id: '29:agent-raj', name: 'Raj Patel' };
export const t0 = new Date('2026-11-03T09:00:00.000Z');
export const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

/** What the intake card submits for a typed customer (all strings, as Teams sends them). */
export function intakeInputs(over: Record<string, string> = {}): Record<string, string> {
  return {
    customerName: 'Contoso Ltd',
    tenantId: '435bb064-3ad9-4a2a-803c-abb2aa428026',
    domain: 'contoso.onmicrosoft.com',
    cloud: 'commercial',
    product: 'm365',
    symptoms: 'Users in the Taipei office get error 0x80070005 when opening shared mailboxes since 08:30.',
    severity: 'B',
    supportLanguage: 'english',
    relationship: 'hasAdminRights',
    role: 'adminAgent',
    ...over,
  };
}

export const nothingFound = (at: Date): HealthCheck => ({ checkedAt: at.toISOString(), items: [], failures: [], demo: true });

export function must(c: Case, action: CaseAction, at: Date, actor: Actor = agent): Case {
  const r = applyAction(c, action, { now: at, actor });
  if (!r.ok) throw new Error(`${action.type} refused: ${JSON.stringify(r.errors)}`);
  return r.case;
}

/** Intake → health (nothing found) → troubleshoot → decide, the way an agent clicks through. */
export function caseAtDecide(inputs: Record<string, string>): Case {
  let c = startCase({ id: 'K7Q-X2M', tenantId: 'partner-tenant', actor: agent, locale: 'en', now: t0 });
  c = must(c, { type: 'intake.submit', inputs }, minutes(3));
  c = must(c, { type: 'health.checked', check: nothingFound(minutes(3)) }, minutes(3));
  c = must(c, { type: 'health.continue' }, minutes(5));
  c = must(c, { type: 'troubleshoot.continue', inputs: { 'tried.licences': 'true', notes: 'Re-assigned licence; no change.' } }, minutes(20));
  return c;
}
