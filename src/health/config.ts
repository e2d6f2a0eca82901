import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { HealthCheck } from '../flow/case.js';
import { createAzureHealthProvider } from './azure.js';
import type { EndpointOverrides } from './clouds.js';
import { createDemoHealthProvider } from './demo.js';
import { createGraphHealthProvider } from './graph.js';
import type { HealthProvider, HealthQuery, SourceResult } from './provider.js';
import { HealthCache, type FetchLike } from './resilience.js';
import { checkHealth, defaultHealthCacheTtlMs, defaultHealthTimeoutMs, type CheckHealthOptions } from './service.js';
import { graphProducts } from './services.js';
import { createTokenSource, type ClientCredential } from './token.js';

/** `.env` files leave unset values as empty strings; treat them as absent. */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = z.preprocess(blankToUndefined, z.string().trim().optional());
const optionalUrl = z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/ }).optional());
const millis = (fallback: number) => z.preprocess(blankToUndefined, z.coerce.number().int().nonnegative().default(fallback));

/**
 * Health settings; the integrator merges this fragment into the main env schema (`.extend(healthEnvSchema().shape)`).
 * demo: invented data labelled as such; live: Microsoft Graph + Azure Resource Health; off: no health step data.
 */
// Built when called: the env is parsed once at startup, and a module-level schema would stay in the heap for good.
export const healthEnvSchema = () =>
  z.object({
  HEALTH_MODE: z.preprocess(blankToUndefined, z.enum(['demo', 'live', 'off']).default('demo')),
  /** Application (client) ID of the partner's multi-tenant app registration. */
  HEALTH_CLIENT_ID: optionalText,
  HEALTH_CLIENT_SECRET: optionalText,
  /** PEM file holding the certificate and its private key (preferred over a secret when both are set). */
  HEALTH_CERT_PATH: optionalText,
  /** SHA-256 (64 hex) or SHA-1 (40 hex) thumbprint; computed from the certificate in HEALTH_CERT_PATH when left out. */
  HEALTH_CERT_THUMBPRINT: z.preprocess(
    (v) => (typeof v === 'string' ? blankToUndefined(v.replace(/[:\s]/g, '')) : v),
    z.string().regex(/^([0-9a-fA-F]{40}|[0-9a-fA-F]{64})$/, 'a 40 or 64 hex-digit thumbprint').optional(),
  ),
  /** US Government customers' Microsoft 365 environment: GCC High (graph.microsoft.us) or DoD (dod-graph.microsoft.us). */
  HEALTH_USGOV_GRAPH: z.preprocess(blankToUndefined, z.enum(['gcchigh', 'dod']).default('gcchigh')),
  HEALTH_TIMEOUT_MS: millis(defaultHealthTimeoutMs),
  HEALTH_RETRY_AFTER_CAP_MS: millis(2000),
  /** 0 turns the cache off. */
  HEALTH_CACHE_TTL_MS: millis(defaultHealthCacheTtlMs),
  /** Base-URL overrides for every cloud (tests, egress proxies); token scopes keep the real resource. */
  HEALTH_GRAPH_URL: optionalUrl,
  HEALTH_LOGIN_URL: optionalUrl,
  HEALTH_ARM_URL: optionalUrl,
});
export type HealthEnv = z.infer<ReturnType<typeof healthEnvSchema>>;

export interface HealthDeps {
  fetch?: FetchLike;
  /** Clock for the demo provider's "last updated" times. */
  clock?: () => Date;
  readFile?: (path: string) => string;
}

function notConfigured(source: 'microsoft365' | 'azure', appliesTo: (q: HealthQuery) => boolean): HealthProvider {
  const result: SourceResult = {
    source,
    ok: false,
    reason: 'notConfigured',
    detail: 'set HEALTH_CLIENT_ID and HEALTH_CLIENT_SECRET or HEALTH_CERT_PATH',
  };
  return { source, appliesTo, check: async () => result };
}

