/**
 * REST adapter for the AzureSupport port: Microsoft.Support 2024-04-01 over Azure Resource Manager, in the customer's
 * cloud (management.azure.com / management.usgovcloudapi.net / management.chinacloudapi.cn), with a client-credentials
 * token issued by the CUSTOMER tenant to the partner's app. Creating a ticket on the customer's behalf adds the
 * partner-tenant token as `x-ms-authorization-auxiliary` (domain-facts §3.1, CSP on-behalf-of).
 * A 401 renews the token once; a 429/5xx is retried once when its Retry-After fits the cap, else it surfaces as
 * `throttled` with the wait, so the poll loop can put the row back with that due time instead of sleeping.
 */
import type { z } from 'zod';
import { cloudEndpoints, defaultScope, trimBaseUrl } from '../health/clouds.js';
import { retryDelayMs, sleep as defaultSleep, type FetchLike } from '../health/resilience.js';
import { TokenError, type TokenSource } from '../health/token.js';
import {
  AzureSupportError,
  type AzureSupport,
  type AzureSupportProblem,
  type Communication,
  type CreateOutcome,
  type ListFilter,
  type NewTicket,
  type SupportTicket,
  type TicketTarget,
} from './port.js';
import {
  armErrorSchema,
  asyncOperationSchema,
  communicationPageSchema,
  namedPageSchema,
  ticketPageSchema,
  ticketSchema,
  toCommunication,
  toNamed,
  toTicket,
} from './schemas.js';

export const supportApiVersion = '2024-04-01';

export interface RestAzureSupportOptions {
  token: TokenSource;
  fetch: FetchLike;
  /** The partner's own tenant, for the auxiliary token on create. */
  partnerTenantId?: string;
  /** Base-URL override for ARM (tests, egress proxies); the token scope keeps the real cloud's resource. */
  armOverride?: string;
  timeoutMs: number;
  /** Longest Retry-After worth sleeping through once; 0 never sleeps (the poll loop reschedules instead). */
  retryAfterCapMs: number;
  /** How long createTicket follows Microsoft's long-running operation before answering `pending`. */
  createWaitMs: number;
  sleep?: (ms: number) => Promise<void>;
  nowMs?: () => number;
}

type Where = Omit<TicketTarget, 'subscriptionId'>;
const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ticket and service names are path segments: never let a typed value add a path or query. */
const namePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
/** Microsoft's words when the CSP plan cannot file through the API (issue 14: "Your support plan type is CSP…"). */
const planNotEligible = /support plan|plan type|not eligible|high[- ]?tier|supportplan/i;

function problemForStatus(status: number, message: string): AzureSupportProblem {
  if (status === 401) return 'unauthorized';
  if (status === 403) return planNotEligible.test(message) ? 'planNotEligible' : 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 429) return 'throttled';
  if (status === 400 && planNotEligible.test(message)) return 'planNotEligible';
  return 'serverError';
}

