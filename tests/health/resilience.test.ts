import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HealthProvider } from '../../src/health/provider.js';
import { HealthCache, retryDelayMs } from '../../src/health/resilience.js';
import { checkHealth } from '../../src/health/service.js';
import { FakeMicrosoft, armEvent, armEventsPath, graphIssue, graphIssuesPath, json } from './fakeMicrosoft.js';
import { customerTenant, liveProviders, subscription } from './setup.js';

let fake: FakeMicrosoft;
beforeEach(async () => {
  fake = await new FakeMicrosoft().start();
});
afterEach(async () => {
  await fake.stop();
});

const m365Case = { cloud: 'commercial' as const, product: 'm365' as const, customerTenantId: customerTenant, subscriptionId: subscription };
const now = new Date('2026-11-02T10:42:00Z');

/** Answers `statuses` in turn (then 200 with one issue), each with the given extra headers. */
function graphAnswers(statuses: number[], headers: Record<string, string> = {}) {
  let call = 0;
  fake.routes.set(graphIssuesPath, (_req, res) => {
    const status = statuses[call++];
    if (status !== undefined) return json(res, status, { error: { code: 'TooManyRequests', message: 'slow down' } }, headers);
    json(res, 200, { value: [graphIssue({ id: 'EX1187342' })] });
  });
}

describe('Retry-After', () => {
  it.each([
    ['2', 5000, 2000],
    ['120', 250, 250],
    [null, 5000, 1000],
    ['garbage', 5000, 1000],
    ['Mon, 02 Nov 2026 10:42:03 GMT', 10_000, 3000],
    ['Mon, 02 Nov 2026 10:41:00 GMT', 10_000, 0],
  ])('%s with a cap of %d ms waits %d ms', (header, cap, expected) => {
    expect(retryDelayMs(header, cap, now.getTime())).toBe(expected);
  });
});

describe('one retry on 429 and 5xx', () => {
  it('retries a 429 once after Retry-After (capped) and returns the answer', async () => {
    graphAnswers([429], { 'retry-after': '30' });
    const { graph } = liveProviders(fake, { HEALTH_RETRY_AFTER_CAP_MS: '10' });
    const result = await graph.check(m365Case);
    expect(result.ok && result.items.map((i) => i.id)).toEqual(['EX1187342']);
    expect(fake.requestsTo(graphIssuesPath)).toHaveLength(2);
  });

  it('gives up after the second 429 with reason throttled', async () => {
    graphAnswers([429, 429], { 'retry-after': '1' });
    const { graph } = liveProviders(fake, { HEALTH_RETRY_AFTER_CAP_MS: '5' });
    expect(await graph.check(m365Case)).toMatchObject({ ok: false, reason: 'throttled' });
    expect(fake.requestsTo(graphIssuesPath)).toHaveLength(2);
  });

  it('retries a 503 once; two in a row are serverError', async () => {
    graphAnswers([503]);
    const first = liveProviders(fake, { HEALTH_RETRY_AFTER_CAP_MS: '5' });
    expect(await first.graph.check(m365Case)).toMatchObject({ ok: true });

    graphAnswers([503, 502]);
    const second = liveProviders(fake, { HEALTH_RETRY_AFTER_CAP_MS: '5' });
    expect(await second.graph.check(m365Case)).toMatchObject({ ok: false, reason: 'serverError' });
    expect(fake.requestsTo(graphIssuesPath)).toHaveLength(4);
  });

  it('does not retry a 403', async () => {
    graphAnswers([403]);
    const { graph } = liveProviders(fake);
    expect(await graph.check(m365Case)).toMatchObject({ ok: false, reason: 'unauthorized' });
    expect(fake.requestsTo(graphIssuesPath)).toHaveLength(1);
  });

  it('retries a throttled token request once too', async () => {
    let calls = 0;
    fake.routes.set('token', (_req, res) => {
      if (calls++ === 0) return json(res, 429, { error: 'temporarily_unavailable' }, { 'retry-after': '1' });
      json(res, 200, { token_type: 'Bearer', expires_in: 3599, access_token: 'second-try' });
    });
    fake.routes.set(graphIssuesPath, (_req, res) => json(res, 200, { value: [] }));
    const { graph } = liveProviders(fake, { HEALTH_RETRY_AFTER_CAP_MS: '5' });
    expect(await graph.check(m365Case)).toEqual({ source: 'microsoft365', ok: true, items: [] });
    expect(fake.tokenRequests()).toHaveLength(2);
    expect(fake.requestsTo(graphIssuesPath)[0]!.headers.authorization).toBe('Bearer second-try');
  });
});

