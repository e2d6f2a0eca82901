import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeLocal, listenLocal } from '../support/localHttp.js';

/**
 * Stands in for Entra's token endpoint and Microsoft.Support 2024-04-01 on 127.0.0.1, in the payload shapes of
 * Azure/azure-rest-api-specs …/stable/2024-04-01/examples (ListSupportTickets*, GetSubscriptionSupportTicketDetails,
 * ListCommunicationsForSubscriptionSupportTicket, ListServices, ListProblemClassifications,
 * CreateTechnicalSupportTicketForSubscription: 202 + azure-asyncoperation/location). Stateful: a created ticket can
 * be read back, and a test can give a ticket an engineer or a Microsoft communication.
 */
export interface Seen {
  method: string;
  pathname: string;
  search: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface Failure {
  status: number;
  retryAfter?: string;
  body?: unknown;
  /** Only requests whose method+path match fail (default: any ARM request). */
  match?: RegExp;
}

export const subscriptionId = '132d901f-189d-4381-9214-fe68e27e05a1';

export function ticketResource(sub: string, name: string, props: Record<string, unknown> = {}) {
  return {
    id: `/subscriptions/${sub}/providers/Microsoft.Support/supportTickets/${name}`,
    name,
    type: 'Microsoft.Support/supportTickets',
    properties: {
      supportTicketId: '119120321001170',
      description: 'my description',
      problemClassificationId: '/providers/Microsoft.Support/services/virtual_machine_service_guid/problemClassifications/problemClassification_guid',
      problemClassificationDisplayName: 'Connectivity / Cannot connect to virtual machine by using RDP or SSH',
      severity: 'moderate',
      require24X7Response: false,
      advancedDiagnosticConsent: 'Yes',
      contactDetails: {
        firstName: 'abc',
        lastName: 'xyz',
        preferredContactMethod: 'email',
        primaryEmailAddress: 'abc@contoso.com',
        preferredTimeZone: 'Pacific Standard Time',
        country: 'usa',
        preferredSupportLanguage: 'en-US',
      },
      serviceLevelAgreement: { startTime: '2026-11-20T02:00:00Z', expirationTime: '2026-11-20T06:00:00Z', slaMinutes: 240 },
      supportEngineer: { emailAddress: null },
      supportPlanType: 'Premier',
      supportPlanDisplayName: 'Premier',
      title: 'my title',
      serviceId: '/providers/Microsoft.Support/services/virtual_machine_service_guid',
      serviceDisplayName: 'Virtual Machine running Linux',
      status: 'Open',
      createdDate: '2026-11-20T02:00:00Z',
      modifiedDate: '2026-11-20T02:00:05Z',
      ...props,
    },
  };
}

export function communication(sub: string, ticket: string, name: string, props: Record<string, unknown>) {
  return {
    id: `/subscriptions/${sub}/providers/Microsoft.Support/supportTickets/${ticket}/communications/${name}`,
    name,
    type: 'Microsoft.Support/communications',
    properties: { subject: 'update', body: 'text', communicationType: 'web', communicationDirection: 'outbound', sender: 'engineer@microsoft.com', createdDate: '2026-11-20T03:00:00Z', ...props },
  };
}

export const services = [
  { id: '/providers/Microsoft.Support/services/service_guid_1', name: 'service_guid_1', type: 'Microsoft.Support/services', properties: { displayName: 'Billing', resourceTypes: [] } },
  {
    id: '/providers/Microsoft.Support/services/service_guid_6',
    name: 'service_guid_6',
    type: 'Microsoft.Support/services',
    properties: { displayName: 'Virtual Machine running Linux', resourceTypes: ['MICROSOFT.COMPUTE/VIRTUALMACHINES'] },
  },
];

export const classifications = [
  {
    id: '/providers/Microsoft.Support/services/service_guid_6/problemClassifications/problemClassification_guid_1',
    name: 'problemClassification_guid_1',
    type: 'Microsoft.Support/problemClassifications',
    properties: { displayName: 'Connectivity / Cannot connect to virtual machine by using RDP or SSH', secondaryConsentEnabled: [] },
  },
  {
    id: '/providers/Microsoft.Support/services/service_guid_6/problemClassifications/problemClassification_guid_2',
    name: 'problemClassification_guid_2',
    type: 'Microsoft.Support/problemClassifications',
    properties: { displayName: 'VM Start, Stop, Restart / My VM is not starting', secondaryConsentEnabled: [] },
  },
];

export class FakeSupportApi {
  readonly seen: Seen[] = [];
  /** subscription → ticket name → resource */
  readonly tickets = new Map<string, Map<string, any>>();
  readonly communications = new Map<string, any[]>();
  /** Tokens the API treats as expired (401). */
  readonly expired = new Set<string>();
  readonly failures: Failure[] = [];
  /** Replace a payload with something malformed: path → body. */
  readonly malformed = new Map<string, unknown>();
  /** How many times the async operation answers InProgress before Succeeded. */
  asyncInProgress = 0;
  private tokenSeq = 0;
  private server: Server | undefined;
  base = '';

