import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTokenSource } from '../../src/health/token.js';
import { createRestAzureSupport, type RestAzureSupportOptions } from '../../src/azureSupport/rest.js';
import { AzureSupportError, type NewTicket } from '../../src/azureSupport/port.js';
import { FakeSupportApi, communication, planNotEligibleBody, subscriptionId } from './fakeSupportApi.js';

const customerTenant = 'c0ffee00-0000-4000-8000-000000000001';
const partnerTenant = 'badc0de0-0000-4000-8000-000000000002';
let fake: FakeSupportApi;

beforeAll(async () => {
  fake = await new FakeSupportApi().start();
});
afterAll(async () => fake.stop());
beforeEach(() => {
  fake.seen.length = 0;
  fake.tickets.clear();
  fake.failures.length = 0;
  fake.malformed.clear();
  fake.expired.clear();
});

/** Real MSAL (client credentials) against the stand-in authority: no traffic leaves 127.0.0.1. */
function client(over: Partial<RestAzureSupportOptions> = {}) {
  const slept: number[] = [];
  const token = createTokenSource({
    clientId: '11111111-2222-3333-4444-555555555555',
    credential: { kind: 'secret', secret: 's3cret' },
    fetch: (u, i) => fetch(u, i),
    loginOverride: fake.base,
    timeoutMs: 2000,
    retryAfterCapMs: 0,
  });
  const api = createRestAzureSupport({
    token,
    fetch: (u, i) => fetch(u, i),
    partnerTenantId: partnerTenant,
    armOverride: fake.base,
    timeoutMs: 2000,
    retryAfterCapMs: 2000,
    createWaitMs: 5000,
    sleep: async (ms) => void slept.push(ms),
    ...over,
  });
  return { api, slept };
}

const target = { cloud: 'commercial' as const, customerTenant, subscriptionId };
const failureOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return err as AzureSupportError;
  }
  throw new Error('expected a failure');
};

describe('reading tickets of a customer subscription', () => {
  it('lists with $filter on status and created date, with a token from the customer tenant for ARM', async () => {
    fake.addTicket(subscriptionId, 'testticket');
    fake.addTicket(subscriptionId, 'testticket2', { supportTicketId: '118032014183771', title: 'Test - please ignore', severity: 'minimal', supportEngineer: { emailAddress: 'xyz@contoso.com' } });
    const { api } = client();
    const list = await api.listTickets(target, { status: 'Open', createdOnOrAfter: new Date('2026-10-21T02:00:00.000Z') });
    expect(list.map((t) => [t.name, t.supportTicketId, t.severity, t.engineerEmail])).toEqual([
      ['testticket', '119120321001170', 'moderate', undefined],
      ['testticket2', '118032014183771', 'minimal', 'xyz@contoso.com'],
    ]);
    const [req] = fake.arm();
    expect(req!.pathname).toBe(`/subscriptions/${subscriptionId}/providers/Microsoft.Support/supportTickets`);
    expect(req!.search.get('api-version')).toBe('2024-04-01');
    expect(req!.search.get('$filter')).toBe("createdDate ge 2026-10-21T02:00:00Z and status eq 'Open'");
    const [tok] = fake.tokenRequests();
    expect(tok!.pathname).toBe(`/${customerTenant}/oauth2/v2.0/token`);
    expect(new URLSearchParams(tok!.body).get('scope')).toBe('https://management.azure.com/.default');
    expect(req!.headers.authorization).toBe(`Bearer tok-${customerTenant}-1`);
  });

  it("reads Microsoft's SLA expiry and the engineer, and the communications' direction", async () => {
    fake.addTicket(subscriptionId, 'testticket', { supportEngineer: { emailAddress: 'engineer@microsoft.com' } });
    fake.communications.set(`${subscriptionId}/testticket`, [communication(subscriptionId, 'testticket', 'm1', { createdDate: '2026-11-20T03:10:00Z' })]);
    const { api } = client();
    const t = await api.getTicket(target, 'testticket');
    expect(t).toMatchObject({ slaExpiresAt: '2026-11-20T06:00:00.000Z', slaMinutes: 240, engineerEmail: 'engineer@microsoft.com', status: 'Open' });
    expect(await api.listCommunications(target, 'testticket')).toEqual([{ name: 'm1', direction: 'outbound', sender: 'engineer@microsoft.com', createdDate: '2026-11-20T03:10:00.000Z' }]);
  });

  it('national clouds: the token scope and the ARM host follow the customer cloud', async () => {
    fake.addTicket(subscriptionId, 'gov');
    const intended: string[] = [];
    const { api } = client({ armOverride: undefined, fetch: (u, i) => (intended.push(u), fetch(`${fake.base}${new URL(u).pathname}${new URL(u).search}`, i)) });
    await api.getTicket({ ...target, cloud: 'usgov' }, 'gov');
    await api.getTicket({ ...target, cloud: 'china21v' }, 'gov');
    expect(intended.map((u) => new URL(u).origin)).toEqual(['https://management.usgovcloudapi.net', 'https://management.chinacloudapi.cn']);
    expect(fake.tokenRequests().map((r) => new URLSearchParams(r.body).get('scope'))).toEqual([
      'https://management.usgovcloudapi.net/.default',
      'https://management.chinacloudapi.cn/.default',
    ]);
  });
});

