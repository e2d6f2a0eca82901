import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeMicrosoft, armEvent, armEventsPath, json } from './fakeMicrosoft.js';
import { customerTenant, liveProviders, subscription } from './setup.js';

let fake: FakeMicrosoft;
beforeEach(async () => {
  fake = await new FakeMicrosoft().start();
});
afterEach(async () => {
  await fake.stop();
});

const azureCase = { cloud: 'commercial' as const, product: 'azure' as const, customerTenantId: customerTenant, subscriptionId: subscription };

describe('Azure Resource Health events', () => {
  it('keeps active service issues, health and security advisories across pages, with the tracking ID', async () => {
    fake.routes.set(armEventsPath(subscription), (req, res, base) => {
      if (!req.path.includes('skipToken')) {
        return json(res, 200, {
          value: [
            armEvent('BC_1-FXZ', { title: 'ACTIVE: Virtual machines in West US', lastUpdateTime: '2026-11-02T09:00:00Z' }),
            armEvent('PM_2-AAA', { eventType: 'PlannedMaintenance' }),
            armEvent('RS_3-BBB', { status: 'Resolved' }),
          ],
          nextLink: `${base}${armEventsPath(subscription)}?api-version=2025-04-01&$skipToken=2`,
        });
      }
      json(res, 200, {
        value: [
          armEvent('HA_4-CCC', {
            eventType: 'HealthAdvisory',
            title: 'Action recommended for AKS',
            lastUpdateTime: '2026-11-01T12:00:00Z',
            impact: [{ impactedService: 'Azure Kubernetes Service' }, { impactedService: 'Azure Kubernetes Service' }],
          }),
          armEvent('SA_5-DDD', { eventType: 'securityadvisory', status: 'active', title: 'Security advisory', lastUpdateTime: '2026-10-30T12:00:00Z', impact: [] }),
          armEvent('RC_6-EEE', { eventType: 'RCA' }),
          armEvent('EI_7-FFF', { eventType: 'EmergingIssues' }),
        ],
        nextLink: null,
      });
    });
    const { azure } = liveProviders(fake);

    const result = await azure.check(azureCase);

    expect(result).toEqual({
      source: 'azure',
      ok: true,
      items: [
        {
          id: 'BC_1-FXZ',
          source: 'azure',
          title: 'ACTIVE: Virtual machines in West US',
          service: 'Virtual Machines',
          classification: 'incident',
          status: 'active',
          lastUpdated: '2026-11-02T09:00:00.000Z',
        },
        {
          id: 'HA_4-CCC',
          source: 'azure',
          title: 'Action recommended for AKS',
          service: 'Azure Kubernetes Service',
          classification: 'advisory',
          status: 'active',
          lastUpdated: '2026-11-01T12:00:00.000Z',
        },
        {
          id: 'SA_5-DDD',
          source: 'azure',
          title: 'Security advisory',
          service: 'Azure',
          classification: 'advisory',
          status: 'active',
          lastUpdated: '2026-10-30T12:00:00.000Z',
        },
      ],
    });
    expect(fake.requestsTo(armEventsPath(subscription)).map((r) => r.path)).toEqual([
      `${armEventsPath(subscription)}?api-version=2025-04-01`,
      `${armEventsPath(subscription)}?api-version=2025-04-01&$skipToken=2`,
    ]);
    const [token] = fake.tokenRequests();
    expect(token!.pathname).toBe(`/${customerTenant}/oauth2/v2.0/token`);
    expect(token!.form.get('scope')).toBe('https://management.azure.com/.default');
    expect(fake.requestsTo(armEventsPath(subscription))[0]!.headers.authorization).toBe(
      `Bearer token-for-${customerTenant}-https://management.azure.com/.default`,
    );
  });

  it('says noSubscription without calling anyone when the case has no subscription ID', async () => {
    const { azure } = liveProviders(fake);
    expect(await azure.check({ ...azureCase, subscriptionId: undefined })).toEqual({ source: 'azure', ok: false, reason: 'noSubscription' });
    expect(await azure.check({ ...azureCase, subscriptionId: 'not-a-guid/../x' })).toMatchObject({ ok: false, reason: 'noSubscription' });
    expect(fake.seen).toEqual([]);
  });

  it('turns ARM’s 403 AuthorizationFailed into unauthorized', async () => {
    fake.routes.set(armEventsPath(subscription), (_req, res) =>
      json(res, 403, { error: { code: 'AuthorizationFailed', message: 'does not have authorization to perform action' } }),
    );
    const { azure } = liveProviders(fake);
    expect(await azure.check(azureCase)).toMatchObject({ source: 'azure', ok: false, reason: 'unauthorized' });
  });

  it('applies to Azure cases only', () => {
    const { azure, graph } = liveProviders(fake);
    expect(azure.appliesTo(azureCase)).toBe(true);
    expect(azure.appliesTo({ ...azureCase, product: 'm365' })).toBe(false);
    expect(graph.appliesTo(azureCase)).toBe(false);
    expect(graph.appliesTo({ ...azureCase, product: 'billing' })).toBe(false);
  });
});
