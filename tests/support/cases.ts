import { expect } from 'vitest';
import type { Harness } from './botHarness.js';
import { execute, type Where } from './activities.js';

/** What the intake card submits for a typed Microsoft 365 customer (all strings, as Teams sends inputs). */
export const m365Intake = {
  customerName: 'Contoso Ltd',
  tenantId: '435bb064-3ad9-4a2a-803c-abb2aa428026',
  domain: 'contoso.onmicrosoft.com',
  cloud: 'commercial',
  product: 'm365',
  symptoms: 'Shared mailboxes fail to open with 0x80070005 since 08:30.',
  severity: 'B',
  supportLanguage: 'english',
  relationship: 'hasAdminRights',
  role: 'adminAgent',
};

/** Every action anywhere in a card (buttons in ActionSets and ShowCards too), optionally of one type. */
export function actionsOf(card: any, type?: string): any[] {
  const out: any[] = [];
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (typeof n.type === 'string' && n.type.startsWith('Action.') && (!type || n.type === type)) out.push(n);
    Object.values(n).forEach(walk);
  };
  walk(card);
  return out;
}

/** The case a card was rendered from: the caseId and version its buttons carry. */
export function cardRef(card: any): { caseId: string; version: number } {
  const a = actionsOf(card).find((x) => x.data?.caseId);
  if (!a) throw new Error('card carries no caseId');
  return { caseId: a.data.caseId as string, version: a.data.version as number };
}

/** Clicks an Action.Execute on `card` (its caseId and version, plus the inputs) and returns the card Teams would show. */
export async function clickCard(h: Harness, verb: string, card: any, inputs: Record<string, unknown>, w: Where): Promise<any> {
  const res = await h.post(execute(verb, { verb, ...cardRef(card), ...inputs }, w));
  expect(res.status).toBe(200);
  expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
  return res.body.value;
}
