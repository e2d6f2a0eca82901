import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { parseEnv } from '../../src/config/env.js';
import { createPartnerCenter, type PartnerCenterServices } from '../../src/app/partnerCenter.js';
import { openStore, type Store } from '../../src/store/index.js';
import { liveDirectories } from '../../src/directories/live.js';
import { openSecret, parseTokenKey, sealSecret } from '../../src/partnerCenter/vault.js';
import { PartnerCenterError } from '../../src/partnerCenter/ports.js';
import { customerResource, json, PartnerCenterStandIn, serviceRequest } from './standIn.js';

const partnerTenant = '9a0c7346-f305-4646-b3fb-772853f6b209';
const clientId = '11111111-2222-4333-8444-555555555555';
const tokenKey = Buffer.alloc(32, 7).toString('base64');
const log = pino({ level: 'silent' });

const customers = [
  { id: '435bb064-3ad9-4a2a-803c-abb2aa428026', name: 'Contoso Ltd', domain: 'contoso.onmicrosoft.com', allowDelegatedAccess: true },
  { id: '1c87b87b-5e27-4786-b2cd-1d0a9b2b7e1d', name: 'Fabrikam Inc', domain: 'fabrikam.onmicrosoft.com' },
  { id: '2d3e4f50-6172-4839-a4b5-c6d7e8f90a1b', name: 'Northwind Traders', domain: 'northwind.onmicrosoft.com' },
  { id: '3e4f5061-7283-4940-b5c6-d7e8f90a1b2c', name: 'Tailspin Toys', domain: 'tailspin.onmicrosoft.com' },
  { id: '4f506172-8394-4a51-86d7-e8f90a1b2c3d', name: '100%_Cloud Ltd', domain: 'hundred.onmicrosoft.com' },
];

let pc: PartnerCenterStandIn;
let store: Store;
let now: Date;

beforeEach(async () => {
  pc = await new PartnerCenterStandIn().start();
  pc.customers = customers;
  store = await openStore({ sqlitePath: ':memory:' });
  now = new Date('2026-11-20T02:00:00Z');
});
afterEach(async () => {
  await store.close();
  await pc.stop();
});

async function services(env: Record<string, string> = {}, workerId = 'w1'): Promise<PartnerCenterServices> {
  const parsed = parseEnv({
    PARTNER_CENTER_CLIENT_ID: clientId,
    PARTNER_CENTER_CLIENT_SECRET: 'app-secret',
    PARTNER_CENTER_TENANT_ID: partnerTenant,
    PARTNER_CENTER_TOKEN_KEY: tokenKey,
    PARTNER_CENTER_API_URL: pc.base,
    PARTNER_CENTER_LOGIN_URL: pc.base,
    PARTNER_CENTER_RETRY_AFTER_CAP_MS: '50',
    PARTNER_CENTER_TIMEOUT_MS: '2000',
    ...env,
  });
  const s = await createPartnerCenter(parsed, store, liveDirectories(store.directories), () => now, log, { workerId });
  if (!s) throw new Error('Partner Center not configured');
  return s;
}

/** What the CustomerSearch port (the type-ahead's source) returns for the partner's tenant. */
const names = async (s: PartnerCenterServices) => (await s.customers.search(partnerTenant, '', { skip: 0, top: 100 })).map((c) => c.name);