describe('resilience', () => {
  it('an expired token (401) is renewed once, skipping the cache, and the call succeeds', async () => {
    fake.addTicket(subscriptionId, 'testticket');
    const { api } = client();
    await api.getTicket(target, 'testticket');
    const first = String(fake.arm()[0]!.headers.authorization).slice('Bearer '.length);
    fake.expired.add(first);
    const t = await api.getTicket(target, 'testticket');
    expect(t.name).toBe('testticket');
    expect(fake.tokenRequests()).toHaveLength(2);
    const [a, b, c] = fake.arm().map((r) => String(r.headers.authorization));
    // The cached token is used again (MSAL's cache), refused, renewed once: the third call carries a new token.
    expect([a, b]).toEqual([`Bearer ${first}`, `Bearer ${first}`]);
    expect(c).not.toBe(a);
    expect(c).toMatch(new RegExp(`^Bearer tok-${customerTenant}-`));
  });

  it('a 401 that persists after the renewal is "unauthorized", not a loop', async () => {
    fake.addTicket(subscriptionId, 'testticket');
    fake.failures.push({ status: 401 }, { status: 401 }, { status: 401 });
    const err = await failureOf(client().api.getTicket(target, 'testticket'));
    expect(err.reason).toBe('unauthorized');
    expect(fake.arm()).toHaveLength(2);
  });

  it('429 with a short Retry-After is waited out once (interactive); a long one surfaces with its wait', async () => {
    fake.addTicket(subscriptionId, 'testticket');
    const { api, slept } = client();
    fake.failures.push({ status: 429, retryAfter: '1' });
    expect((await api.getTicket(target, 'testticket')).name).toBe('testticket');
    expect(slept).toEqual([1000]);
    fake.failures.push({ status: 429, retryAfter: '120' });
    const err = await failureOf(api.getTicket(target, 'testticket'));
    expect(err.reason).toBe('throttled');
    expect(err.extra.retryAfterMs).toBe(120_000);
  });

  it('the poll loop never sleeps: with cap 0 the first 429 surfaces with Retry-After', async () => {
    fake.addTicket(subscriptionId, 'testticket');
    const { api, slept } = client({ retryAfterCapMs: 0 });
    fake.failures.push({ status: 429, retryAfter: '7' });
    const err = await failureOf(api.getTicket(target, 'testticket'));
    expect([err.reason, err.extra.retryAfterMs, slept.length]).toEqual(['throttled', 7000, 0]);
  });

  it('malformed payloads are a clear "malformed" naming the field, never a crash', async () => {
    fake.malformed.set(`/subscriptions/${subscriptionId}/providers/Microsoft.Support/supportTickets/bad`, { name: 'bad', properties: { status: 'Open', severity: 'moderate', serviceLevelAgreement: { expirationTime: 'tomorrow' } } });
    const err = await failureOf(client().api.getTicket(target, 'bad'));
    expect(err.reason).toBe('malformed');
    expect(err.message).toContain('properties.serviceLevelAgreement.expirationTime');
    fake.malformed.set('/providers/Microsoft.Support/services', { value: [{ id: 'x' }] });
    expect((await failureOf(client().api.listServices(target))).reason).toBe('malformed');
  });

  it('a typed ticket name cannot add a path or query to the ARM URL', async () => {
    const err = await failureOf(client().api.getTicket(target, '../../providers/x?y=1'));
    expect(err.reason).toBe('notFound');
    expect(fake.arm()).toHaveLength(0);
  });
});

