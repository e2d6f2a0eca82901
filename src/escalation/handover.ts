/**
 * Follow-the-sun handover (issue 13): the owner at the end of their day hands the case to someone whose day starts,
 * with what was tried and what is pending. Pure, like transitions.ts: (case, inputs, context) → new case + effects
 * + event (the case history keeps the handover), or field errors that keep what was typed.
 */
import { z } from 'zod';
import type { Actor, Case } from '../flow/case.js';
import type { FieldError, RawInputs } from '../flow/forms.js';
import { advance, type Transition } from '../flow/transitions.js';
import type { EscalationContext } from './transitions.js';

export const handoverFields = ['handoverTo', 'handoverTried', 'handoverPending'] as const;
export const handoverLimits = { tried: 2000, pending: 2000 };

/** Someone the case can go to, as far as the bot knows them (leads in settings, people who used the bot). */
export interface HandoverCandidate {
  id: string;
  name: string;
  aadObjectId?: string;
  /** IANA zone their Teams client reported, when known. */
  timeZone?: string;
  lead?: boolean;
}

export interface HandoverContext extends EscalationContext {
  candidates: HandoverCandidate[];
  /** The team calendar's zone: the stand-in when the receiver's own zone is not known yet. */
  teamTimeZone: string;
  /** Display name for someone picked from the directory the bot has never seen (Teams sends only their id). */
  unknownName: string;
}

const openSteps = new Set<Case['step']>(['escalated', 'waitingOnIsv', 'knownIncident', 'decide', 'troubleshoot', 'health']);

// A Teams user id (29:…, from the offline list) or an Entra object id (GUID, from the people picker).
const personId = z.string().trim().regex(/^(29:[\w\-.:]{1,190}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/);
const text = (max: number) => z.string().trim().min(1).max(max);

const same = (a: string, b?: string) => b !== undefined && a.toLowerCase() === b.toLowerCase();

export function findCandidate(candidates: HandoverCandidate[], id: string): HandoverCandidate | undefined {
  return candidates.find((p) => same(id, p.id) || same(id, p.aadObjectId));
}

export function handOver(c: Case, inputs: RawInputs, ctx: HandoverContext): Transition {
  if (!openSteps.has(c.step) || c.closed) return { ok: false, errors: [{ field: '', key: 'flow.error.wrongStep' }], case: c };
  const errors: FieldError[] = [];
  const to = personId.safeParse(inputs.handoverTo);
  const tried = text(handoverLimits.tried).safeParse(inputs.handoverTried);
  const pending = text(handoverLimits.pending).safeParse(inputs.handoverPending);
  if (!to.success) errors.push({ field: 'handoverTo', key: 'handover.error.to' });
  if (!tried.success) errors.push({ field: 'handoverTried', key: 'handover.error.tried', params: { max: handoverLimits.tried } });
  if (!pending.success) errors.push({ field: 'handoverPending', key: 'handover.error.pending', params: { max: handoverLimits.pending } });
  if (to.success && (same(to.data, c.owner.id) || same(to.data, c.owner.aadObjectId))) {
    errors.push({ field: 'handoverTo', key: 'handover.error.sameOwner', params: { name: c.owner.name.slice(0, 80) } });
  }
  if (errors.length || !to.success || !tried.success || !pending.success) return { ok: false, errors, case: c };

  const known = findCandidate(ctx.candidates, to.data);
  const receiver: Actor = known
    ? { id: known.id, name: known.name || ctx.unknownName, ...(known.aadObjectId ? { aadObjectId: known.aadObjectId } : {}) }
    : { id: to.data, name: ctx.unknownName, ...(to.data.startsWith('29:') ? {} : { aadObjectId: to.data.toLowerCase() }) };
  const timeZone = known?.timeZone ?? ctx.teamTimeZone;
  const note = { to: { id: receiver.id, name: receiver.name }, from: ctx.actor.name, tried: tried.data, pending: pending.data, timeZone, zoneKnown: Boolean(known?.timeZone) };
  return advance(
    c,
    ctx,
    { owner: receiver },
    {
      kind: 'case.handedOver',
      detail: {
        from: c.owner.id,
        fromName: c.owner.name,
        to: receiver.id,
        toName: receiver.name,
        by: ctx.actor.id,
        tried: tried.data,
        pending: pending.data,
        receiverTimeZone: timeZone,
        receiverZoneKnown: note.zoneKnown,
        initialResponseDue: c.initialResponseDue ?? null,
      },
    },
    c.escalation?.thread ? [{ type: 'updateThreadCard' }, { type: 'handoverNote', note }] : [],
  );
}