  async start(): Promise<this> {
    ({ server: this.server, base: this.base } = await listenLocal((req, res, body) => this.handle(req, res, body)));
    return this;
  }

  stop(): Promise<void> {
    return closeLocal(this.server);
  }

  addTicket(sub: string, name: string, props: Record<string, unknown> = {}): any {
    const t = ticketResource(sub, name, props);
    if (!this.tickets.has(sub)) this.tickets.set(sub, new Map());
    this.tickets.get(sub)!.set(name, t);
    return t;
  }

  tokenRequests(): Seen[] {
    return this.seen.filter((s) => s.pathname.endsWith('/oauth2/v2.0/token'));
  }

  arm(): Seen[] {
    return this.seen.filter((s) => !s.pathname.endsWith('/oauth2/v2.0/token'));
  }

  private handle(req: IncomingMessage, res: ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', this.base);
    const seen: Seen = { method: req.method ?? '', pathname: url.pathname, search: url.searchParams, headers: req.headers, body };
    this.seen.push(seen);
    const token = url.pathname.match(/^\/([^/]+)\/oauth2\/v2\.0\/token$/);
    if (token) {
      return send(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: `tok-${token[1]}-${++this.tokenSeq}` });
    }
    const bearer = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!bearer) return send(res, 401, { error: { code: 'AuthenticationFailed', message: 'no token' } });
    if (this.expired.has(bearer)) return send(res, 401, { error: { code: 'ExpiredAuthenticationToken', message: 'The access token expiry UTC time is earlier than current UTC time.' } });
    const key = `${req.method} ${url.pathname}`;
    const fi = this.failures.findIndex((f) => !f.match || f.match.test(key));
    if (fi >= 0) {
      const f = this.failures.splice(fi, 1)[0]!;
      return send(res, f.status, f.body ?? { error: { code: 'Stubbed', message: `stubbed ${f.status}` } }, f.retryAfter ? { 'retry-after': f.retryAfter } : {});
    }
    if (this.malformed.has(url.pathname)) return send(res, 200, this.malformed.get(url.pathname));

    let m: RegExpMatchArray | null;
    if (url.pathname === '/providers/Microsoft.Support/services') return send(res, 200, { value: services });
    if ((m = url.pathname.match(/^\/providers\/Microsoft\.Support\/services\/([^/]+)\/problemClassifications$/))) {
      return send(res, 200, { value: classifications.filter((c) => c.id.includes(`/services/${m![1]}/`)) });
    }
    if ((m = url.pathname.match(/^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Support\/operationsStatus\/([^/]+)$/))) {
      if (this.asyncInProgress > 0) {
        this.asyncInProgress--;
        return send(res, 200, { status: 'InProgress' }, { 'retry-after': '0' });
      }
      return send(res, 200, { status: 'Succeeded' });
    }
    if ((m = url.pathname.match(/^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Support\/supportTickets$/))) {
      const all = [...(this.tickets.get(m[1]!)?.values() ?? [])];
      return send(res, 200, { value: all });
    }
    if ((m = url.pathname.match(/^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Support\/supportTickets\/([^/]+)\/communications$/))) {
      return send(res, 200, { value: this.communications.get(`${m[1]}/${m[2]}`) ?? [] });
    }
    if ((m = url.pathname.match(/^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Support\/supportTickets\/([^/]+)$/))) {
      const [, sub, name] = m as unknown as [string, string, string];
      if (req.method === 'PUT') {
        const props = JSON.parse(body).properties;
        this.addTicket(sub, name, {
          ...props,
          supportTicketId: '2611200010000042',
          createdDate: '2026-11-20T02:05:00Z',
          status: 'Open',
          serviceLevelAgreement: { startTime: '2026-11-20T02:05:00Z', expirationTime: '2026-11-20T04:05:00Z', slaMinutes: 120 },
        });
        return send(res, 202, '', {
          location: `${this.base}/subscriptions/${sub}/providers/Microsoft.Support/operationResults/op1?api-version=2024-04-01`,
          'azure-asyncoperation': `${this.base}/subscriptions/${sub}/providers/Microsoft.Support/operationsStatus/op1?api-version=2024-04-01`,
        });
      }
      const t = this.tickets.get(sub)?.get(name);
      if (!t) return send(res, 404, { error: { code: 'ResourceNotFound', message: `ticket ${name} not found` } });
      return send(res, 200, t);
    }
    return send(res, 404, { error: { code: 'NotFound', message: url.pathname } });
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(body === '' ? '' : JSON.stringify(body));
}

/** The 403 Microsoft gives a CSP customer without a qualifying plan (issue 14, quoted). */
export const planNotEligibleBody = {
  error: {
    code: 'SupportPlanNotEligible',
    message:
      'Your support plan type is CSP. To create a support ticket via API you need access to our high tier-support plans. Please visit the Azure portal to create a support ticket.',
  },
};
