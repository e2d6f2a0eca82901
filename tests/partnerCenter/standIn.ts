import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeLocal, listenLocal } from '../support/localHttp.js';

/**
 * Stands in for Entra's token endpoint and the Partner Center REST API on 127.0.0.1, answering with the payload
 * shapes Microsoft documents (get-a-list-of-customers, get-all-service-requests-for-a-customer; the OAuth 2.0
 * token response). Tokens name their grant so tests can tell App-only from App+User calls.
 */
export interface Seen {
  method: string;
  pathname: string;
  search: URLSearchParams;
  headers: IncomingMessage['headers'];
  form: URLSearchParams;
}

export interface CustomerFixture {
  id: string;
  name: string;
  domain: string;
  allowDelegatedAccess?: boolean;
}

/** Customer resource as the docs' sample shows it. */
export const customerResource = (c: CustomerFixture) => ({
  id: c.id,
  companyProfile: { tenantId: c.id, domain: c.domain, companyName: c.name, attributes: { objectType: 'CustomerCompanyProfile' } },
  relationshipToPartner: 'reseller',
  ...(c.allowDelegatedAccess !== undefined ? { allowDelegatedAccess: c.allowDelegatedAccess } : {}),
  attributes: { objectType: 'Customer' },
});

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

type Override = (seen: Seen, res: ServerResponse) => boolean;

export class PartnerCenterStandIn {
  readonly seen: Seen[] = [];
  customers: CustomerFixture[] = [];
  pageSize = 2;
  /** Service requests per customer tenant, as Partner Center returns them (numbers for enums, as in the docs' sample). */
  serviceRequests = new Map<string, unknown[]>();
  /** Access tokens Partner Center still accepts; a token not in here gets 401 (an expired one). */
  readonly validTokens = new Set<string>();
  /** Refresh tokens Entra accepts; each use returns a new one (rotation). */
  readonly refreshTokens = new Set<string>();
  private overrides: Override[] = [];
  private seq = 0;
  private server: Server | undefined;
  base = '';

  async start(): Promise<this> {
    ({ server: this.server, base: this.base } = await listenLocal((req, res, body) => this.handle(req, body, res)));
    return this;
  }

  stop(): Promise<void> {
    return closeLocal(this.server);
  }

  /** The next matching request gets this answer instead (once). */
  once(match: (s: Seen) => boolean, answer: (res: ServerResponse) => void): void {
    const o: Override = (s, res) => {
      if (!match(s)) return false;
      this.overrides = this.overrides.filter((x) => x !== o);
      answer(res);
      return true;
    };
    this.overrides.push(o);
  }

  tokenRequests(): Seen[] {
    return this.seen.filter((s) => s.pathname.endsWith('/oauth2/v2.0/token'));
  }

  apiRequests(prefix = '/v1/'): Seen[] {
    return this.seen.filter((s) => s.pathname.startsWith(prefix));
  }

  /** Every access token issued so far stops working: the next API call sees 401. */
  expireAccessTokens(): void {
    this.validTokens.clear();
  }

  private handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.base);
    const seen: Seen = { method: req.method ?? '', pathname: url.pathname, search: url.searchParams, headers: req.headers, form: new URLSearchParams(body) };
    this.seen.push(seen);
    for (const o of this.overrides) if (o(seen, res)) return;
    const token = url.pathname.match(/^\/([^/]+)\/oauth2\/v2\.0\/token$/);
    if (token && req.method === 'POST') return this.token(token[1]!, seen, res);
    const auth = String(req.headers.authorization ?? '');
    if (!auth.startsWith('Bearer ') || !this.validTokens.has(auth.slice(7))) return json(res, 401, { code: 401, description: 'token expired', errorName: 'Unauthorized' });
    if (url.pathname === '/v1/customers') return this.customersPage(seen, res);
    const sr = url.pathname.match(/^\/v1\/customers\/([^/]+)\/servicerequests$/);
    if (sr) {
      if (!auth.slice(7).startsWith('user-')) return json(res, 403, { code: 403, description: 'App+User authentication required' });
      const items = this.serviceRequests.get(sr[1]!) ?? [];
      return json(res, 200, { totalCount: items.length, items, attributes: { objectType: 'Collection' } });
    }
    json(res, 404, { code: 404, description: url.pathname });
  }

  private token(tenant: string, seen: Seen, res: ServerResponse): void {
    const grant = seen.form.get('grant_type');
    const n = ++this.seq;
    if (grant === 'client_credentials') {
      const access = `app-${n}`;
      this.validTokens.add(access);
      return json(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: access });
    }
    if (grant === 'refresh_token') {
      const rt = seen.form.get('refresh_token') ?? '';
      if (!this.refreshTokens.has(rt)) return json(res, 400, { error: 'invalid_grant', error_description: 'AADSTS70000: refresh token revoked', error_codes: [70000] });
      const access = `user-${n}`;
      const rotated = `rt-${n}`;
      this.validTokens.add(access);
      this.refreshTokens.add(rotated);
      const oid = '0c5e3f1a-0000-4000-8000-00000000a0a1';
      const now = Math.floor(Date.now() / 1000);
      const idToken = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ aud: seen.form.get('client_id'), iss: `https://login.microsoftonline.com/${tenant}/v2.0`, tid: tenant, oid, sub: oid, preferred_username: 'admin@partner.onmicrosoft.com', iat: now, nbf: now, exp: now + 3600, ver: '2.0' })}.`;
      return json(res, 200, {
        token_type: 'Bearer',
        scope: seen.form.get('scope'),
        expires_in: 3599,
        ext_expires_in: 3599,
        access_token: access,
        refresh_token: rotated,
        id_token: idToken,
        client_info: b64url({ uid: oid, utid: tenant }),
      });
    }
    json(res, 400, { error: 'unsupported_grant_type' });
  }

  /** Pages of `pageSize`; the next page is named by links.next with an MS-ContinuationToken header, as Microsoft documents. */
  private customersPage(seen: Seen, res: ServerResponse): void {
    const token = seen.headers['ms-continuationtoken'];
    const start = typeof token === 'string' ? Number(Buffer.from(token, 'base64').toString('utf8').replace('offset:', '')) : 0;
    const items = this.customers.slice(start, start + this.pageSize).map(customerResource);
    const nextStart = start + this.pageSize;
    const links: Record<string, unknown> = { self: { uri: `/customers?size=${seen.search.get('size')}`, method: 'GET', headers: [] } };
    if (nextStart < this.customers.length) {
      links.next = {
        uri: `/customers?size=${seen.search.get('size')}&seekOperation=Next`,
        method: 'GET',
        headers: [{ key: 'MS-ContinuationToken', value: Buffer.from(`offset:${nextStart}`).toString('base64') }],
      };
    }
    json(res, 200, { totalCount: this.customers.length, items, links, attributes: { objectType: 'Collection' } });
  }
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** Service request as the docs' sample returns it (severity and status as numbers, createdDate without a zone). */
export const serviceRequest = (id: string, title: string, status: number, createdDate: string) => ({
  title,
  severity: 2,
  id,
  status,
  primaryContact: { lastName: 'Lin', firstName: 'Mei' },
  createdDate,
  lastModifiedDate: createdDate,
  lastClosedDate: '0001-01-01T00:00:00',
  attributes: { objectType: 'ServiceRequest' },
});
