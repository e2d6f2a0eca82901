import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../src/app/services.js';
import { cardOf, cardText, type Harness } from '../support/botHarness.js';
import { execute } from '../support/activities.js';
import { teamSettings } from '../reminders/fixtures.js';
import { classifications, planNotEligibleBody, services, subscriptionId, type FakeSupportApi } from './fakeSupportApi.js';
import { azureCase, caseIds, customerTenantId, partnerTenantId, startAzureHarness } from './harness.js';

let h: Harness;
let fake: FakeSupportApi;
let app: AppServices;
const nextId = caseIds('FKM-3');
const filed = '2026-11-20T02:00:00.000Z';
const where = (locale = 'en-US') => ({ serviceUrl: h.stub.url, kind: 'channel' as const, locale, user: { id: '29:agent-2', name: 'Chen Hao' } });
const vmLinux = services[1]!.id;
const picked = classifications[1]!.id;

beforeAll(async () => {
  ({ h, fake } = await startAzureHarness(filed));
  app = h.app.services;
});
afterAll(async () => {
  await h.close();
  await fake.stop();
});
beforeEach(async () => {
  h.stub.reset();
  h.clock.set(filed);
  fake.seen.length = 0;
  fake.failures.length = 0;
  await teamSettings(app, (s) => ({ ...s, azureFiling: true }));
});

const click = (verb: string, data: Record<string, unknown>, locale?: string) => h.post(execute(verb, { verb, ...data }, where(locale))).then((r) => cardOf(r.body));

