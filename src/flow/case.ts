/**
 * The case: the whole state of one customer problem, from intake to close.
 * Plain data only (stored as JSON, rendered into cards); no botbuilder, no I/O.
 * Times are ISO-8601 UTC strings so a case survives JSON and both store engines unchanged.
 */

/** Which Partner Center the partner works in (seeds 001, 003: the three "Applies to" lines). */
export const clouds = ['commercial', 'usgov', 'china21v'] as const;
export type Cloud = (typeof clouds)[number];

/** What the problem concerns. Seeds 001: Azure vs "Office 365, Dynamics 365, Enterprise Mobility Suite", marketplace, billing, fraud, own tenant. */
export const products = ['azure', 'm365', 'dynamics365', 'ems', 'marketplace', 'billing', 'fraud', 'ownTenant'] as const;
export type Product = (typeof products)[number];

/** Seed 001 FAQ: severity A/B/C for break-fix incidents; "in scope but not break-fix" has up to one business day. */
export const severities = ['A', 'B', 'C', 'nonBreakFix'] as const;
export type Severity = (typeof severities)[number];

/** Seed 001 FAQ: response times hold for English; local-language support only in business hours. */
export const supportLanguages = ['english', 'local'] as const;
export type SupportLanguage = (typeof supportLanguages)[number];

/** Partner Center roles named in the seeds' "Appropriate roles". */
export const partnerRoles = ['adminAgent', 'helpdeskAgent', 'salesAgent', 'globalAdmin', 'userAdmin'] as const;
export type PartnerRole = (typeof partnerRoles)[number];

/** Seed 002: the only categories Microsoft expects partners to hand off (plus billing disputes and fraud, seed 001). */
export const escalationReasons = [
  'undocumentedProblem',
  'serviceUnavailable',
  'bugOrIrregularity',
  'networkDisruption',
  'regionalMultiTenant',
  'billingDispute',
  'fraudConcern',
] as const;
export type EscalationReason = (typeof escalationReasons)[number];

export const caseSteps = [
  'intake',
  'health',
  'troubleshoot',
  'decide',
  'escalated',
  'waitingOnIsv',
  'ownTenant',
  'knownIncident',
  'resolvedByPartner',
  'closed',
] as const;
export type CaseStep = (typeof caseSteps)[number];

/** Where a case list continues: the last case shown, by the list's sort order (most recently updated, then id). */
export interface CaseListPlace {
  updatedAt: string;
  id: string;
}

/** Someone acting in Teams. `id` is the Teams user id (29:…), `aadObjectId` when Teams gives it (used for mentions). */
export interface Actor {
  id: string;
  name: string;
  aadObjectId?: string;
}

export interface Customer {
  name: string;
  /** Customer's Entra tenant ID (GUID), lower case. */
  tenantId?: string;
  /** Primary domain, e.g. contoso.onmicrosoft.com or contoso.partner.onmschina.cn. */
  domain?: string;
  /** Optional Azure subscription the problem is in (GUID). */
  subscriptionId?: string;
}

export interface Relationship {
  hasAdminRights: boolean;
  azureOnly: boolean;
  indirectReseller: boolean;
  role: PartnerRole;
}

export interface Intake {
  customer: Customer;
  cloud: Cloud;
  product: Product;
  /** For marketplace cases: the product name as the agent typed it. */
  marketplaceProduct?: string;
  symptoms: string;
  severity: Severity;
  supportLanguage: SupportLanguage;
  relationship: Relationship;
}

export type HealthSource = 'demo' | 'microsoft365' | 'azure';

/** One active incident or advisory a health provider returned. */
export interface HealthItem {
  id: string;
  source: HealthSource;
  title: string;
  service: string;
  classification: 'incident' | 'advisory';
  status: string;
  lastUpdated: string;
  link?: string;
}

/** Evidence of one health check, kept on the case (DESIGN §2.2: "nothing found at 10:42" counts). */
export interface HealthCheck {
  checkedAt: string;
  items: HealthItem[];
  /** Sources that could not be checked, with a short reason code, so the card says which and why. */
  failures: { source: HealthSource; reason: string }[];
  /** True when the items came from the demo provider, so cards label them as demo data. */
  demo: boolean;
}

export interface Troubleshooting {
  /** Checklist item keys the agent ticked (keys from the product's checklist data). */
  tried: string[];
  notes: string;
}

export interface Decision {
  reasons: EscalationReason[];
  /** Written reason when the agent escalates although no category applies (kept on the case, DESIGN §2.4). */
  overrideReason?: string;
  /** Decide-step confirmations the agent ticked ('asfp', 'indirectProviderAccess', 'azureSupportGroup'; see flow/route.ts). */
  confirmed?: string[];
}

