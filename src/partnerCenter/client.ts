/**
 * Partner Center REST client (issue 14 point 1): plain fetch, no archived SDK. Every answer is parsed with zod;
 * an expired token (401) is renewed once; 429 / 5xx wait for Retry-After (capped) and try again a bounded number of
 * times; a timeout or network error is a reason code, never a hang.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Cloud } from '../flow/case.js';
import { retryDelayMs, sleep, type FetchLike } from '../health/resilience.js';
import { partnerCenterEndpoints } from './clouds.js';
import { PartnerCenterError, type ExistingServiceRequest, type PartnerCenterApi, type PartnerCenterCustomer } from './ports.js';
import { customerPageSchema, describeIssues, serviceRequestPageSchema } from './schemas.js';

/** App-only where Partner Center allows it (customer list), App+User (Secure Application Model) where it must. */
export type TokenKind = 'app' | 'user';

export interface PartnerCenterTokens {
  /** Whether this kind can be asked for at all (a client secret for 'app'; a stored refresh token for 'user'). */
  has(kind: TokenKind): Promise<boolean>;
  get(kind: TokenKind): Promise<string>;
  /** Forget a cached access token that Partner Center refused, so the next get() asks Entra again. */
  invalidate(kind: TokenKind): void;
}

export interface ClientOptions {
  cloud: Cloud;
  tokens: PartnerCenterTokens;
  fetch: FetchLike;
  /** Send REST traffic here instead of the cloud's host, keeping path and query (tests, egress proxies). */
  apiOverride?: string;
  timeoutMs: number;
  retryAfterCapMs: number;
  /** Tries after a 429/5xx before giving up. */
  maxRetries: number;
  pageSize: number;
  nowMs?: () => number;
}

const maxPages = 2_000;

export class PartnerCenterClient implements PartnerCenterApi {
  readonly cloud: Cloud;
  private readonly base: string;

  constructor(private readonly opts: ClientOptions) {
    this.cloud = opts.cloud;
    this.base = (opts.apiOverride ?? partnerCenterEndpoints[opts.cloud].api).replace(/\/+$/, '');
  }

  async listCustomers(): Promise<PartnerCenterCustomer[]> {
    const kind: TokenKind = (await this.opts.tokens.has('app')) ? 'app' : 'user';
    const out = new Map<string, PartnerCenterCustomer>();
    let url = `${this.base}/v1/customers?size=${this.opts.pageSize}`;
    let continuation: string | undefined;
    const seenTokens = new Set<string>();
    for (let page = 0; page < maxPages; page++) {
      const body = await this.get(url, kind, customerPageSchema, continuation ? { 'MS-ContinuationToken': continuation } : {}, `customers page ${page + 1}`);
      for (const item of body.items) {
        const tenantId = (item.companyProfile.tenantId ?? item.id).toLowerCase();
        const c: PartnerCenterCustomer = { tenantId, name: item.companyProfile.companyName, cloud: this.cloud, hasAdminRights: item.allowDelegatedAccess === true };
        const domain = item.companyProfile.domain?.trim().toLowerCase();
        if (domain) c.domain = domain;
        out.set(tenantId, c);
      }
      const next = body.links?.next;
      if (!next) return [...out.values()];
      continuation = next.headers.find((h) => h.key.toLowerCase() === 'ms-continuationtoken')?.value;
      if (continuation !== undefined) {
        if (seenTokens.has(continuation)) throw new PartnerCenterError('malformedResponse', `customers page ${page + 1}: links.next repeats an earlier continuation token`);
        seenTokens.add(continuation);
      }
      url = this.resolve(next.uri);
    }
    throw new PartnerCenterError('malformedResponse', `customers: more than ${maxPages} pages`);
  }

  async serviceRequests(customerTenantId: string): Promise<ExistingServiceRequest[]> {
    if (!partnerCenterEndpoints[this.cloud].serviceRequests) throw new PartnerCenterError('unavailableInCloud', `service requests are not offered in ${this.cloud}`);
    const url = `${this.base}/v1/customers/${encodeURIComponent(customerTenantId)}/servicerequests`;
    const body = await this.get(url, 'user', serviceRequestPageSchema, {}, 'service requests');
    return body.items.map((i) => {
      const r: ExistingServiceRequest = { number: i.id, title: i.title?.trim() ?? '', status: i.status, createdAt: i.createdDate };
      if (i.severity) r.severity = i.severity;
      return r;
    });
  }

  /** `links.next.uri` is relative to the API root, with or without the /v1 prefix (both appear in Microsoft's samples). */
  private resolve(uri: string): string {
    if (/^https?:\/\//i.test(uri)) {
      // An absolute link is followed only on our own host: a token must never be sent elsewhere.
      const u = new URL(uri);
      return `${this.base}${u.pathname}${u.search}`;
    }
    const path = uri.startsWith('/') ? uri : `/${uri}`;
    return `${this.base}${path.startsWith('/v1/') ? path : `/v1${path}`}`;
  }

  private async get<S extends z.ZodType>(url: string, kind: TokenKind, schema: S, extra: Record<string, string>, what: string): Promise<z.infer<S>> {
    const { opts } = this;
    let renewed = false;
    let retries = 0;
    for (;;) {
      const token = await opts.tokens.get(kind);
      const signal = AbortSignal.timeout(opts.timeoutMs);
      let res: Response;
      try {
        res = await opts.fetch(url, {
          method: 'GET',
          headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'MS-RequestId': randomUUID(), 'MS-CorrelationId': randomUUID(), ...extra },
          signal,
        });
      } catch (err) {
        const timedOut = signal.aborted || (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'));
        throw new PartnerCenterError(timedOut ? 'timeout' : 'network', `${what}: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (res.status === 401 && !renewed) {
        // An access token can expire or be revoked between our cache and Partner Center: renew it once.
        await res.body?.cancel().catch(() => undefined);
        opts.tokens.invalidate(kind);
        renewed = true;
        continue;
      }
      if ((res.status === 429 || res.status >= 500) && retries < opts.maxRetries) {
        const delay = retryDelayMs(res.headers.get('retry-after'), opts.retryAfterCapMs, (opts.nowMs ?? Date.now)());
        await res.body?.cancel().catch(() => undefined);
        retries++;
        await sleep(delay);
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        const reason = res.status === 401 || res.status === 403 ? 'unauthorized' : res.status === 404 ? 'notFound' : res.status === 429 ? 'throttled' : 'serverError';
        throw new PartnerCenterError(reason, `${what}: HTTP ${res.status}`);
      }
      let json: unknown;
      try {
        json = await res.json();
      } catch {
        throw new PartnerCenterError('malformedResponse', `${what}: the answer is not JSON`);
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new PartnerCenterError('malformedResponse', `${what}: ${describeIssues(parsed.error)}`);
      return parsed.data;
    }
  }
}
