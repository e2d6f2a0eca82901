/**
 * Partner Center, as the rest of the bot sees it (issue 14 points 1–3). Ports only: the REST client, the token
 * adapter and the store implement them; src/app/ wires them. Nothing here knows HTTP, MSAL or SQL.
 */
import type { Cloud } from '../flow/case.js';

/** One of the partner's customers as Partner Center lists it (Customer resource: id, companyProfile). */
export interface PartnerCenterCustomer {
  /** Customer's Entra tenant ID, lower case. */
  tenantId: string;
  name: string;
  /** companyProfile.domain: the customer's primary (onmicrosoft.com / partner.onmschina.cn) domain. */
  domain?: string;
  cloud: Cloud;
  /** Customer.allowDelegatedAccess when Partner Center says so; otherwise unknown, so false. */
  hasAdminRights: boolean;
}

/** Where a stored customer came from: i12b's directory import uses 'file' / 'import', this sync 'partnerCenter'. */
export type CustomerSource = 'file' | 'import' | 'partnerCenter';

/** Writes a synced customer list into the store. */
export interface CustomerSink {
  upsertMany(partnerTenantId: string, customers: readonly PartnerCenterCustomer[], source: CustomerSource, at: string): Promise<number>;
  /** Removes `source` rows of the partner not written since `before` (customers Partner Center no longer lists). */
  removeStale(partnerTenantId: string, source: CustomerSource, before: string): Promise<number>;
}

/** Reads stored customers for the intake card, always inside one partner tenant. */
export interface CustomerSearch {
  search(partnerTenantId: string, query: string, page: { skip: number; top: number }): Promise<PartnerCenterCustomer[]>;
  get(partnerTenantId: string, customerTenantId: string): Promise<PartnerCenterCustomer | undefined>;
  count(partnerTenantId: string): Promise<number>;
}

/** Partner Center ServiceRequest.status (resource doc: none, open, closed, attention_needed; the SDK sends 0–3). */
export const serviceRequestStatuses = ['none', 'open', 'closed', 'attentionNeeded'] as const;
export type ServiceRequestStatus = (typeof serviceRequestStatuses)[number];

/** A customer's service request as the decide step shows it. */
export interface ExistingServiceRequest {
  /** ServiceRequest.id: the request number Microsoft and the partner quote. */
  number: string;
  title: string;
  status: ServiceRequestStatus;
  /** ISO-8601 UTC (Partner Center sends createdDate without a zone; it is UTC). */
  createdAt: string;
  severity?: 'critical' | 'moderate' | 'minimal';
}

/** Why Partner Center could not answer; each has a "partnerCenter.failure.<code>" text for the agent. */
export type PartnerCenterFailure =
  | 'notConfigured'
  | 'noUserSignIn'
  | 'unavailableInCloud'
  | 'unauthorized'
  | 'notFound'
  | 'throttled'
  | 'serverError'
  | 'timeout'
  | 'network'
  | 'malformedResponse';

export class PartnerCenterError extends Error {
  constructor(
    readonly reason: PartnerCenterFailure,
    detail: string,
  ) {
    super(detail);
    this.name = 'PartnerCenterError';
  }
}

/** The Partner Center calls the bot makes. */
export interface PartnerCenterApi {
  readonly cloud: Cloud;
  /** Every customer, all pages; throws PartnerCenterError (nothing partial is returned). */
  listCustomers(): Promise<PartnerCenterCustomer[]>;
  /** GET /v1/customers/{id}/servicerequests (App+User only). */
  serviceRequests(customerTenantId: string): Promise<ExistingServiceRequest[]>;
}
