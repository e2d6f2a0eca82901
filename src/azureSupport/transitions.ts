/**
 * Pure transitions of issue 14 points 4 and 5: follow an Azure ticket (picked, typed or just filed). The ticket IS the
 * case's service request, so its number, creation time and severity become the service request (unless the agent
 * already recorded this very number) and the reminders are planned from it; Microsoft's own SLA expiry is kept beside.
 */
import type { Actor, AzureTicket, Case } from '../flow/case.js';
import type { Effect } from '../flow/effects.js';
import { advance, type Transition } from '../flow/transitions.js';
import type { SupportTicket } from './port.js';
import { severityFromApi } from './tracking.js';

export interface AzureContext {
  now: Date;
  actor: Actor;
}

export function trackTicket(c: Case, ticket: SupportTicket | { name: string; pending: true }, subscriptionId: string, ctx: AzureContext, filedByBot = false): Transition {
  if (c.step !== 'escalated' || c.closed) return { ok: false, errors: [{ field: '', key: 'flow.error.wrongStep' }], case: c };
  if (c.microsoftRespondedAt) return { ok: false, errors: [{ field: '', key: 'reminders.error.alreadyResponded' }], case: c };
  const at = ctx.now.toISOString();
  const azureTicket: AzureTicket = { subscriptionId: subscriptionId.toLowerCase(), name: ticket.name, trackedAt: at, trackedBy: ctx.actor, ...(filedByBot ? { filedByBot: true } : {}) };
  let number = ticket.name;
  let filedAt = at;
  let severity = c.serviceRequest?.severity ?? c.intake?.severity ?? 'B';
  if ('pending' in ticket) {
    azureTicket.pending = true;
  } else {
    Object.assign(azureTicket, {
      status: ticket.status,
      severity: ticket.severity,
      title: ticket.title,
      ...(ticket.supportTicketId ? { supportTicketId: ticket.supportTicketId } : {}),
      ...(ticket.slaExpiresAt ? { slaExpiresAt: ticket.slaExpiresAt } : {}),
      ...(ticket.slaMinutes !== undefined ? { slaMinutes: ticket.slaMinutes } : {}),
      lastPolledAt: at,
    });
    number = ticket.supportTicketId ?? ticket.name;
    // Microsoft's clock starts at creation; a future or unparseable time would move the deadline, so "now" caps it.
    if (ticket.createdDate && Date.parse(ticket.createdDate) <= ctx.now.getTime()) filedAt = ticket.createdDate;
    severity = severityFromApi(ticket.severity);
  }
  const sameSr = c.serviceRequest?.number === number;
  const patch: Partial<Case> = { azureTicket };
  const effects: Effect[] = [];
  if (!sameSr) {
    patch.serviceRequest = { number, filedAt, severity, recordedBy: ctx.actor };
    effects.push({ type: 'scheduleReminders' });
  }
  if (c.escalation?.thread) {
    effects.push({ type: 'updateThreadCard' }, { type: 'threadReply', key: filedByBot ? 'azureSupport.reply.filed' : 'azureSupport.reply.tracking', params: { number, name: ctx.actor.name } });
  }
  const rest: Case = { ...c };
  if (!sameSr) {
    delete rest.initialResponseDue;
    delete rest.initialResponseRule;
  }
  return advance(rest, ctx, patch, { kind: filedByBot ? 'azure.ticketFiled' : 'azure.ticketTracked', detail: { subscriptionId: azureTicket.subscriptionId, name: ticket.name, number, previous: c.serviceRequest?.number } }, effects);
}