/** Where the case's thread lives in the team channel. */
export interface ChannelThread {
  teamId: string;
  channelId: string;
  serviceUrl: string;
  tenantId: string;
  /** Conversation id of the thread (channel id + ";messageid=" + root activity id). */
  conversationId: string;
  rootActivityId: string;
  postedAt: string;
}

export interface ServiceRequest {
  number: string;
  filedAt: string;
  severity: Severity;
  recordedBy: Actor;
}

/** One of the customer's service requests as Partner Center listed it at the decide step (issue 14 point 3). */
export interface ExistingRequest {
  number: string;
  title: string;
  /** 'open' | 'attentionNeeded' (only open ones are kept). */
  status: string;
  createdAt: string;
}

/** What the decide step learned from Partner Center; a failure is kept with its reason so the card says why. */
export interface ExistingRequestsCheck {
  checkedAt: string;
  items: ExistingRequest[];
  failure?: string;
}

export interface IsvContact {
  productName: string;
  publisher?: string;
  productUrl?: string;
  supportUrl?: string;
  supportEmail?: string;
  supportPhone?: string;
  supportHours?: string;
}

/**
 * An Azure support ticket the bot follows through the Support API (issue 14 point 4): picked by the agent or filed
 * from the bot. Microsoft's own clock (`serviceLevelAgreement`) is kept beside the bot's computed deadline.
 */
export interface AzureTicket {
  subscriptionId: string;
  /** ARM resource name of the ticket (the path segment), not the number people quote. */
  name: string;
  /** Microsoft's ticket number (supportTicketId), what the portal and Microsoft's e-mails show. */
  supportTicketId?: string;
  title?: string;
  status?: string;
  severity?: string;
  /** serviceLevelAgreement.expirationTime: Microsoft's own initial-response deadline. */
  slaExpiresAt?: string;
  slaMinutes?: number;
  /** The ticket was created by "File in Azure" (else the agent picked an existing one). */
  filedByBot?: boolean;
  /** Created but Microsoft's long-running create had not finished when the card answered; the poller completes it. */
  pending?: boolean;
  trackedAt: string;
  trackedBy: Actor;
  lastPolledAt?: string;
  /** Reason code of the last failed read (unauthorized, throttled, …), shown on the thread card until a read works. */
  lastProblem?: string;
}

export interface Case {
  id: string;
  /** The partner's Teams tenant: a case is only visible inside it. */
  tenantId: string;
  version: number;
  step: CaseStep;
  createdAt: string;
  updatedAt: string;
  createdBy: Actor;
  owner: Actor;
  updatedBy: Actor;
  /** Locale of the agent who opened the case; reminders use the team's language instead. */
  locale: string;
  /** Team the case belongs to when opened from a team channel (chooses escalation channel and calendar). */
  teamId?: string;
  intake?: Intake;
  /** What the agent typed on a rejected intake form, so the form comes back filled. */
  draftInputs?: Record<string, string>;
  healthChecks: HealthCheck[];
  attachedIncident?: HealthItem;
  troubleshooting: Troubleshooting;
  decision?: Decision;
  escalation?: {
    escalatedAt: string;
    thread?: ChannelThread;
    /** Last reason a channel post failed, so the agent can post again. */
    postError?: string;
  };
  serviceRequest?: ServiceRequest;
  /** The customer's open requests in Partner Center, checked when the case reached the decide step (issue 14). */
  existingRequests?: ExistingRequestsCheck;
  initialResponseDue?: string;
  initialResponseRule?: string;
  microsoftRespondedAt?: string;
  snoozedUntil?: string;
  isv?: IsvContact;
  closed?: { at: string; outcome: string; by: Actor };
  /** Last reminder delivery failure, shown on the case and in `cases`. */
  reminderFailure?: string;
  /** Issue 14 point 4: the Azure support ticket the bot polls for Microsoft's response. */
  azureTicket?: AzureTicket;
  /** Issue 14 point 6: the partner's own promise to its customer (second clock), counted in the team's business hours. */
  partnerResponseDue?: string;
  partnerResponseRule?: string;
}

/**
 * What a case list (`cases`, `cases all`) shows of one case. The store reads these fields out of the case's JSON
 * itself, so a list click neither parses nor holds whole cases, whose health checks, notes and escalation package
 * grow with the case (issue 11: 50 list turns in flight held ~10 MB more than 50 help turns).
 */
export interface CaseListRow {
  id: string;
  step: CaseStep;
  updatedAt: string;
  ownerName: string;
  customerName?: string;
  severity?: Severity;
  /** A reminder could not be delivered (issue 5: visible in the list, not only on the case). */
  reminderFailed: boolean;
}