/** The private key and thumbprint MSAL needs for a certificate credential, from one PEM file. */
export function certificateCredential(pem: string, thumbprint?: string): ClientCredential {
  const key = pem.match(/-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/)?.[0];
  if (!key) throw new Error('HEALTH_CERT_PATH: no unencrypted PRIVATE KEY block in the PEM file');
  let print = thumbprint;
  if (!print) {
    const cert = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)?.[0];
    if (!cert) throw new Error('HEALTH_CERT_PATH: no CERTIFICATE block; add it or set HEALTH_CERT_THUMBPRINT');
    print = new X509Certificate(cert).fingerprint256.replace(/:/g, '');
  }
  return print.length === 64
    ? { kind: 'certificate', privateKey: key, thumbprintSha256: print }
    : { kind: 'certificate', privateKey: key, thumbprintSha1: print };
}

function credentialFrom(env: HealthEnv, readFile: (path: string) => string): ClientCredential | undefined {
  if (env.HEALTH_CERT_PATH) return certificateCredential(readFile(env.HEALTH_CERT_PATH), env.HEALTH_CERT_THUMBPRINT);
  if (env.HEALTH_CLIENT_SECRET) return { kind: 'secret', secret: env.HEALTH_CLIENT_SECRET };
  return undefined;
}

const graphApplies = (q: HealthQuery) => graphProducts.includes(q.product);
const azureApplies = (q: HealthQuery) => q.product === 'azure';

/**
 * Providers from config. The demo provider only in demo mode; live mode without credentials still answers,
 * with `notConfigured`, so the health step can say which settings enable live checks.
 * A certificate path that cannot be read or parsed throws: a broken deployment should fail at start-up.
 */
export function createHealthProviders(env: HealthEnv, deps: HealthDeps = {}): HealthProvider[] {
  if (env.HEALTH_MODE === 'off') return [];
  if (env.HEALTH_MODE === 'demo') return [createDemoHealthProvider(deps.clock)];
  const credential = credentialFrom(env, deps.readFile ?? ((p) => readFileSync(p, 'utf8')));
  if (!env.HEALTH_CLIENT_ID || !credential) return [notConfigured('microsoft365', graphApplies), notConfigured('azure', azureApplies)];
  const fetchImpl: FetchLike = deps.fetch ?? ((url, init) => fetch(url, init));
  const retryAfterCapMs = env.HEALTH_RETRY_AFTER_CAP_MS;
  const token = createTokenSource({
    clientId: env.HEALTH_CLIENT_ID,
    credential,
    fetch: fetchImpl,
    timeoutMs: env.HEALTH_TIMEOUT_MS,
    retryAfterCapMs,
    ...(env.HEALTH_LOGIN_URL ? { loginOverride: env.HEALTH_LOGIN_URL } : {}),
  });
  const overrides: EndpointOverrides = {
    ...(env.HEALTH_GRAPH_URL ? { graph: env.HEALTH_GRAPH_URL } : {}),
    ...(env.HEALTH_ARM_URL ? { arm: env.HEALTH_ARM_URL } : {}),
  };
  return [
    createGraphHealthProvider({ token, fetch: fetchImpl, usgovGraph: env.HEALTH_USGOV_GRAPH, overrides, retryAfterCapMs }),
    createAzureHealthProvider({ token, fetch: fetchImpl, overrides, retryAfterCapMs }),
  ];
}

export interface HealthChecker {
  readonly providers: readonly HealthProvider[];
  check(query: HealthQuery, now: Date): Promise<HealthCheck>;
}

/** Providers plus the timeout and per-tenant cache from config: what the health step calls. */
export function createHealthChecker(
  env: HealthEnv,
  deps: HealthDeps = {},
  onFailure?: CheckHealthOptions['onFailure'],
): HealthChecker {
  const providers = createHealthProviders(env, deps);
  const opts: CheckHealthOptions = { timeoutMs: env.HEALTH_TIMEOUT_MS };
  if (env.HEALTH_CACHE_TTL_MS > 0) opts.cache = new HealthCache(env.HEALTH_CACHE_TTL_MS);
  if (onFailure) opts.onFailure = onFailure;
  return { providers, check: (query, now) => checkHealth(providers, query, now, opts) };
}
