/**
 * Partner Center tokens through @azure/msal-node: client credentials for App-only calls, and the Secure Application
 * Model refresh token (obtained once by an admin with MFA, kept sealed in the store) for App+User calls. MSAL's
 * HTTP goes through our fetch, with static authority metadata, so it never does instance discovery and tests can
 * point it at a local token endpoint. Access tokens are cached here until five minutes before they expire.
 */
import type { ConfidentialClientApplication, Configuration, INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { msalLibrary } from '../identity/msal.js';
import { authorityMetadata } from '../identity/authorityMetadata.js';
import type { Cloud } from '../flow/case.js';
import type { FetchLike } from '../health/resilience.js';
import { appOnlyScope, appUserScope, partnerCenterEndpoints } from './clouds.js';
import type { PartnerCenterTokens, TokenKind } from './client.js';
import { PartnerCenterError, type PartnerCenterFailure } from './ports.js';
import type { RefreshTokenVault } from './vault.js';

export interface TokenOptions {
  cloud: Cloud;
  /** The partner's own Entra tenant (the Partner Center account's tenant). */
  partnerTenantId: string;
  clientId: string;
  clientSecret: string;
  /** Absent when no PARTNER_CENTER_TOKEN_KEY is set: App+User calls are then unavailable. */
  vault?: RefreshTokenVault;
  fetch: FetchLike;
  /** Send login traffic here instead of the cloud's login host, keeping the path (tests, egress proxies). */
  loginOverride?: string;
  timeoutMs: number;
  clock: () => Date;
}

interface Cached {
  token: string;
  expiresAt: number;
}

/** What MSAL's network calls saw, so a failure gets a reason code rather than MSAL's generic one. */
class Wire implements INetworkModule {
  status?: number;
  failure?: PartnerCenterFailure;
  constructor(private readonly opts: TokenOptions) {}
  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options);
  }
  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }
  private async send<T>(method: string, url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    let target = url;
    if (this.opts.loginOverride) {
      const u = new URL(url);
      target = `${this.opts.loginOverride.replace(/\/+$/, '')}${u.pathname}${u.search}`;
    }
    const signal = AbortSignal.timeout(this.opts.timeoutMs);
    let res: Response;
    try {
      const init: RequestInit = { method, headers: options?.headers ?? {}, signal };
      if (method === 'POST') init.body = options?.body ?? '';
      res = await this.opts.fetch(target, init);
    } catch (err) {
      this.failure = signal.aborted ? 'timeout' : 'network';
      throw err;
    }
    this.status = res.status;
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    let body: unknown;
    try {
      body = await res.json();
    } catch (err) {
      this.failure = res.ok ? 'malformedResponse' : 'serverError';
      throw err;
    }
    return { headers, body: body as T, status: res.status };
  }
}


function reasonOf(wire: Wire): PartnerCenterFailure {
  if (wire.failure) return wire.failure;
  if (wire.status === 429) return 'throttled';
  if (wire.status !== undefined && wire.status >= 500) return 'serverError';
  // Entra answers 400/401 for a revoked or expired refresh token, a wrong secret or missing consent.
  return 'unauthorized';
}

/** The newest refresh token in MSAL's cache after a refresh: Entra may rotate it, and the old one then ages out. */
function refreshTokenIn(app: ConfidentialClientApplication): string | undefined {
  try {
    const cache = JSON.parse(app.getTokenCache().serialize()) as { RefreshToken?: Record<string, { secret?: string }> };
    return Object.values(cache.RefreshToken ?? {}).find((r) => typeof r.secret === 'string' && r.secret)?.secret;
  } catch {
    return undefined;
  }
}

export function createPartnerCenterTokens(opts: TokenOptions): PartnerCenterTokens {
  const cache = new Map<TokenKind, Cached>();
  const login = partnerCenterEndpoints[opts.cloud].login;
  const inFlight = new Map<TokenKind, Promise<string>>();

  const app = (wire: Wire) =>
    new (msalLibrary().ConfidentialClientApplication)({
      auth: { clientId: opts.clientId, clientSecret: opts.clientSecret, authority: `${login}/${opts.partnerTenantId}`, ...authorityMetadata(login, opts.partnerTenantId) },
      system: { networkClient: wire, disableInternalRetries: true, loggerOptions: { piiLoggingEnabled: false, loggerCallback: () => undefined } },
    });

  async function acquire(kind: TokenKind): Promise<string> {
    const wire = new Wire(opts);
    const client = app(wire);
    try {
      if (kind === 'app') {
        const r = await client.acquireTokenByClientCredential({ scopes: [appOnlyScope(opts.cloud)], skipCache: true });
        if (!r?.accessToken) throw new PartnerCenterError('unauthorized', 'no access token in the answer');
        cache.set(kind, { token: r.accessToken, expiresAt: r.expiresOn?.getTime() ?? opts.clock().getTime() + 30 * 60_000 });
        return r.accessToken;
      }
      const refreshToken = await opts.vault?.get().catch((err: unknown) => {
        throw new PartnerCenterError('noUserSignIn', `stored refresh token cannot be opened (wrong PARTNER_CENTER_TOKEN_KEY?): ${String(err)}`);
      });
      if (!refreshToken) throw new PartnerCenterError('noUserSignIn', 'no Secure Application Model refresh token stored');
      // forceCache: this fresh MSAL instance has no account yet, and without it MSAL drops the rotated refresh token.
      const r = await client.acquireTokenByRefreshToken({ refreshToken, scopes: [appUserScope(opts.cloud)], forceCache: true });
      if (!r?.accessToken) throw new PartnerCenterError('unauthorized', 'no access token in the answer');
      cache.set(kind, { token: r.accessToken, expiresAt: r.expiresOn?.getTime() ?? opts.clock().getTime() + 30 * 60_000 });
      const rotated = refreshTokenIn(client);
      if (rotated && rotated !== refreshToken) await opts.vault!.put(rotated);
      return r.accessToken;
    } catch (err) {
      if (err instanceof PartnerCenterError) throw err;
      throw new PartnerCenterError(reasonOf(wire), `token (${kind}): ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  return {
    async has(kind) {
      if (kind === 'app') return true;
      return Boolean(opts.vault && (await opts.vault.get().catch(() => undefined)));
    },
    async get(kind) {
      const c = cache.get(kind);
      if (c && c.expiresAt - 5 * 60_000 > opts.clock().getTime()) return c.token;
      // Concurrent callers (a sync and an agent's decide step) share one token request.
      let p = inFlight.get(kind);
      if (!p) {
        p = acquire(kind).finally(() => inFlight.delete(kind));
        inFlight.set(kind, p);
      }
      return p;
    },
    invalidate(kind) {
      cache.delete(kind);
    },
  };
}
