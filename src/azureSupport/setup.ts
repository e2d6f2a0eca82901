/** Builds the Azure Support adapters from config (issue 14 point 7): none when AZURE_SUPPORT_MODE is off. */
import { createTokenSource } from '../health/token.js';
import type { FetchLike } from '../health/resilience.js';
import { azureSupportConfigured, type AzureSupportEnv } from './config.js';
import type { AzureSupport } from './port.js';
import { createRestAzureSupport } from './rest.js';

export interface AzureSupportAdapters {
  /** For card clicks: waits out one short Retry-After. */
  interactive: AzureSupport;
  /** For the poll loop: never sleeps; a 429 goes back to the store with Retry-After as the next due time. */
  poller: AzureSupport;
}

export function createAzureSupportAdapters(env: AzureSupportEnv, deps: { fetch?: FetchLike } = {}): AzureSupportAdapters | undefined {
  if (!azureSupportConfigured(env)) return undefined;
  const fetchImpl: FetchLike = deps.fetch ?? ((url, init) => fetch(url, init));
  // One token source (one MSAL cache) for both, per (cloud, tenant): customer tenants and the partner's own.
  const token = createTokenSource({
    clientId: env.AZURE_SUPPORT_CLIENT_ID!,
    credential: { kind: 'secret', secret: env.AZURE_SUPPORT_CLIENT_SECRET! },
    fetch: fetchImpl,
    timeoutMs: env.AZURE_SUPPORT_TIMEOUT_MS,
    retryAfterCapMs: env.AZURE_SUPPORT_RETRY_AFTER_CAP_MS,
    ...(env.AZURE_SUPPORT_LOGIN_URL ? { loginOverride: env.AZURE_SUPPORT_LOGIN_URL } : {}),
  });
  const common = {
    token,
    fetch: fetchImpl,
    timeoutMs: env.AZURE_SUPPORT_TIMEOUT_MS,
    createWaitMs: env.AZURE_SUPPORT_CREATE_WAIT_MS,
    ...(env.AZURE_SUPPORT_PARTNER_TENANT_ID ? { partnerTenantId: env.AZURE_SUPPORT_PARTNER_TENANT_ID } : {}),
    ...(env.AZURE_SUPPORT_ARM_URL ? { armOverride: env.AZURE_SUPPORT_ARM_URL } : {}),
  };
  return {
    interactive: createRestAzureSupport({ ...common, retryAfterCapMs: env.AZURE_SUPPORT_RETRY_AFTER_CAP_MS }),
    poller: createRestAzureSupport({ ...common, retryAfterCapMs: 0 }),
  };
}