describe('customer sync from Partner Center', () => {
  it('follows links.next with the MS-ContinuationToken header through every page, App-only, and stores the list', async () => {
    const s = await services();
    const out = await s.syncNow();
    expect(out).toMatchObject({ status: 'synced', customers: 5, removed: 0 });
    const pages = pc.apiRequests('/v1/customers');
    expect(pages).toHaveLength(3);
    expect(pages[0]!.headers['ms-continuationtoken']).toBeUndefined();
    expect(pages.slice(1).map((p) => Buffer.from(String(p.headers['ms-continuationtoken']), 'base64').toString())).toEqual(['offset:2', 'offset:4']);
    // App-only: client credentials for the partner's own tenant, Partner Center's .default scope.
    const [tok] = pc.tokenRequests();
    expect(tok!.pathname).toBe(`/${partnerTenant}/oauth2/v2.0/token`);
    expect(tok!.form.get('grant_type')).toBe('client_credentials');
    expect(tok!.form.get('scope')).toContain('https://api.partnercenter.microsoft.com/.default');
    expect(await names(s)).toEqual(['100%_Cloud Ltd', 'Contoso Ltd', 'Fabrikam Inc', 'Northwind Traders', 'Tailspin Toys']);
    const contoso = await s.customers.get(partnerTenant, customers[0]!.id);
    expect(contoso).toEqual({ tenantId: customers[0]!.id, name: 'Contoso Ltd', domain: 'contoso.onmicrosoft.com', cloud: 'commercial', hasAdminRights: true });
  });

  it('a customer Partner Center stops listing is removed at the next sync; others are updated in place', async () => {
    const s = await services();
    await s.syncNow();
    pc.customers = [{ ...customers[0]!, name: 'Contoso Group' }, ...customers.slice(2)];
    now = new Date(now.getTime() + 60_000);
    expect(await s.syncNow()).toMatchObject({ status: 'synced', customers: 4, removed: 1 });
    expect(await names(s)).toEqual(['100%_Cloud Ltd', 'Contoso Group', 'Northwind Traders', 'Tailspin Toys']);
  });

  it('an expired access token (401) is renewed once and the call repeated', async () => {
    const s = await services();
    await s.syncNow();
    pc.expireAccessTokens();
    now = new Date(now.getTime() + 60_000);
    const before = pc.tokenRequests().length;
    expect(await s.syncNow()).toMatchObject({ status: 'synced', customers: 5 });
    expect(pc.tokenRequests().length).toBe(before + 1);
  });

  it('a 401 that survives the renewal is "unauthorized", not a loop', async () => {
    const s = await services();
    for (let i = 0; i < 2; i++) pc.once((r) => r.pathname === '/v1/customers', (res) => json(res, 401, { code: 401, description: 'no' }));
    const out = await s.syncNow();
    expect(out).toMatchObject({ status: 'failed', reason: 'unauthorized' });
    expect(pc.apiRequests('/v1/customers')).toHaveLength(2);
    expect(pc.tokenRequests()).toHaveLength(2);
  });

  it('429 with Retry-After waits and tries the same page again, with the same continuation token', async () => {
    const s = await services();
    pc.once((r) => r.headers['ms-continuationtoken'] !== undefined, (res) => json(res, 429, { code: 429, description: 'Too many requests' }, { 'retry-after': '1' }));
    expect(await s.syncNow()).toMatchObject({ status: 'synced', customers: 5 });
    const pages = pc.apiRequests('/v1/customers').map((p) => p.headers['ms-continuationtoken']);
    expect(pages).toHaveLength(4);
    expect(pages[1]).toBe(pages[2]);
  });

  it('a malformed page fails the whole sync with a message naming the field, and the stored list is untouched', async () => {
    const s = await services();
    await s.syncNow();
    pc.customers = customers.map((c) => ({ ...c, name: `${c.name} (renamed)` }));
    pc.once(
      (r) => r.headers['ms-continuationtoken'] !== undefined,
      (res) => json(res, 200, { totalCount: 5, items: [customerResource(customers[2]!), { ...customerResource(customers[3]!), companyProfile: { tenantId: customers[3]!.id, domain: 'x' } }] }),
    );
    now = new Date(now.getTime() + 60_000);
    const out = await s.syncNow();
    expect(out).toMatchObject({ status: 'failed', reason: 'malformedResponse' });
    expect(out.status === 'failed' && out.detail).toMatch(/customers page 2: items\.1\.companyProfile\.companyName/);
    expect(await names(s)).toEqual(['100%_Cloud Ltd', 'Contoso Ltd', 'Fabrikam Inc', 'Northwind Traders', 'Tailspin Toys']);
    expect(await s.lastSync()).toMatchObject({ status: 'failed', reason: 'malformedResponse' });
  });

  it('a continuation token that repeats is refused instead of paging forever', async () => {
    const s = await services();
    const loop = { uri: '/customers?size=200', method: 'GET', headers: [{ key: 'MS-ContinuationToken', value: 'same' }] };
    for (let i = 0; i < 3; i++) pc.once((r) => r.pathname === '/v1/customers', (res) => json(res, 200, { items: [customerResource(customers[i]!)], links: { next: loop } }));
    expect(await s.syncNow()).toMatchObject({ status: 'failed', reason: 'malformedResponse' });
    expect(await s.customers.count(partnerTenant)).toBe(0);
  });

  it('two instances: only the one holding the lease syncs; the schedule is a due time in the store', async () => {
    const a = await services({ PARTNER_CENTER_SYNC_MINUTES: '60' }, 'instance-a');
    const b = await services({ PARTNER_CENTER_SYNC_MINUTES: '60' }, 'instance-b');
    const [ra, rb] = await Promise.all([a.syncNow(), b.syncNow()]);
    expect([ra.status, rb.status].sort()).toEqual(['busy', 'synced']);
    expect(pc.apiRequests('/v1/customers')).toHaveLength(3);
    const row = await store.partnerCenter.syncRow('customerSync');
    expect(row?.dueAt).toBe('2026-11-20T03:00:00.000Z');
    expect(row?.leaseOwner).toBeUndefined();
  });
});