describe("filing on the customer's behalf", () => {
  const ticket: NewTicket = {
    name: 'cspdesk-ab12',
    serviceId: '/providers/Microsoft.Support/services/service_guid_6',
    problemClassificationId: '/providers/Microsoft.Support/services/service_guid_6/problemClassifications/problemClassification_guid_2',
    title: 'VM does not start',
    description: 'Since 09:00 …',
    severity: 'critical',
    advancedDiagnosticConsent: 'No',
    require24X7Response: true,
    contact: {
      firstName: 'Pat',
      lastName: 'Partner',
      primaryEmailAddress: 'support@partner.example',
      preferredContactMethod: 'email',
      preferredTimeZone: 'Taipei Standard Time',
      country: 'twn',
      preferredSupportLanguage: 'en-US',
    },
  };

  it('PUT with both tokens, then follows Azure-AsyncOperation to completion and reads the ticket', async () => {
    fake.asyncInProgress = 1;
    const out = await client().api.createTicket(target, ticket);
    expect(out).toMatchObject({ state: 'created', ticket: { name: 'cspdesk-ab12', supportTicketId: '2611200010000042', slaExpiresAt: '2026-11-20T04:05:00.000Z' } });
    const put = fake.arm().find((r) => r.method === 'PUT')!;
    expect(put.headers.authorization).toMatch(new RegExp(`^Bearer tok-${customerTenant}-`));
    expect(put.headers['x-ms-authorization-auxiliary']).toMatch(new RegExp(`^Bearer tok-${partnerTenant}-`));
    expect(JSON.parse(put.body).properties).toMatchObject({ severity: 'critical', advancedDiagnosticConsent: 'No', contactDetails: { primaryEmailAddress: 'support@partner.example' } });
    expect(fake.arm().filter((r) => r.pathname.includes('/operationsStatus/'))).toHaveLength(2);
  });

  it('403 "plan not eligible" is told apart from other refusals, with Microsoft\'s words kept', async () => {
    fake.failures.push({ status: 403, body: planNotEligibleBody, match: /^PUT / });
    const err = await failureOf(client().api.createTicket(target, ticket));
    expect(err.reason).toBe('planNotEligible');
    expect(err.extra.microsoftMessage).toContain('Your support plan type is CSP');
    fake.failures.push({ status: 403, body: { error: { code: 'AuthorizationFailed', message: 'The client does not have authorization to perform action Microsoft.Support/supportTickets/write' } }, match: /^PUT / });
    expect((await failureOf(client().api.createTicket(target, ticket))).reason).toBe('forbidden');
  });

  it('without the partner tenant there is no auxiliary token: refused before any call', async () => {
    const err = await failureOf(client({ partnerTenantId: undefined }).api.createTicket(target, ticket));
    expect(err.reason).toBe('notConfigured');
    expect(fake.arm()).toHaveLength(0);
  });

  it('a create still running after the wait answers pending (the poller completes it)', async () => {
    fake.asyncInProgress = 100;
    const out = await client({ createWaitMs: 0 }).api.createTicket(target, ticket);
    expect(out).toEqual({ state: 'pending' });
  });
});
