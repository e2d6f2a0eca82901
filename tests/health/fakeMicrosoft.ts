import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeLocal, listenLocal } from '../support/localHttp.js';

/** One request as the fake Microsoft cloud received it. */
export interface Seen {
  method: string;
  /** Path and query as sent. */
  path: string;
  pathname: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** For token requests: the form fields. */
  form: URLSearchParams;
}

export type Handler = (req: Seen, res: ServerResponse, base: string) => void;

/**
 * Stands in for Entra login, Microsoft Graph and ARM at the HTTP level, on 127.0.0.1.
 * Token requests (`POST /{tenant}/oauth2/v2.0/token`) get a bearer token naming tenant and scope,
 * so tests can check which token reached which API.
 */
export class FakeMicrosoft {
  readonly seen: Seen[] = [];
  readonly routes = new Map<string, Handler>();
  private server: Server | undefined;
  base = '';

  async start(): Promise<this> {
    ({ server: this.server, base: this.base } = await listenLocal((req, res, body) => {
      const pathname = new URL(req.url ?? '/', this.base).pathname;
      const seen: Seen = { method: req.method ?? '', path: req.url ?? '', pathname, headers: req.headers, body, form: new URLSearchParams(body) };
      this.seen.push(seen);
      const token = pathname.match(/^\/([^/]+)\/oauth2\/v2\.0\/token$/);
      if (token && req.method === 'POST') {
        const handler = this.routes.get('token');
        if (handler) return handler(seen, res, this.base);
        return json(res, 200, {
          token_type: 'Bearer',
          expires_in: 3599,
          ext_expires_in: 3599,
          access_token: `token-for-${token[1]}-${seen.form.get('scope')}`,
        });
      }
      const handler = this.routes.get(pathname);
      if (!handler) return json(res, 404, { error: { code: 'NotFound', message: pathname } });
      handler(seen, res, this.base);
    }));
    return this;
  }

  stop(): Promise<void> {
    return closeLocal(this.server);
  }

  requestsTo(pathname: string): Seen[] {
    return this.seen.filter((s) => s.pathname === pathname);
  }

  tokenRequests(): Seen[] {
    return this.seen.filter((s) => /\/oauth2\/v2\.0\/token$/.test(s.pathname));
  }
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * A fetch that sends every request to the fake while remembering the URL the provider meant:
 * how the national-cloud tests see real host names without DNS.
 */
export function routedFetch(fake: FakeMicrosoft, intended: string[]) {
  return (url: string, init?: RequestInit) => {
    intended.push(url);
    const u = new URL(url);
    return fetch(`${fake.base}${u.pathname}${u.search}`, init);
  };
}

export const graphIssuesPath = '/v1.0/admin/serviceAnnouncement/issues';
export const armEventsPath = (sub: string) => `/subscriptions/${sub}/providers/Microsoft.ResourceHealth/events`;

/** serviceHealthIssue in the shape Graph returns it (domain-facts §2.1 sample: PascalCase enums). */
export function graphIssue(over: Partial<Record<string, unknown>> & { id: string }): Record<string, unknown> {
  return {
    title: `Title of ${over.id}`,
    impactDescription: 'Users may be affected.',
    classification: 'Incident',
    origin: 'Microsoft',
    status: 'ServiceDegradation',
    service: 'Exchange Online',
    feature: 'Mailflow',
    featureGroup: 'E-Mail timely delivery',
    isResolved: false,
    startDateTime: '2026-11-02T08:00:00Z',
    endDateTime: null,
    lastModifiedDateTime: '2026-11-02T09:30:00.767Z',
    details: [{ name: 'NotifyInApp', value: 'True' }],
    posts: [{ createdDateTime: '2026-11-02T08:10:00Z', postType: 'Regular', description: { contentType: 'Html', content: 'Title: …' } }],
    ...over,
  };
}

/** Resource Health event in the shape of Events_ListBySubscriptionId (domain-facts §2.2). */
export function armEvent(name: string, props: Record<string, unknown>): Record<string, unknown> {
  return {
    id: `/providers/Microsoft.ResourceHealth/events/${name}`,
    name,
    type: '/providers/Microsoft.ResourceHealth/events',
    properties: {
      eventType: 'ServiceIssue',
      eventSource: 'ServiceHealth',
      status: 'Active',
      title: `Event ${name}`,
      summary: 'An outage alert is being investigated.',
      level: 'Warning',
      eventLevel: 'Informational',
      impactStartTime: '2026-11-02T07:00:00Z',
      impact: [
        {
          impactedService: 'Virtual Machines',
          impactedRegions: [{ impactedRegion: 'West Europe', status: 'Active', impactedSubscriptions: [], impactedTenants: [], lastUpdateTime: '2026-11-02T09:00:00Z' }],
        },
      ],
      isHIR: false,
      enableMicrosoftSupport: true,
      priority: 2,
      lastUpdateTime: '2026-11-02T09:00:00Z',
      ...props,
    },
  };
}