describe('the schedule', () => {
  it('a poll syncs only when the stored due time has come; a crashed holder\'s lease expires and another instance takes over', async () => {
    const s = await services({ PARTNER_CENTER_SYNC_MINUTES: '60' });
    expect(await s.tick()).toMatchObject({ status: 'synced' });
    now = new Date('2026-11-20T02:30:00Z');
    expect(await s.tick()).toEqual({ status: 'notDue' });
    // An instance claims the due sync and dies: its lease (15 min) blocks others until it runs out.
    now = new Date('2026-11-20T03:01:00Z');
    expect(await store.partnerCenter.claimSync('customerSync', 'dead-instance', now.toISOString(), '2026-11-20T03:16:00.000Z', false)).toBe(true);
    expect(await s.tick()).toEqual({ status: 'notDue' });
    expect(await s.syncNow()).toMatchObject({ status: 'busy' });
    now = new Date('2026-11-20T03:17:00Z');
    expect(await s.tick()).toMatchObject({ status: 'synced' });
    expect((await store.partnerCenter.syncRow('customerSync'))?.dueAt).toBe('2026-11-20T04:17:00.000Z');
  });

  it('after a failure the next try comes sooner than the full interval', async () => {
    const s = await services({ PARTNER_CENTER_SYNC_MINUTES: '360' });
    pc.once((r) => r.pathname === '/v1/customers', (res) => json(res, 403, { code: 403, description: 'not allowed' }));
    expect(await s.tick()).toMatchObject({ status: 'failed', reason: 'unauthorized' });
    expect((await store.partnerCenter.syncRow('customerSync'))?.dueAt).toBe('2026-11-20T02:15:00.000Z');
  });
});

describe('type-ahead search in the store', () => {
  it('matches name, domain or tenant ID words, case-insensitively, only inside the partner tenant, with % and _ taken literally', async () => {
    const s = await services();
    await s.syncNow();
    const search = (q: string, tenant = partnerTenant) => s.customers.search(tenant, q, { skip: 0, top: 10 }).then((r) => r.map((c) => c.name));
    expect(await search('north')).toEqual(['Northwind Traders']);
    expect(await search('FABRIKAM.onmicrosoft')).toEqual(['Fabrikam Inc']);
    expect(await search('435bb064')).toEqual(['Contoso Ltd']);
    expect(await search('%_')).toEqual(['100%_Cloud Ltd']);
    expect(await search('ltd contoso')).toEqual(['Contoso Ltd']);
    expect(await search('contoso', '72f988bf-86f1-41af-91ab-2d7cd011db47')).toEqual([]);
  });
});