export function createRestAzureSupport(opts: RestAzureSupportOptions): AzureSupport {
  const wait = opts.sleep ?? ((ms: number) => defaultSleep(ms));
  const now = opts.nowMs ?? Date.now;

  const baseOf = (where: Where) => trimBaseUrl(opts.armOverride ?? cloudEndpoints(where.cloud).arm);

  async function tokenFor(where: Where, tenant: string, forceRefresh: boolean): Promise<string> {
    const endpoints = cloudEndpoints(where.cloud);
    try {
      return await opts.token({ loginHost: endpoints.login, tenant, scope: defaultScope(endpoints.arm), ...(forceRefresh ? { forceRefresh } : {}) });
    } catch (err) {
      const reason = err instanceof TokenError ? err.reason : 'unauthorized';
      const mapped: AzureSupportProblem = reason === 'throttled' ? 'throttled' : reason === 'timeout' ? 'timeout' : reason === 'network' ? 'network' : reason === 'serverError' ? 'serverError' : 'unauthorized';
      throw new AzureSupportError(mapped, `token for ${tenant}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** One request with the 401-renew and the single short retry; returns the final response. */
  async function send(where: Where, method: string, url: string, body?: unknown, auxiliary = false): Promise<Response> {
    if (auxiliary && !opts.partnerTenantId) throw new AzureSupportError('notConfigured', 'AZURE_SUPPORT_PARTNER_TENANT_ID is not set');
    let renewed = false;
    let retried = false;
    let token = await tokenFor(where, where.customerTenant, false);
    let aux = auxiliary ? await tokenFor(where, opts.partnerTenantId!, false) : undefined;
    for (;;) {
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
      if (aux) headers['x-ms-authorization-auxiliary'] = `Bearer ${aux}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      let res: Response;
      try {
        res = await opts.fetch(url, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}), signal: AbortSignal.timeout(opts.timeoutMs) });
      } catch (err) {
        const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
        throw new AzureSupportError(timedOut ? 'timeout' : 'network', `${method} ${new URL(url).pathname}: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (res.status === 401 && !renewed) {
        // An expired or revoked token: ask Entra for a new one once, never in a loop.
        renewed = true;
        await res.body?.cancel().catch(() => undefined);
        token = await tokenFor(where, where.customerTenant, true);
        if (auxiliary) aux = await tokenFor(where, opts.partnerTenantId!, true);
        continue;
      }
      if ((res.status === 429 || res.status >= 500) && !retried) {
        const delay = retryDelayMs(res.headers.get('retry-after'), Number.MAX_SAFE_INTEGER, now());
        if (opts.retryAfterCapMs > 0 && delay <= opts.retryAfterCapMs) {
          retried = true;
          await res.body?.cancel().catch(() => undefined);
          await wait(delay);
          continue;
        }
      }
      return res;
    }
  }

  async function failure(res: Response, what: string): Promise<never> {
    const raw = await res.text().catch(() => '');
    let message = '';
    try {
      const parsed = armErrorSchema.safeParse(JSON.parse(raw));
      if (parsed.success) message = [parsed.data.error.code, parsed.data.error.message].filter(Boolean).join(': ');
    } catch {
      message = '';
    }
    const retryAfter = res.headers.get('retry-after');
    const extra: AzureSupportError['extra'] = { status: res.status, microsoftMessage: message.slice(0, 500) };
    if (res.status === 429 || res.status >= 500) extra.retryAfterMs = retryDelayMs(retryAfter, 24 * 3_600_000, now());
    throw new AzureSupportError(problemForStatus(res.status, message), `${what}: ${res.status} ${message}`.trim(), extra);
  }

  async function json<T>(res: Response, schema: z.ZodType<T>, what: string): Promise<T> {
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new AzureSupportError('malformed', `${what}: the answer is not JSON`);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new AzureSupportError('malformed', `${what}: unexpected payload at ${first?.path.join('.') || '(root)'}: ${first?.message ?? ''}`);
    }
    return parsed.data;
  }

  /** GET a collection and follow `nextLink` on the same origin only, so the token never leaves its cloud. */
  async function all<P extends { value: unknown[]; nextLink?: string | null }>(where: Where, firstUrl: string, schema: z.ZodType<P>, what: string): Promise<P['value']> {
    const origin = new URL(firstUrl).origin;
    const items: P['value'] = [];
    let url: string | null | undefined = firstUrl;
    for (let page = 0; url; page++) {
      if (page >= 20) throw new AzureSupportError('malformed', `${what}: more than 20 pages`);
      if (new URL(url).origin !== origin) throw new AzureSupportError('malformed', `${what}: nextLink leaves ${origin}`);
      const res = await send(where, 'GET', url);
      if (!res.ok) await failure(res, what);
      const page_ = await json(res, schema, what);
      items.push(...page_.value);
      url = page_.nextLink;
    }
    return items;
  }

  function subscriptionPath(target: TicketTarget): string {
    if (!guidPattern.test(target.subscriptionId)) throw new AzureSupportError('notFound', `not a subscription ID: ${target.subscriptionId.slice(0, 60)}`);
    return `${baseOf(target)}/subscriptions/${target.subscriptionId.toLowerCase()}/providers/Microsoft.Support`;
  }
  function ticketPath(target: TicketTarget, name: string): string {
    if (!namePattern.test(name)) throw new AzureSupportError('notFound', `not a ticket name: ${name.slice(0, 60)}`);
    return `${subscriptionPath(target)}/supportTickets/${encodeURIComponent(name)}`;
  }
  const q = `api-version=${supportApiVersion}`;

  async function getTicket(target: TicketTarget, name: string): Promise<SupportTicket> {
    const res = await send(target, 'GET', `${ticketPath(target, name)}?${q}`);
    if (!res.ok) await failure(res, 'support ticket');
    return toTicket(await json(res, ticketSchema, 'support ticket'));
  }

  /** Follows Azure-AsyncOperation (or Location) until Microsoft says done, within `createWaitMs`. */
  async function awaitCreate(target: TicketTarget, res: Response, name: string): Promise<CreateOutcome> {
    const started = now();
    const monitor = res.headers.get('azure-asyncoperation') ?? res.headers.get('location');
    let delay = retryDelayMs(res.headers.get('retry-after'), opts.createWaitMs, now());
    await res.body?.cancel().catch(() => undefined);
    // The monitor URL is Microsoft's; the bearer token goes only to the cloud's own ARM origin.
    if (!monitor || new URL(monitor, baseOf(target)).origin !== new URL(baseOf(target)).origin) return { state: 'pending' };
    const url = new URL(monitor, baseOf(target)).toString();
    const isAsyncOp = Boolean(res.headers.get('azure-asyncoperation'));
    while (now() - started + delay <= opts.createWaitMs) {
      await wait(delay);
      const poll = await send(target, 'GET', url);
      if (!poll.ok && poll.status !== 202) await failure(poll, 'create operation');
      if (isAsyncOp) {
        const op = await json(poll, asyncOperationSchema, 'create operation');
        const status = op.status.toLowerCase();
        if (status === 'succeeded') return { state: 'created', ticket: await getTicket(target, name) };
        if (status === 'failed' || status === 'canceled') {
          const message = [op.error?.code, op.error?.message].filter(Boolean).join(': ');
          throw new AzureSupportError(planNotEligible.test(message) ? 'planNotEligible' : 'createFailed', `create ${status}: ${message}`, { microsoftMessage: message.slice(0, 500) });
        }
      } else if (poll.status !== 202) {
        await poll.body?.cancel().catch(() => undefined);
        return { state: 'created', ticket: await getTicket(target, name) };
      } else {
        await poll.body?.cancel().catch(() => undefined);
      }
      // Never spin: ARM may say Retry-After: 0 while the operation runs.
      delay = Math.max(retryDelayMs(poll.headers.get('retry-after'), opts.createWaitMs, now()), 250);
    }
    return { state: 'pending' };
  }

  return {
    async listTickets(target: TicketTarget, filter: ListFilter = {}): Promise<SupportTicket[]> {
      const clauses: string[] = [];
      if (filter.createdOnOrAfter) clauses.push(`createdDate ge ${filter.createdOnOrAfter.toISOString().replace(/\.\d{3}Z$/, 'Z')}`);
      if (filter.status) clauses.push(`status eq '${filter.status}'`);
      const f = clauses.length ? `&$filter=${encodeURIComponent(clauses.join(' and '))}` : '';
      const items = await all(target, `${subscriptionPath(target)}/supportTickets?${q}${f}`, ticketPageSchema, 'support tickets');
      return items.map(toTicket);
    },

    getTicket,

    async listCommunications(target: TicketTarget, name: string): Promise<Communication[]> {
      const items = await all(target, `${ticketPath(target, name)}/communications?${q}`, communicationPageSchema, 'communications');
      return items.map(toCommunication);
    },

    async listServices(where: Where) {
      const items = await all(where, `${baseOf(where)}/providers/Microsoft.Support/services?${q}`, namedPageSchema, 'support services');
      return items.map(toNamed);
    },

    async listProblemClassifications(where: Where, serviceName: string) {
      if (!namePattern.test(serviceName)) throw new AzureSupportError('notFound', `not a service name: ${serviceName.slice(0, 60)}`);
      const items = await all(where, `${baseOf(where)}/providers/Microsoft.Support/services/${encodeURIComponent(serviceName)}/problemClassifications?${q}`, namedPageSchema, 'problem classifications');
      return items.map(toNamed);
    },

    async createTicket(target: TicketTarget, t: NewTicket): Promise<CreateOutcome> {
      const contact = Object.fromEntries(Object.entries(t.contact).filter(([, v]) => v !== undefined && v !== ''));
      const body = {
        properties: {
          serviceId: t.serviceId,
          title: t.title,
          description: t.description,
          problemClassificationId: t.problemClassificationId,
          severity: t.severity,
          advancedDiagnosticConsent: t.advancedDiagnosticConsent,
          ...(t.require24X7Response !== undefined ? { require24X7Response: t.require24X7Response } : {}),
          contactDetails: contact,
        },
      };
      const res = await send(target, 'PUT', `${ticketPath(target, t.name)}?${q}`, body, true);
      if (res.status === 200 || res.status === 201) {
        return { state: 'created', ticket: toTicket(await json(res, ticketSchema, 'created support ticket')) };
      }
      if (res.status === 202) return awaitCreate(target, res, t.name);
      return failure(res, 'create support ticket');
    },
  };
}