describe('File in Azure (opt-in per team)', () => {
  it('lists services and problem types from the API; the request carries the partner contact, mapped severity, picked classification, consent and both tokens', async () => {
    const c = await azureCase(app, nextId(), h.stub.url, filed, 'A');
    const form = await click('azure.file.form', { caseId: c.id, version: c.version });
    expect(cardText(form)).toContain('Virtual Machine running Linux');
    expect(cardText(form)).toContain('Cloud Solution Provider');
    const withTypes = await click('azure.file.classifications', { caseId: c.id, version: c.version, subscriptionId, serviceId: vmLinux, consent: 'No' });
    expect(cardText(withTypes)).toContain('VM Start, Stop, Restart / My VM is not starting');
    expect(fake.arm().some((r) => r.pathname === '/providers/Microsoft.Support/services/service_guid_6/problemClassifications')).toBe(true);

    fake.seen.length = 0;
    h.clock.set('2026-11-20T02:06:00.000Z');
    const done = await click('azure.file.submit', { caseId: c.id, version: c.version, subscriptionId, serviceId: vmLinux, problemClassificationId: picked, ticketTitle: 'Production VM vm-erp-01 does not start', consent: 'No', highestImpact: 'false' });
    expect(cardText(done)).toContain('Filed in Azure as ticket 2611200010000042; the bot follows it.');

    const put = fake.arm().find((r) => r.method === 'PUT')!;
    expect(put.pathname).toMatch(new RegExp(`^/subscriptions/${subscriptionId}/providers/Microsoft.Support/supportTickets/cspdesk-${c.id.toLowerCase()}-[0-9a-f]{8}$`));
    expect(put.search.get('api-version')).toBe('2024-04-01');
    expect(put.headers.authorization).toMatch(new RegExp(`^Bearer tok-${customerTenantId}-\\d+$`));
    expect(put.headers['x-ms-authorization-auxiliary']).toMatch(new RegExp(`^Bearer tok-${partnerTenantId}-\\d+$`));
    const body = JSON.parse(put.body).properties;
    expect(body).toMatchObject({
      serviceId: vmLinux,
      problemClassificationId: picked,
      severity: 'critical',
      advancedDiagnosticConsent: 'No',
      require24X7Response: true,
      title: 'Production VM vm-erp-01 does not start',
      contactDetails: {
        firstName: 'Pat',
        lastName: 'Partner',
        primaryEmailAddress: 'support@fabrikam.example',
        phoneNumber: '+886 2 1234 5678',
        preferredContactMethod: 'email',
        preferredTimeZone: 'Taipei Standard Time',
        country: 'twn',
        preferredSupportLanguage: 'en-US',
      },
    });
    // Never the customer's contact (seed 001); the description is the English draft of the case.
    expect(JSON.stringify(body.contactDetails)).not.toMatch(/contoso/i);
    expect(body.description).toContain('Production VM vm-erp-01 does not start since 09:40');
    // Microsoft's long-running create was followed to completion before the ticket was read.
    expect(fake.arm().some((r) => r.pathname.includes('/operationsStatus/'))).toBe(true);

    const stored = (await app.store.cases.get(c.id))!;
    expect(stored.serviceRequest).toMatchObject({ number: '2611200010000042', severity: 'A', filedAt: '2026-11-20T02:05:00.000Z' });
    expect(stored.azureTicket).toMatchObject({ filedByBot: true, slaExpiresAt: '2026-11-20T04:05:00.000Z' });
    expect(await app.store.azureTickets.get(c.id)).toMatchObject({ state: 'active' });
  });

  it('A with "highest critical impact" ticked maps to highestcriticalimpact; B → moderate; C → minimal', async () => {
    const sev: [string, 'A' | 'B' | 'C', string][] = [['true', 'A', 'highestcriticalimpact'], ['false', 'B', 'moderate'], ['false', 'C', 'minimal']];
    for (const [highest, severity, expected] of sev) {
      const c = await azureCase(app, nextId(), h.stub.url, filed, severity);
      fake.seen.length = 0;
      await click('azure.file.submit', { caseId: c.id, version: c.version, subscriptionId, serviceId: vmLinux, problemClassificationId: picked, ticketTitle: 'x', consent: 'Yes', highestImpact: highest });
      const body = JSON.parse(fake.arm().find((r) => r.method === 'PUT')!.body).properties;
      expect([severity, body.severity, body.advancedDiagnosticConsent]).toEqual([severity, expected, 'Yes']);
    }
  });

  it('403 "plan not eligible": the card says why in the agent\'s language and offers the portal link; nothing stored', async () => {
    const c = await azureCase(app, nextId(), h.stub.url, filed);
    fake.failures.push({ status: 403, body: planNotEligibleBody, match: /^PUT / });
    const card = await click('azure.file.submit', { caseId: c.id, version: c.version, subscriptionId, serviceId: vmLinux, problemClassificationId: picked, ticketTitle: 'VM down', consent: 'No' }, 'zh-TW');
    const text = cardText(card);
    expect(text).toContain('Microsoft 拒絕透過 API 提交：客戶的支援方案（雲端解決方案提供者）不允許。請改在 Azure 入口網站提交。');
    expect(JSON.stringify(card)).toContain('Your support plan type is CSP');
    const open = JSON.stringify(card).match(/"type":"Action\.OpenUrl","title":"[^"]*","url":"([^"]+)"/);
    expect(open?.[1]).toMatch(/^https:\/\/portal\.azure\.com\/#@/);
    // The form keeps what was typed.
    expect(JSON.stringify(card)).toContain('"value":"VM down"');
    const stored = (await app.store.cases.get(c.id))!;
    expect([stored.version, stored.serviceRequest, stored.azureTicket]).toEqual([c.version, undefined, undefined]);
  });

  it('missing consent or classification: errors next to the fields, nothing sent to Microsoft', async () => {
    const c = await azureCase(app, nextId(), h.stub.url, filed);
    fake.seen.length = 0;
    const card = await click('azure.file.submit', { caseId: c.id, version: c.version, subscriptionId, serviceId: vmLinux, ticketTitle: 'VM down' });
    const text = cardText(card);
    expect(text).toContain('Choose the problem type');
    expect(text).toContain('Answer whether Microsoft may collect advanced diagnostic information.');
    expect(fake.arm().filter((r) => r.method === 'PUT')).toEqual([]);
  });

  it('a classification id not in Microsoft\'s list for that service is refused (never trusted from the card)', async () => {
    const c = await azureCase(app, nextId(), h.stub.url, filed);
    fake.seen.length = 0;
    await click('azure.file.submit', { caseId: c.id, version: c.version, subscriptionId, serviceId: vmLinux, problemClassificationId: '/providers/Microsoft.Support/services/service_guid_6/problemClassifications/made-up', ticketTitle: 'x', consent: 'No' });
    expect(fake.arm().filter((r) => r.method === 'PUT')).toEqual([]);
  });

  it('a create Microsoft is still running when the card answers is recorded as pending; the poll loop then gives it its number', async () => {
    const c = await azureCase(app, nextId(), h.stub.url, filed);
    fake.asyncInProgress = 1_000;
    const card = await click('azure.file.submit', { caseId: c.id, version: c.version, subscriptionId, serviceId: vmLinux, problemClassificationId: picked, ticketTitle: 'VM down', consent: 'Yes' });
    fake.asyncInProgress = 0;
    expect(cardText(card)).toContain('Microsoft is still creating the ticket');
    const pending = (await app.store.cases.get(c.id))!;
    expect(pending.azureTicket).toMatchObject({ pending: true, filedByBot: true });
    expect(pending.serviceRequest?.number).toBe(pending.azureTicket!.name);
    h.clock.set('2026-11-20T02:01:00.000Z');
    await h.app.ticketPoller!.tick();
    const done = (await app.store.cases.get(c.id))!;
    expect(done.azureTicket?.pending).toBeUndefined();
    expect(done.serviceRequest?.number).toBe('2611200010000042');
  });

  it('a team that has not opted in gets no filing: the thread card says how to turn it on', async () => {
    await teamSettings(app, (s) => ({ ...s, azureFiling: false }));
    const c = await azureCase(app, nextId(), h.stub.url, filed);
    const card = await click('azure.file.form', { caseId: c.id, version: c.version });
    expect(cardText(card)).toContain('Filing from the bot is off for this team. A team admin can turn it on in settings.');
    expect(fake.arm()).toEqual([]);
  });
});
