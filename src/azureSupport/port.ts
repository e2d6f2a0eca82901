/**
 * The Azure Support API as the domain needs it (issue 14 points 4, 5): list and read a customer subscription's
 * support tickets and their communications, list Microsoft's services and problem classifications, create a ticket.
 * Implemented by the REST adapter (rest.ts) and, in tests, by HTTP stand-ins behind that same adapter.
 */
import type { Cloud } from '../flow/case.js';

/** Whose ticket: the customer's tenant (the token's issuer) and the Azure subscription it lives in. */
export interface TicketTarget {
  cloud: Cloud;
  /** Customer tenant ID or verified domain. */
  customerTenant: string;
  subscriptionId: string;
}

export interface SupportTicket {
  /** ARM resource name (path segment). */
  name: string;
  /** Microsoft's ticket number. */
  supportTicketId?: string;
  title: string;
  status: string;
  severity: string;
  createdDate?: string;
  modifiedDate?: string;
  slaStartTime?: string;
  slaExpiresAt?: string;
  slaMinutes?: number;
  /** Present once a Microsoft engineer owns the ticket. */
  engineerEmail?: string;
  serviceDisplayName?: string;
  problemClassificationDisplayName?: string;
}

export interface Communication {
  name: string;
  /** outbound: from Microsoft to the customer/partner; inbound: from them to Microsoft. */
  direction: string;
  sender?: string;
  createdDate: string;
}

export interface SupportService {
  /** Full id, /providers/Microsoft.Support/services/{guid}: what a new ticket's serviceId must be. */
  id: string;
  name: string;
  displayName: string;
}

export interface ProblemClassification {
  /** Full id, …/services/{svc}/problemClassifications/{guid}: what a new ticket's problemClassificationId must be. */
  id: string;
  name: string;
  displayName: string;
}

export type ApiSeverity = 'minimal' | 'moderate' | 'critical' | 'highestcriticalimpact';

export interface TicketContact {
  firstName: string;
  lastName: string;
  primaryEmailAddress: string;
  phoneNumber?: string;
  preferredContactMethod: 'email' | 'phone';
  preferredTimeZone: string;
  country: string;
  preferredSupportLanguage: string;
}

export interface NewTicket {
  name: string;
  serviceId: string;
  problemClassificationId: string;
  title: string;
  description: string;
  severity: ApiSeverity;
  advancedDiagnosticConsent: 'Yes' | 'No';
  contact: TicketContact;
  /** Sev A tickets ask for 24x7 engagement (Microsoft may lower the severity without it). */
  require24X7Response?: boolean;
}

/** Microsoft's long-running create either finished within the wait, or is still running (the poller completes it). */
export type CreateOutcome = { state: 'created'; ticket: SupportTicket } | { state: 'pending' };

/** Stable reason codes; cards turn them into a sentence in the agent's language (azureSupport.problem.<reason>). */
export type AzureSupportProblem =
  | 'notConfigured'
  | 'unauthorized'
  | 'forbidden'
  | 'planNotEligible'
  | 'notFound'
  | 'throttled'
  | 'serverError'
  | 'malformed'
  | 'network'
  | 'timeout'
  | 'createFailed';

export class AzureSupportError extends Error {
  constructor(
    readonly reason: AzureSupportProblem,
    detail: string,
    readonly extra: { status?: number; retryAfterMs?: number; microsoftMessage?: string } = {},
  ) {
    super(detail);
    this.name = 'AzureSupportError';
  }
}

export interface ListFilter {
  status?: 'Open' | 'Closed';
  createdOnOrAfter?: Date;
}

export interface AzureSupport {
  listTickets(target: TicketTarget, filter?: ListFilter): Promise<SupportTicket[]>;
  getTicket(target: TicketTarget, name: string): Promise<SupportTicket>;
  listCommunications(target: TicketTarget, name: string): Promise<Communication[]>;
  listServices(where: Omit<TicketTarget, 'subscriptionId'>): Promise<SupportService[]>;
  listProblemClassifications(where: Omit<TicketTarget, 'subscriptionId'>, serviceName: string): Promise<ProblemClassification[]>;
  createTicket(target: TicketTarget, ticket: NewTicket): Promise<CreateOutcome>;
}
