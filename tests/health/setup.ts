import { createHealthProviders, healthEnvSchema } from '../../src/health/config.js';
import type { HealthProvider } from '../../src/health/provider.js';
import type { FetchLike } from '../../src/health/resilience.js';
import type { FakeMicrosoft } from './fakeMicrosoft.js';

export const customerTenant = '6b1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
export const subscription = '0f9e8d7c-6b5a-4c3d-8e1f-a2b3c4d5e6f7';
export const clientId = '11111111-2222-4333-8444-555555555555';

/** Live providers as the bot builds them from env, with every Microsoft host pointed at the fake. */
export function liveProviders(fake: FakeMicrosoft, extraEnv: Record<string, string> = {}, fetchImpl?: FetchLike) {
  const env = healthEnvSchema().parse({
    HEALTH_MODE: 'live',
    HEALTH_CLIENT_ID: clientId,
    HEALTH_CLIENT_SECRET: 'partner-app-secret',
    HEALTH_LOGIN_URL: fake.base,
    HEALTH_GRAPH_URL: fake.base,
    HEALTH_ARM_URL: fake.base,
    HEALTH_TIMEOUT_MS: '2000',
    HEALTH_RETRY_AFTER_CAP_MS: '20',
    ...extraEnv,
  });
  const providers = createHealthProviders(env, fetchImpl ? { fetch: fetchImpl } : {});
  const bySource = (source: string): HealthProvider => {
    const p = providers.find((x) => x.source === source);
    if (!p) throw new Error(`no ${source} provider`);
    return p;
  };
  return { env, providers, graph: bySource('microsoft365'), azure: bySource('azure') };
}
