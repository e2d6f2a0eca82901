/**
 * Microsoft.Support 2024-04-01 payloads (Azure/azure-rest-api-specs, specification/support/…/stable/2024-04-01/examples),
 * parsed with zod at the edge: only what the bot uses is required, unknown fields pass, nulls are allowed where
 * Microsoft sends them (supportEngineer.emailAddress is null until an engineer is assigned).
 */
import { z } from 'zod';
import type { Communication, ProblemClassification, SupportService, SupportTicket } from './port.js';

const isoTime = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().max(max);

export const ticketSchema = z.object({
  name: z.string().min(1).max(260),
  properties: z.object({
    supportTicketId: text(64).nullish(),
    title: text(1000).nullish(),
    status: text(64),
    severity: text(64),
    createdDate: isoTime.nullish(),
    modifiedDate: isoTime.nullish(),
    serviceLevelAgreement: z
      .object({ startTime: isoTime.nullish(), expirationTime: isoTime.nullish(), slaMinutes: z.number().int().nonnegative().nullish() })
      .nullish(),
    supportEngineer: z.object({ emailAddress: text(320).nullish() }).nullish(),
    serviceDisplayName: text(500).nullish(),
    problemClassificationDisplayName: text(500).nullish(),
  }),
});

export const ticketPageSchema = z.object({ value: z.array(ticketSchema), nextLink: z.string().nullish() });

export const communicationSchema = z.object({
  name: z.string().min(1).max(260),
  properties: z.object({
    communicationDirection: text(32),
    sender: text(320).nullish(),
    createdDate: isoTime,
  }),
});
export const communicationPageSchema = z.object({ value: z.array(communicationSchema), nextLink: z.string().nullish() });

const namedSchema = z.object({ id: z.string().min(1).max(500), name: z.string().min(1).max(260), properties: z.object({ displayName: text(500) }) });
export const namedPageSchema = z.object({ value: z.array(namedSchema), nextLink: z.string().nullish() });

/** Azure-AsyncOperation status resource (ARM async pattern). */
export const asyncOperationSchema = z.object({
  status: z.string(),
  error: z.object({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
});

/** ARM error envelope: { error: { code, message } }. */
export const armErrorSchema = z.object({ error: z.object({ code: z.string().nullish(), message: z.string().nullish() }) });

const iso = (v: string | null | undefined) => (v ? new Date(v).toISOString() : undefined);

export function toTicket(t: z.infer<typeof ticketSchema>): SupportTicket {
  const p = t.properties;
  const sla = p.serviceLevelAgreement;
  const out: SupportTicket = { name: t.name, title: p.title ?? '', status: p.status, severity: p.severity };
  if (p.supportTicketId) out.supportTicketId = p.supportTicketId;
  if (p.createdDate) out.createdDate = iso(p.createdDate)!;
  if (p.modifiedDate) out.modifiedDate = iso(p.modifiedDate)!;
  if (sla?.startTime) out.slaStartTime = iso(sla.startTime)!;
  if (sla?.expirationTime) out.slaExpiresAt = iso(sla.expirationTime)!;
  if (sla?.slaMinutes !== undefined && sla.slaMinutes !== null) out.slaMinutes = sla.slaMinutes;
  if (p.supportEngineer?.emailAddress) out.engineerEmail = p.supportEngineer.emailAddress;
  if (p.serviceDisplayName) out.serviceDisplayName = p.serviceDisplayName;
  if (p.problemClassificationDisplayName) out.problemClassificationDisplayName = p.problemClassificationDisplayName;
  return out;
}

export function toCommunication(c: z.infer<typeof communicationSchema>): Communication {
  const out: Communication = { name: c.name, direction: c.properties.communicationDirection, createdDate: new Date(c.properties.createdDate).toISOString() };
  if (c.properties.sender) out.sender = c.properties.sender;
  return out;
}

export const toNamed = (n: z.infer<typeof namedSchema>): SupportService & ProblemClassification => ({ id: n.id, name: n.name, displayName: n.properties.displayName });
