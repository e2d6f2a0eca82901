import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHealthChecker, createHealthProviders, healthEnvSchema } from '../../src/health/config.js';
import type { HealthFailureReason } from '../../src/health/provider.js';
import { t, supportedLocales } from '../../src/i18n/index.js';
import { FakeMicrosoft, graphIssuesPath, json } from './fakeMicrosoft.js';
import { clientId, customerTenant } from './setup.js';

const now = new Date('2026-11-02T10:42:00Z');
const m365Case = { cloud: 'commercial' as const, product: 'm365' as const, customerTenantId: customerTenant };

describe('health settings', () => {
  it('defaults to demo mode with a few-second timeout and a two-minute cache; blank values count as unset', () => {
    expect(healthEnvSchema().parse({ HEALTH_CLIENT_SECRET: '', HEALTH_TIMEOUT_MS: '' })).toEqual({
      HEALTH_MODE: 'demo',
      HEALTH_USGOV_GRAPH: 'gcchigh',
      HEALTH_TIMEOUT_MS: 4000,
      HEALTH_RETRY_AFTER_CAP_MS: 2000,
      HEALTH_CACHE_TTL_MS: 120_000,
    });
  });

  it('rejects what cannot work', () => {
    expect(healthEnvSchema().safeParse({ HEALTH_MODE: 'on' }).success).toBe(false);
    expect(healthEnvSchema().safeParse({ HEALTH_USGOV_GRAPH: 'gcc' }).success).toBe(false);
    expect(healthEnvSchema().safeParse({ HEALTH_GRAPH_URL: 'ftp://x' }).success).toBe(false);
    expect(healthEnvSchema().safeParse({ HEALTH_CERT_THUMBPRINT: 'abc' }).success).toBe(false);
    expect(healthEnvSchema().parse({ HEALTH_CERT_THUMBPRINT: 'AB:CD:'.repeat(10) }).HEALTH_CERT_THUMBPRINT).toBe('ABCD'.repeat(10));
  });

  it('off means no providers; demo means the demo provider only', () => {
    expect(createHealthProviders(healthEnvSchema().parse({ HEALTH_MODE: 'off' }))).toEqual([]);
    expect(createHealthProviders(healthEnvSchema().parse({})).map((p) => p.source)).toEqual(['demo']);
  });

  it('live mode without credentials says notConfigured for each source that applies', async () => {
    const checker = createHealthChecker(healthEnvSchema().parse({ HEALTH_MODE: 'live', HEALTH_CLIENT_ID: clientId }));
    expect(await checker.check(m365Case, now)).toEqual({
      checkedAt: '2026-11-02T10:42:00.000Z',
      items: [],
      failures: [{ source: 'microsoft365', reason: 'notConfigured' }],
      demo: false,
    });
    expect((await checker.check({ ...m365Case, product: 'azure', subscriptionId: 'x' }, now)).failures).toEqual([
      { source: 'azure', reason: 'notConfigured' },
    ]);
  });

  it('has a sentence for every failure reason in every locale; notConfigured names the settings and the permission', () => {
    const reasons = {
      notConfigured: true,
      noTenant: true,
      noSubscription: true,
      timeout: true,
      throttled: true,
      unauthorized: true,
      serverError: true,
      malformedResponse: true,
      network: true,
    } satisfies Record<HealthFailureReason, true>;
    for (const locale of supportedLocales) for (const reason of Object.keys(reasons)) expect(t(locale, `health.failure.${reason}`)).not.toBe('');
    for (const locale of supportedLocales) {
      const sentence = t(locale, 'health.failure.notConfigured');
      for (const needed of ['HEALTH_MODE=live', 'HEALTH_CLIENT_ID', 'HEALTH_CLIENT_SECRET', 'HEALTH_CERT_PATH', 'ServiceHealth.Read.All', 'GDAP', 'AOBO']) {
        expect(sentence).toContain(needed);
      }
    }
  });
});

describe('certificate credential', () => {
  let fake: FakeMicrosoft;
  beforeEach(async () => {
    fake = await new FakeMicrosoft().start();
  });
  afterEach(async () => {
    await fake.stop();
  });

  it('signs a client assertion with the key from HEALTH_CERT_PATH instead of sending a secret', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const thumbprint = 'a1'.repeat(32);
    fake.routes.set(graphIssuesPath, (_req, res) => json(res, 200, { value: [] }));
    const env = healthEnvSchema().parse({
      HEALTH_MODE: 'live',
      HEALTH_CLIENT_ID: clientId,
      HEALTH_CERT_PATH: '/secrets/health.pem',
      HEALTH_CERT_THUMBPRINT: thumbprint,
      HEALTH_LOGIN_URL: fake.base,
      HEALTH_GRAPH_URL: fake.base,
    });
    const read: string[] = [];
    const [graph] = createHealthProviders(env, { readFile: (p) => (read.push(p), pem) });
    expect(await graph!.check(m365Case)).toEqual({ source: 'microsoft365', ok: true, items: [] });
    expect(read).toEqual(['/secrets/health.pem']);

    const form = fake.tokenRequests()[0]!.form;
    expect(form.get('client_secret')).toBeNull();
    expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    const [header, payload] = form.get('client_assertion')!.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header['x5t#S256']).toBe(Buffer.from(thumbprint, 'hex').toString('base64url'));
    expect(payload.aud).toBe(`https://login.microsoftonline.com/${customerTenant}/oauth2/v2.0/token`);
    expect(payload.iss).toBe(clientId);
  });

  it('fails at start-up when the PEM file has no private key', () => {
    const env = healthEnvSchema().parse({ HEALTH_MODE: 'live', HEALTH_CLIENT_ID: clientId, HEALTH_CERT_PATH: '/x.pem' });
    expect(() => createHealthProviders(env, { readFile: () => '-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n' })).toThrow(
      /PRIVATE KEY/,
    );
  });
});