describe('checkHealth', () => {
  it('stops waiting for a source after its timeout and says so', async () => {
    fake.routes.set(graphIssuesPath, () => undefined); // never answers
    const { providers } = liveProviders(fake);
    const check = await checkHealth(providers, m365Case, now, { timeoutMs: 150 });
    expect(check).toEqual({ checkedAt: '2026-11-02T10:42:00.000Z', items: [], failures: [{ source: 'microsoft365', reason: 'timeout' }], demo: false });
  });

  it('gives partial results when one source is down and the other answers', async () => {
    fake.routes.set(graphIssuesPath, (_req, res) => json(res, 503, { error: { code: 'ServiceUnavailable' } }));
    fake.routes.set(armEventsPath(subscription), (_req, res) => json(res, 200, { value: [armEvent('BC_1-FXZ', {})] }));
    const { graph, azure } = liveProviders(fake);
    // Both sources asked about one customer (as a future product mapping may do): Graph down, ARM answering.
    const both: HealthProvider[] = [graph, { ...azure, appliesTo: () => true }];
    const failed: unknown[] = [];
    const check = await checkHealth(both, m365Case, now, { onFailure: (f) => failed.push(f) });
    expect(check.items.map((i) => [i.source, i.id])).toEqual([['azure', 'BC_1-FXZ']]);
    expect(check.failures).toEqual([{ source: 'microsoft365', reason: 'serverError' }]);
    expect(check.demo).toBe(false);
    expect(failed).toEqual([expect.objectContaining({ source: 'microsoft365', reason: 'serverError', detail: expect.stringContaining('HTTP 503') })]);
  });

  it('turns a provider that throws into a failure instead of a crash', async () => {
    const broken: HealthProvider = { source: 'azure', appliesTo: () => true, check: () => Promise.reject(new Error('boom')) };
    expect(await checkHealth([broken], m365Case, now)).toMatchObject({ failures: [{ source: 'azure', reason: 'network' }] });
  });

  it('answers from the per-tenant cache within two minutes and asks again after', async () => {
    fake.routes.set(graphIssuesPath, (_req, res) => json(res, 200, { value: [graphIssue({ id: 'EX1187342' })] }));
    const { providers } = liveProviders(fake);
    const cache = new HealthCache(120_000);
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);

    const first = await checkHealth(providers, m365Case, at(0), { cache });
    const cached = await checkHealth(providers, m365Case, at(119), { cache });
    const otherTenant = await checkHealth(providers, { ...m365Case, customerTenantId: 'contoso.onmicrosoft.com' }, at(119), { cache });
    const fresh = await checkHealth(providers, m365Case, at(120), { cache });

    expect(first.items.map((i) => i.id)).toEqual(['EX1187342']);
    expect(cached).toEqual({ ...first, checkedAt: '2026-11-02T10:43:59.000Z' });
    expect(otherTenant.items).toHaveLength(1);
    expect(fresh.checkedAt).toBe('2026-11-02T10:44:00.000Z');
    expect(fake.requestsTo(graphIssuesPath)).toHaveLength(3);
  });

  it('does not cache failures, so "check again" really checks again', async () => {
    graphAnswers([403]);
    const { providers } = liveProviders(fake);
    const cache = new HealthCache(120_000);
    expect((await checkHealth(providers, m365Case, now, { cache })).failures).toEqual([{ source: 'microsoft365', reason: 'unauthorized' }]);
    expect((await checkHealth(providers, m365Case, now, { cache })).items.map((i) => i.id)).toEqual(['EX1187342']);
  });

  it('asks nobody for products without a health source', async () => {
    const { providers } = liveProviders(fake);
    expect(await checkHealth(providers, { ...m365Case, product: 'marketplace' }, now)).toEqual({
      checkedAt: '2026-11-02T10:42:00.000Z',
      items: [],
      failures: [],
      demo: false,
    });
    expect(fake.seen).toEqual([]);
  });
});
