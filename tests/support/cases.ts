import { expect } from 'vitest';
import type { Harness } from './botHarness.js';
import { execute, type Where } from './activities.js';
import { cardRef } from './cards.js';

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

export { actionsOf, cardRef } from './cards.js';

/** Clicks an Action.Execute on `card` (its caseId and version, plus the inputs) and returns the card Teams would show. */
export async function clickCard(h: Harness, verb: string, card: any, inputs: Record<string, unknown>, w: Where): Promise<any> {
  const res = await h.post(execute(verb, { verb, ...cardRef(card), ...inputs }, w));
  expect(res.status).toBe(200);
  expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
  return res.body.value;
}
