import { z } from 'zod';
import type { HealthItem } from '../flow/case.js';
import { cloudEndpoints, defaultScope, trimBaseUrl, type EndpointOverrides } from './clouds.js';
import { fetchAllPages } from './pages.js';
import type { HealthProvider, HealthQuery, SourceResult } from './provider.js';
import type { FetchLike } from './resilience.js';
import { byUrgency } from './service.js';
import { TokenError, type TokenSource } from './token.js';

/** Newest stable Microsoft.ResourceHealth api-version (domain-facts §2.2: stable/2025-04-01). */
export const resourceHealthApiVersion = '2025-04-01';

const eventSchema = z.object({
  name: z.string().min(1),
  properties: z.object({
    eventType: z.string(),
    status: z.string(),
    title: z.string(),
    lastUpdateTime: z.iso.datetime({ offset: true }).nullish(),
    impactStartTime: z.iso.datetime({ offset: true }).nullish(),
    impact: z
      .array(z.object({ impactedService: z.string().nullish() }))
      .nullish(),
  }),
});
type Event = z.infer<typeof eventSchema>;

const pageSchema = z.object({ value: z.array(eventSchema), nextLink: z.string().nullish() });

/**
 * Events that mean "something Microsoft knows about is wrong or needs action now" (domain-facts §2.2 eventType).
 * PlannedMaintenance, RCA and EmergingIssues are not an explanation for a customer's break-fix problem today.
 */
const keptTypes: Record<string, HealthItem['classification']> = {
  serviceissue: 'incident',
  healthadvisory: 'advisory',
  securityadvisory: 'advisory',
};

const subscriptionIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toItem(event: Event, classification: HealthItem['classification']): HealthItem {
  const p = event.properties;
  const services = [...new Set((p.impact ?? []).map((i) => i.impactedService).filter((s): s is string => !!s))];
  const updated = p.lastUpdateTime ?? p.impactStartTime;
  return {
    // The event name is the tracking ID customers and Microsoft quote (e.g. BC_1-FXZ).
    id: event.name,
    source: 'azure',
    title: p.title,
    service: services.length > 0 ? services.join(', ') : 'Azure',
    classification,
    status: 'active',
    lastUpdated: updated ? new Date(updated).toISOString() : '',
  };
}

export interface AzureProviderOptions {
  token: TokenSource;
  fetch: FetchLike;
  overrides?: EndpointOverrides;
  retryAfterCapMs: number;
}

/**
 * Azure Resource Health events of the customer's subscription, read through ARM with a token from the
 * customer tenant: a CSP admin agent holds Owner (AOBO) on CSP subscriptions, GDAP can grant Reader.
 */
export function createAzureHealthProvider(opts: AzureProviderOptions): HealthProvider {
  return {
    source: 'azure',
    appliesTo: (query) => query.product === 'azure',
    async check(query: HealthQuery, signal?: AbortSignal): Promise<SourceResult> {
      const subscription = query.subscriptionId?.trim();
      if (!subscription) return { source: 'azure', ok: false, reason: 'noSubscription' };
      if (!subscriptionIdPattern.test(subscription)) {
        return { source: 'azure', ok: false, reason: 'noSubscription', detail: `not a subscription ID: ${subscription}` };
      }
      const tenant = query.customerTenantId ?? query.customerDomain;
      if (!tenant) return { source: 'azure', ok: false, reason: 'noTenant' };
      const endpoints = cloudEndpoints(query.cloud);
      let accessToken: string;
      try {
        accessToken = await opts.token({ loginHost: endpoints.login, tenant, scope: defaultScope(endpoints.arm) });
      } catch (err) {
        const reason = err instanceof TokenError ? err.reason : 'unauthorized';
        return { source: 'azure', ok: false, reason, detail: String(err) };
      }
      const base = trimBaseUrl(opts.overrides?.arm ?? endpoints.arm);
      const result = await fetchAllPages({
        fetch: opts.fetch,
        firstUrl: `${base}/subscriptions/${subscription.toLowerCase()}/providers/Microsoft.ResourceHealth/events?api-version=${resourceHealthApiVersion}`,
        headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
        pageSchema,
        itemsOf: (page) => page.value,
        nextLinkOf: (page) => page.nextLink,
        retryAfterCapMs: opts.retryAfterCapMs,
        ...(signal ? { signal } : {}),
      });
      if (!result.ok) return { source: 'azure', ok: false, reason: result.reason, detail: result.detail };
      const items: HealthItem[] = [];
      for (const event of result.items) {
        const type = event.properties.eventType.toLowerCase();
        const classification = Object.hasOwn(keptTypes, type) ? keptTypes[type] : undefined;
        if (classification && event.properties.status.toLowerCase() === 'active') items.push(toItem(event, classification));
      }
      return { source: 'azure', ok: true, items: items.sort(byUrgency) };
    },
  };
}
