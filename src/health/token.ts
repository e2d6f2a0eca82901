import { AsyncLocalStorage } from 'node:async_hooks';
import type { ConfidentialClientApplication, Configuration, INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { msalLibrary } from '../identity/msal.js';
import { authorityMetadata } from '../identity/authorityMetadata.js';
import type { HealthFailureReason } from './provider.js';
import { trimBaseUrl } from './clouds.js';
import { fetchWithRetry, reasonForError, reasonForStatus, type FetchLike } from './resilience.js';

/** How the partner's app proves itself to the customer tenant: a client secret or a certificate (never a password flow). */
export type ClientCredential =
  | { kind: 'secret'; secret: string }
  | { kind: 'certificate'; privateKey: string; thumbprintSha256?: string; thumbprintSha1?: string };

export interface TokenSourceOptions {
  clientId: string;
  credential: ClientCredential;
  fetch: FetchLike;
  /** Send login traffic here instead of the cloud's login host, keeping the path (tests, egress proxies). */
  loginOverride?: string;
  timeoutMs: number;
  retryAfterCapMs: number;
}

export interface TokenRequest {
  /** Real login host of the customer's cloud, e.g. https://login.microsoftonline.us. */
  loginHost: string;
  /** Customer tenant ID or one of its verified domains: the token must be issued by the customer's tenant (domain-facts §2.1). */
  tenant: string;
  scope: string;
  /** Skip MSAL's cache: the API answered 401 to the cached token (revoked or expired early), so ask Entra again once. */
  forceRefresh?: boolean;
}

export class TokenError extends Error {
  constructor(
    readonly reason: HealthFailureReason,
    detail: string,
  ) {
    super(detail);
    this.name = 'TokenError';
  }
}

export type TokenSource = (req: TokenRequest) => Promise<string>;

/** What the network client saw during one token request; MSAL swallows thrown errors into a generic code. */
interface WireOutcome {
  failure?: HealthFailureReason;
  status?: number;
}
const wire = new AsyncLocalStorage<WireOutcome>();

/**
 * MSAL's HTTP goes through our fetch so it shares the retry rules, the timeout and (in tests) the local servers.
 * The URL path is kept, so the request still names the customer tenant's authority.
 */
class ForwardingNetworkClient implements INetworkModule {
  constructor(private readonly opts: TokenSourceOptions) {}

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  private async send<T>(method: string, url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    const outcome = wire.getStore();
    const target = this.rewrite(url);
    const signal = AbortSignal.timeout(this.opts.timeoutMs);
    let response: Response;
    try {
      const init: RequestInit = { method, headers: options?.headers ?? {} };
      if (method === 'POST') init.body = options?.body ?? '';
      response = await fetchWithRetry(this.opts.fetch, target, init, { retryAfterCapMs: this.opts.retryAfterCapMs, signal });
    } catch (err) {
      if (outcome) outcome.failure = reasonForError(err, signal);
      throw err;
    }
    if (outcome) outcome.status = response.status;
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => (headers[key] = value));
    let body: unknown;
    try {
      body = await response.json();
    } catch (err) {
      if (outcome) outcome.failure = response.ok ? 'malformedResponse' : reasonForStatus(response.status);
      throw err;
    }
    return { headers, body: body as T, status: response.status };
  }

  private rewrite(url: string): string {
    if (!this.opts.loginOverride) return url;
    const u = new URL(url);
    return `${trimBaseUrl(this.opts.loginOverride)}${u.pathname}${u.search}`;
  }
}


function classify(err: unknown, outcome: WireOutcome): HealthFailureReason {
  if (outcome.failure) return outcome.failure;
  const { ServerError } = msalLibrary();
  const status = outcome.status ?? (err instanceof ServerError ? err.status : undefined);
  if (status === 429 || (status !== undefined && status >= 500)) return reasonForStatus(status);
  // MSAL replays a remembered 429/5xx (its throttling cache) as a ServerError without a status.
  if (err instanceof ServerError) {
    const text = `${err.errorCode} ${err.errorMessage}`;
    if (/temporarily_unavailable|throttl/i.test(text)) return 'throttled';
    if (/server_error/i.test(text)) return 'serverError';
  }
  // Entra answers 400/401 for an unknown app, a missing consent or a wrong secret: all "not allowed in this tenant".
  return 'unauthorized';
}

/**
 * Client-credentials tokens from the customer tenant, one MSAL application per (cloud, tenant) so MSAL's
 * own token cache serves repeats until shortly before expiry.
 */
export function createTokenSource(opts: TokenSourceOptions): TokenSource {
  const apps = new Map<string, ConfidentialClientApplication>();
  const networkClient = new ForwardingNetworkClient(opts);

  function appFor(loginHost: string, tenant: string): ConfidentialClientApplication {
    const key = `${loginHost}|${tenant.toLowerCase()}`;
    let app = apps.get(key);
    if (!app) {
      const auth: Configuration['auth'] = {
        clientId: opts.clientId,
        authority: `${trimBaseUrl(loginHost)}/${tenant}`,
        ...authorityMetadata(loginHost, tenant),
      };
      if (opts.credential.kind === 'secret') auth.clientSecret = opts.credential.secret;
      else {
        const cert = opts.credential;
        auth.clientCertificate = {
          privateKey: cert.privateKey,
          ...(cert.thumbprintSha256 ? { thumbprintSha256: cert.thumbprintSha256 } : { thumbprint: cert.thumbprintSha1 ?? '' }),
        };
      }
      app = new (msalLibrary().ConfidentialClientApplication)({
        auth,
        system: { networkClient, disableInternalRetries: true, loggerOptions: { piiLoggingEnabled: false, loggerCallback: () => undefined } },
      });
      apps.set(key, app);
    }
    return app;
  }

  return async ({ loginHost, tenant, scope, forceRefresh }) => {
    const outcome: WireOutcome = {};
    try {
      const result = await wire.run(outcome, () =>
        appFor(loginHost, tenant).acquireTokenByClientCredential({ scopes: [scope], ...(forceRefresh ? { skipCache: true } : {}) }),
      );
      if (!result?.accessToken) throw new TokenError('unauthorized', 'no access token in the answer');
      return result.accessToken;
    } catch (err) {
      if (err instanceof TokenError) throw err;
      throw new TokenError(classify(err, outcome), err instanceof Error ? err.message : String(err));
    }
  };
}