describe('App+User: the Secure Application Model refresh token', () => {
  const customer = customers[0]!.id;

  it('is stored only sealed; service requests use it, and the rotated token replaces it (still sealed)', async () => {
    pc.refreshTokens.add('rt-initial');
    pc.serviceRequests.set(customer, [serviceRequest('615112491169010', 'Mailboxes fail', 1, '2026-11-19T23:07:00.863'), serviceRequest('615112491169011', 'Old', 2, '2026-10-01T00:00:00')]);
    const s = await services({ PARTNER_CENTER_REFRESH_TOKEN: 'rt-initial' });
    const sealed = await store.partnerCenter.read('refreshToken');
    expect(sealed).toBeDefined();
    expect(sealed).not.toContain('rt-initial');
    expect(openSecret(sealed!, parseTokenKey(tokenKey)!, `${partnerTenant}|${clientId}`)).toBe('rt-initial');

    const requests = await s.api.serviceRequests(customer);
    expect(requests).toEqual([
      { number: '615112491169010', title: 'Mailboxes fail', status: 'open', createdAt: '2026-11-19T23:07:00.863Z', severity: 'moderate' },
      { number: '615112491169011', title: 'Old', status: 'closed', createdAt: '2026-10-01T00:00:00.000Z', severity: 'moderate' },
    ]);
    const tok = pc.tokenRequests().at(-1)!;
    expect(tok.form.get('grant_type')).toBe('refresh_token');
    expect(tok.form.get('refresh_token')).toBe('rt-initial');
    expect(tok.form.get('scope')).toContain('https://api.partnercenter.microsoft.com/user_impersonation');
    const rotated = openSecret((await store.partnerCenter.read('refreshToken'))!, parseTokenKey(tokenKey)!, `${partnerTenant}|${clientId}`);
    expect(rotated).toMatch(/^rt-\d+$/);

    // A restart with the same bootstrap value in the environment does not put the old token back.
    await services({ PARTNER_CENTER_REFRESH_TOKEN: 'rt-initial' });
    expect(openSecret((await store.partnerCenter.read('refreshToken'))!, parseTokenKey(tokenKey)!, `${partnerTenant}|${clientId}`)).toBe(rotated);
  });

  it('a service-request list that is not in the documented shape is refused with the field named', async () => {
    pc.refreshTokens.add('rt-initial');
    pc.serviceRequests.set(customer, [{ ...serviceRequest('1', 't', 1, '2026-11-19T23:07:00'), status: 'pending-ish' }]);
    const s = await services({ PARTNER_CENTER_REFRESH_TOKEN: 'rt-initial' });
    await expect(s.api.serviceRequests(customer)).rejects.toThrow(/service requests: items\.0\.status: unknown status "pending-ish"/);
  });

  it('without a stored refresh token the call says so (noUserSignIn) and sends nothing to Partner Center', async () => {
    const s = await services();
    await expect(s.api.serviceRequests(customer)).rejects.toMatchObject({ reason: 'noUserSignIn' });
    expect(pc.apiRequests()).toHaveLength(0);
  });

  it('a revoked refresh token is "unauthorized"', async () => {
    const s = await services({ PARTNER_CENTER_REFRESH_TOKEN: 'rt-revoked' });
    const err = await s.api.serviceRequests(customer).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PartnerCenterError);
    expect(err).toMatchObject({ reason: 'unauthorized' });
  });

  it('21Vianet: customers come from its own REST host; service requests are clearly unavailable there', async () => {
    const intended: string[] = [];
    const parsed = parseEnv({
      PARTNER_CENTER_CLIENT_ID: clientId,
      PARTNER_CENTER_CLIENT_SECRET: 'app-secret',
      PARTNER_CENTER_TENANT_ID: partnerTenant,
      PARTNER_CENTER_CLOUD: 'china21v',
    });
    const fetchVia = (url: string, init?: RequestInit) => {
      const u = new URL(url);
      intended.push(`${u.origin}${u.pathname}`);
      return fetch(`${pc.base}${u.pathname}${u.search}`, init);
    };
    const s = (await createPartnerCenter(parsed, store, liveDirectories(store.directories), () => now, log, { fetch: fetchVia }))!;
    expect(await s.syncNow()).toMatchObject({ status: 'synced', customers: 5 });
    expect(intended[0]).toBe(`https://login.chinacloudapi.cn/${partnerTenant}/oauth2/v2.0/token`);
    expect(intended[1]).toBe('https://partner.partnercenterapi.microsoftonline.cn/v1/customers');
    expect(pc.tokenRequests()[0]!.form.get('scope')).toContain('https://partner.partnercenterapi.microsoftonline.cn/.default');
    await expect(s.api.serviceRequests(customer)).rejects.toMatchObject({ reason: 'unavailableInCloud' });
    expect((await s.customers.get(partnerTenant, customer))?.cloud).toBe('china21v');
  });

  it('US Government: the commercial REST host with tokens from login.microsoftonline.us', async () => {
    const intended: string[] = [];
    const parsed = parseEnv({ PARTNER_CENTER_CLIENT_ID: clientId, PARTNER_CENTER_CLIENT_SECRET: 's', PARTNER_CENTER_TENANT_ID: partnerTenant, PARTNER_CENTER_CLOUD: 'usgov' });
    const s = (await createPartnerCenter(parsed, store, liveDirectories(store.directories), () => now, log, {
      fetch: (url: string, init?: RequestInit) => {
        const u = new URL(url);
        intended.push(`${u.origin}${u.pathname}`);
        return fetch(`${pc.base}${u.pathname}${u.search}`, init);
      },
    }))!;
    await s.syncNow();
    expect(intended.slice(0, 2)).toEqual([`https://login.microsoftonline.us/${partnerTenant}/oauth2/v2.0/token`, 'https://api.partnercenter.microsoft.com/v1/customers']);
  });
});

describe('sealing', () => {
  it('a wrong key, another installation (context) or one changed byte cannot open it', () => {
    const key = parseTokenKey(tokenKey)!;
    const sealed = sealSecret('secret-refresh-token', key, 'a|b');
    expect(openSecret(sealed, key, 'a|b')).toBe('secret-refresh-token');
    expect(() => openSecret(sealed, Buffer.alloc(32, 8), 'a|b')).toThrow();
    expect(() => openSecret(sealed, key, 'a|c')).toThrow();
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => openSecret(`v1.${raw.toString('base64')}`, key, 'a|b')).toThrow();
  });

  it('the environment refuses a short key and a refresh token without a key', () => {
    expect(() => parseEnv({ PARTNER_CENTER_TOKEN_KEY: 'c2hvcnQ=' })).toThrow(/PARTNER_CENTER_TOKEN_KEY: expected 32 random bytes/);
    expect(() => parseEnv({ PARTNER_CENTER_REFRESH_TOKEN: 'x' })).toThrow(/PARTNER_CENTER_TOKEN_KEY: required/);
    expect(() => parseEnv({ PARTNER_CENTER_CLIENT_ID: clientId })).toThrow(/PARTNER_CENTER_CLIENT_SECRET: required/);
  });
});
