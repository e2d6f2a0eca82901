import { caseIdAlphabet } from '../../src/flow/caseId.js';
import type { Case } from '../../src/flow/case.js';
import type { AppServices } from '../../src/app/services.js';
import { startHarness, type Harness } from '../support/botHarness.js';
import { escalatedCase, owner } from '../reminders/fixtures.js';
import { FakeSupportApi, subscriptionId } from './fakeSupportApi.js';

/** Case ids in the stored form (K7Q-X2M), which the card verbs parse: `prefix` (4 characters) plus a counter. */
export function caseIds(prefix: string): () => string {
  let seq = 0;
  return () => (++seq, `${prefix}${caseIdAlphabet[seq % 31]}${caseIdAlphabet[Math.floor(seq / 31) % 31]}`);
}

export const customerTenantId = 'c0ffee00-0000-4000-8000-000000000001';
export const partnerTenantId = 'badc0de0-0000-4000-8000-000000000002';

/** The real app over HTTP, with AZURE_SUPPORT_MODE=live pointed at the local stand-in (login and ARM on 127.0.0.1). */
export async function startAzureHarness(now: string, extra: Record<string, string> = {}): Promise<{ h: Harness; fake: FakeSupportApi }> {
  const fake = await new FakeSupportApi().start();
  const h = await startHarness({
    now,
    env: {
      AZURE_SUPPORT_MODE: 'live',
      AZURE_SUPPORT_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
      AZURE_SUPPORT_CLIENT_SECRET: 'test-secret',
      AZURE_SUPPORT_PARTNER_TENANT_ID: partnerTenantId,
      AZURE_SUPPORT_LOGIN_URL: fake.base,
      AZURE_SUPPORT_ARM_URL: fake.base,
      AZURE_SUPPORT_POLL_INTERVAL_MS: '60000',
      AZURE_SUPPORT_CREATE_WAIT_MS: '2000',
      AZURE_SUPPORT_RETRY_AFTER_CAP_MS: '0',
      PARTNER_COMPANY: 'Fabrikam Cloud Services',
      PARTNER_SUPPORT_EMAIL: 'support@fabrikam.example',
      PARTNER_SUPPORT_PHONE: '+886 2 1234 5678',
      PARTNER_CONTACT_FIRST_NAME: 'Pat',
      PARTNER_CONTACT_LAST_NAME: 'Partner',
      PARTNER_CONTACT_COUNTRY: 'twn',
      PARTNER_CONTACT_TIME_ZONE: 'Taipei Standard Time',
      ...extra,
    },
  });
  return { h, fake };
}

/** An escalated Azure case with its channel thread and no service request yet (the ticket will be it). */
export async function azureCase(app: AppServices, id: string, serviceUrl: string, at: string, severity: 'A' | 'B' | 'C' = 'A'): Promise<Case> {
  const base = escalatedCase({ id, serviceUrl, filedAt: at, severity });
  const { serviceRequest: _none, ...c } = base;
  const azure: Case = {
    ...c,
    intake: {
      ...c.intake!,
      product: 'azure',
      symptoms: 'Production VM vm-erp-01 does not start since 09:40',
      customer: { name: 'Contoso Ltd', tenantId: customerTenantId, domain: 'contoso.onmicrosoft.com', subscriptionId },
    },
  };
  await app.store.cases.insert(azure, { caseId: azure.id, version: 1, at, actor: owner, kind: 'test.created', detail: {} });
  return azure;
}
