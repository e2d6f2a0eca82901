import { z } from 'zod';
import type { HealthItem } from '../flow/case.js';
import { cloudEndpoints, defaultScope, trimBaseUrl, type EndpointOverrides, type UsGovGraph } from './clouds.js';
import { fetchAllPages } from './pages.js';
import type { HealthProvider, HealthQuery, SourceResult } from './provider.js';
import type { FetchLike } from './resilience.js';
import { byUrgency } from './service.js';
import { graphProducts, serviceConcerns } from './services.js';
import { TokenError, type TokenSource } from './token.js';

/**
 * serviceHealthIssue (domain-facts §2.1). Enum fields stay plain strings: the documented values are camelCase
 * but the service answers PascalCase ("Incident", "ServiceRestored"), and new values arrive as unknownFutureValue.
 */
const issueSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  service: z.string(),
  classification: z.string(),
  status: z.string(),
  isResolved: z.boolean(),
  lastModifiedDateTime: z.iso.datetime({ offset: true }),
  feature: z.string().nullish(),
  startDateTime: z.iso.datetime({ offset: true }).nullish(),
});
type Issue = z.infer<typeof issueSchema>;

const pageSchema = z.object({
  value: z.array(issueSchema),
  '@odata.nextLink': z.string().nullish(),
});

/** Statuses that mean "over" even if an item still says isResolved: false (compared lower-cased). */
const closedStatuses = new Set(['serviceoperational', 'servicerestored', 'postincidentreviewpublished', 'falsepositive', 'resolved', 'resolvedexternal']);

/** "ServiceDegradation" → "serviceDegradation": the documented spelling, stable for i18n keys (`health.status.<status>`). */
export function documentedCase(value: string): string {
  return value.charAt(0).toLowerCase() + value.slice(1);
}

function toItem(issue: Issue): HealthItem {
  return {
    id: issue.id,
    source: 'microsoft365',
    title: issue.title,
    service: issue.service,
    classification: issue.classification.toLowerCase() === 'incident' ? 'incident' : 'advisory',
    status: documentedCase(issue.status),
    lastUpdated: new Date(issue.lastModifiedDateTime).toISOString(),
  };
}

export interface GraphProviderOptions {
  token: TokenSource;
  fetch: FetchLike;
  usgovGraph: UsGovGraph;
  overrides?: EndpointOverrides;
  retryAfterCapMs: number;
}

/**
 * Microsoft 365 service health of the customer's tenant: Graph service communications API,
 * `GET /v1.0/admin/serviceAnnouncement/issues`, app-only token issued by the customer tenant
 * (application permission ServiceHealth.Read.All consented there).
 */
export function createGraphHealthProvider(opts: GraphProviderOptions): HealthProvider {
  return {
    source: 'microsoft365',
    appliesTo: (query) => graphProducts.includes(query.product),
    async check(query: HealthQuery, signal?: AbortSignal): Promise<SourceResult> {
      const tenant = query.customerTenantId ?? query.customerDomain;
      if (!tenant) return { source: 'microsoft365', ok: false, reason: 'noTenant' };
      const endpoints = cloudEndpoints(query.cloud, opts.usgovGraph);
      let accessToken: string;
      try {
        accessToken = await opts.token({ loginHost: endpoints.login, tenant, scope: defaultScope(endpoints.graph) });
      } catch (err) {
        const reason = err instanceof TokenError ? err.reason : 'unauthorized';
        return { source: 'microsoft365', ok: false, reason, detail: String(err) };
      }
      const base = trimBaseUrl(opts.overrides?.graph ?? endpoints.graph);
      const result = await fetchAllPages({
        fetch: opts.fetch,
        firstUrl: `${base}/v1.0/admin/serviceAnnouncement/issues`,
        headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json', prefer: 'odata.maxpagesize=1000' },
        pageSchema,
        itemsOf: (page) => page.value,
        nextLinkOf: (page) => page['@odata.nextLink'],
        retryAfterCapMs: opts.retryAfterCapMs,
        ...(signal ? { signal } : {}),
      });
      if (!result.ok) return { source: 'microsoft365', ok: false, reason: result.reason, detail: result.detail };
      const items = result.items
        .filter((issue) => !issue.isResolved && !closedStatuses.has(issue.status.toLowerCase()))
        .filter((issue) => serviceConcerns(query.product, issue.service))
        .map(toItem)
        .sort(byUrgency);
      return { source: 'microsoft365', ok: true, items };
    },
  };
}
