import type { Cloud, HealthItem, HealthSource, Product } from '../flow/case.js';

/** What a health check asks about: one customer, in one cloud, for what the case concerns. */
export interface HealthQuery {
  cloud: Cloud;
  product: Product;
  customerTenantId?: string;
  customerDomain?: string;
  subscriptionId?: string;
}

/** One source's answer. A source that could not be checked says why instead of throwing. */
export type SourceResult =
  | { source: HealthSource; ok: true; items: HealthItem[] }
  | { source: HealthSource; ok: false; reason: HealthFailureReason; detail?: string };

/**
 * Reason codes are stable keys: the card turns them into a sentence in the user's language
 * (i18n keys `health.failure.<reason>`).
 */
export type HealthFailureReason =
  | 'notConfigured'
  | 'noTenant'
  | 'noSubscription'
  | 'timeout'
  | 'throttled'
  | 'unauthorized'
  | 'serverError'
  | 'malformedResponse'
  | 'network';

export interface HealthProvider {
  readonly source: HealthSource;
  /** True when this provider has something to say about the query (e.g. Azure provider only for Azure cases). */
  appliesTo(query: HealthQuery): boolean;
  check(query: HealthQuery, signal?: AbortSignal): Promise<SourceResult>;
}
