/**
 * What a polled ticket means for the case (issue 14 point 4). Pure: ticket, communications and times in.
 * Microsoft's initial response is the FIRST of: an engineer assigned (`supportEngineer.emailAddress`), or a
 * communication from Microsoft (`communicationDirection: outbound`, i.e. Microsoft → customer/partner).
 */
import type { AzureTicket, Case, Severity } from '../flow/case.js';
import type { ApiSeverity, Communication, SupportTicket } from './port.js';

export interface ResponseEvidence {
  at: Date;
  evidence: 'communication' | 'engineer';
  engineer?: string;
}

/**
 * The time Microsoft responded. A communication carries its own time. An engineer assignment has none: the ticket's
 * `modifiedDate` is the best evidence when it lies between filing and now (the assignment changed the ticket), else
 * the moment we saw it.
 */
export function responseEvidence(ticket: SupportTicket, comms: Communication[], filedAt: Date, now: Date): ResponseEvidence | undefined {
  const candidates: ResponseEvidence[] = [];
  for (const m of comms) {
    if (m.direction.toLowerCase() !== 'outbound') continue;
    const at = new Date(m.createdDate);
    if (at.getTime() >= filedAt.getTime() && at.getTime() <= now.getTime()) candidates.push({ at, evidence: 'communication' });
  }
  if (ticket.engineerEmail) {
    const modified = ticket.modifiedDate ? new Date(ticket.modifiedDate) : undefined;
    const at = modified && modified >= filedAt && modified <= now ? modified : now;
    candidates.push({ at, evidence: 'engineer', engineer: ticket.engineerEmail });
  }
  candidates.sort((a, b) => a.at.getTime() - b.at.getTime());
  return candidates[0];
}

/** Seed 001 severities to the Support API's (domain-facts §3.1); A may be raised to highestcriticalimpact by the agent. */
export function apiSeverityFor(severity: Severity, highestCriticalImpact = false): ApiSeverity {
  if (severity === 'A') return highestCriticalImpact ? 'highestcriticalimpact' : 'critical';
  if (severity === 'B') return 'moderate';
  return 'minimal';
}

export function severityFromApi(severity: string): Severity {
  const s = severity.toLowerCase();
  if (s === 'critical' || s === 'highestcriticalimpact') return 'A';
  if (s === 'moderate') return 'B';
  return 'C';
}

export const isClosedStatus = (status: string | undefined) => (status ?? '').toLowerCase() === 'closed';

/** The case's ticket facts refreshed from a read; undefined when nothing a card shows has changed. */
export function refreshedTicket(current: AzureTicket, ticket: SupportTicket, now: Date): AzureTicket {
  const next: AzureTicket = { ...current, lastPolledAt: now.toISOString(), status: ticket.status, severity: ticket.severity };
  delete next.pending;
  delete next.lastProblem;
  if (ticket.supportTicketId) next.supportTicketId = ticket.supportTicketId;
  if (ticket.title) next.title = ticket.title;
  if (ticket.slaExpiresAt) next.slaExpiresAt = ticket.slaExpiresAt;
  if (ticket.slaMinutes !== undefined) next.slaMinutes = ticket.slaMinutes;
  return next;
}

/** Whether the thread card would show something different (status, Microsoft's expiry, number, a problem line). */
export function visiblyChanged(a: AzureTicket | undefined, b: AzureTicket): boolean {
  if (!a) return true;
  return a.status !== b.status || a.slaExpiresAt !== b.slaExpiresAt || a.supportTicketId !== b.supportTicketId || a.lastProblem !== b.lastProblem || a.pending !== b.pending;
}

/** Where the case's ticket lives, or undefined when the case lacks the customer tenant. */
export function targetOf(c: Case): { cloud: NonNullable<Case['intake']>['cloud']; customerTenant: string; subscriptionId: string } | undefined {
  const t = c.azureTicket;
  const customer = c.intake?.customer;
  const tenant = customer?.tenantId ?? customer?.domain;
  if (!t || !c.intake || !tenant) return undefined;
  return { cloud: c.intake.cloud, customerTenant: tenant, subscriptionId: t.subscriptionId };
}
