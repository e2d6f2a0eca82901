import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHealthProviders, healthEnvSchema } from '../../src/health/config.js';
import type { HealthProvider } from '../../src/health/provider.js';
import { FakeMicrosoft, armEventsPath, graphIssuesPath, json, routedFetch } from './fakeMicrosoft.js';
import { clientId, customerTenant, subscription } from './setup.js';

let fake: FakeMicrosoft;
let intended: string[];
beforeEach(async () => {
  fake = await new FakeMicrosoft().start();
  fake.routes.set(graphIssuesPath, (_req, res) => json(res, 200, { value: [] }));
  fake.routes.set(armEventsPath(subscription), (_req, res) => json(res, 200, { value: [] }));
  intended = [];
});
afterEach(async () => {
  await fake.stop();
});

/** No host overrides: the providers choose real national-cloud hosts; the routed fetch only records them. */
function providers(usgovGraph?: 'gcchigh' | 'dod'): { graph: HealthProvider; azure: HealthProvider } {
  const env = healthEnvSchema().parse({
    HEALTH_MODE: 'live',
    HEALTH_CLIENT_ID: clientId,
    HEALTH_CLIENT_SECRET: 's',
    ...(usgovGraph ? { HEALTH_USGOV_GRAPH: usgovGraph } : {}),
  });
  const [graph, azure] = createHealthProviders(env, { fetch: routedFetch(fake, intended) });
  return { graph: graph!, azure: azure! };
}

const tokenUrl = (login: string) => `${login}/${customerTenant}/oauth2/v2.0/token`;

describe('national clouds: hosts come from the case’s cloud', () => {
  it.each([
    ['commercial', undefined, 'https://login.microsoftonline.com', 'https://graph.microsoft.com'],
    ['usgov', 'gcchigh', 'https://login.microsoftonline.us', 'https://graph.microsoft.us'],
    ['usgov', 'dod', 'https://login.microsoftonline.us', 'https://dod-graph.microsoft.us'],
    ['china21v', undefined, 'https://login.chinacloudapi.cn', 'https://microsoftgraph.chinacloudapi.cn'],
  ] as const)('Graph in %s (%s): token from %s, issues from %s', async (cloud, usgov, login, graphHost) => {
    const { graph } = providers(usgov);
    expect(await graph.check({ cloud, product: 'm365', customerTenantId: customerTenant })).toEqual({ source: 'microsoft365', ok: true, items: [] });
    expect(intended.map((u) => u.replace(/\?client-request-id=.*$/, ''))).toEqual([tokenUrl(login), `${graphHost}${graphIssuesPath}`]);
    expect(fake.tokenRequests()[0]!.form.get('scope')).toBe(`${graphHost}/.default`);
  });

  it.each([
    ['commercial', 'https://login.microsoftonline.com', 'https://management.azure.com'],
    ['usgov', 'https://login.microsoftonline.us', 'https://management.usgovcloudapi.net'],
    ['china21v', 'https://login.chinacloudapi.cn', 'https://management.chinacloudapi.cn'],
  ] as const)('Azure in %s: token from %s, events from %s', async (cloud, login, arm) => {
    const { azure } = providers();
    const result = await azure.check({ cloud, product: 'azure', customerTenantId: customerTenant, subscriptionId: subscription });
    expect(result).toEqual({ source: 'azure', ok: true, items: [] });
    expect(intended.map((u) => u.replace(/\?client-request-id=.*$/, ''))).toEqual([
      tokenUrl(login),
      `${arm}${armEventsPath(subscription)}?api-version=2025-04-01`,
    ]);
    expect(fake.tokenRequests()[0]!.form.get('scope')).toBe(`${arm}/.default`);
  });
});
