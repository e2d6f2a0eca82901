import { z } from 'zod';
import {
  clouds,
  escalationReasons,
  partnerRoles,
  products,
  severities,
  supportLanguages,
  type Decision,
  type EscalationReason,
  type Intake,
  type Relationship,
} from './case.js';
import { parseDomain, parseGuid } from '../links/values.js';
import type { DirectoryCustomer } from '../customers/directory.js';

/**
 * Parsers for what Adaptive Cards submit. Teams sends every input as a string (Input.Toggle
 * "true"/"false", a multi-select ChoiceSet "a,b"), plus whatever else a client puts in `data`;
 * nothing here trusts shape, type or size. Errors carry i18n keys so the card can show them
 * next to the field in the agent's language.
 */

export interface FieldError {
  /** Input id the error belongs to ('' for the whole form). */
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

export type RawInputs = Record<string, unknown>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Caps chosen so a full case still fits one Teams card (40 KB, domain-facts §4.3) and a Microsoft request form. */
export const limits = {
  customerName: 200,
  marketplaceProduct: 200,
  symptoms: 4000,
  notes: 4000,
  overrideReason: 2000,
  resolution: 2000,
  closeNote: 1000,
  choice: 500,
} as const;

export const relationshipFlags = ['hasAdminRights', 'azureOnly', 'indirectReseller'] as const;
export type RelationshipFlag = (typeof relationshipFlags)[number];

/** Decide-step confirmations (route.ts says when each is required). */
export const confirmations = ['asfp', 'indirectProviderAccess', 'azureSupportGroup'] as const;
export type Confirmation = (typeof confirmations)[number];

/** Field ids each form reads; only these are kept as a draft, so unknown keys never reach the store. */
export const intakeFields = [
  'customerPick',
  'customerName',
  'tenantId',
  'domain',
  'subscriptionId',
  'cloud',
  'product',
  'marketplaceProduct',
  'symptoms',
  'severity',
  'supportLanguage',
  'relationship',
  'role',
] as const;

class Collector {
  readonly errors: FieldError[] = [];
  add(field: string, key: string, params?: Record<string, string | number>) {
    if (!this.errors.some((e) => e.field === field)) this.errors.push(params ? { field, key, params } : { field, key });
  }
}

const str = z.string();

/** A free-text field: trimmed; '' when absent; a non-string is an error, never coerced. */
function text(inputs: RawInputs, field: string, max: number, c: Collector, required = false): string {
  const raw = inputs[field];
  if (raw === undefined || raw === null) {
    if (required) c.add(field, 'flow.error.required');
    return '';
  }
  const parsed = str.safeParse(raw);
  if (!parsed.success) {
    c.add(field, 'flow.error.invalid');
    return '';
  }
  const v = parsed.data.trim();
  if (v.length > max) {
    c.add(field, 'flow.error.tooLong', { max, length: v.length });
    return v.slice(0, max);
  }
  if (required && v === '') c.add(field, 'flow.error.required');
  return v;
}

function choice<T extends string>(inputs: RawInputs, field: string, allowed: readonly T[], c: Collector, required = true): T | undefined {
  const v = text(inputs, field, limits.choice, c);
  if (v === '') {
    if (required) c.add(field, 'flow.error.required');
    return undefined;
  }
  const parsed = z.enum(allowed as unknown as [T, ...T[]]).safeParse(v);
  if (!parsed.success) {
    c.add(field, 'flow.error.invalidChoice');
    return undefined;
  }
  return parsed.data;
}

/** Multi-select ChoiceSet: "a,b" (Teams joins the values with commas). */
function multiChoice<T extends string>(inputs: RawInputs, field: string, allowed: readonly T[], c: Collector): T[] {
  const v = text(inputs, field, limits.choice, c);
  const out: T[] = [];
  for (const part of v.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!(allowed as readonly string[]).includes(part)) {
      c.add(field, 'flow.error.invalidChoice');
      continue;
    }
    if (!out.includes(part as T)) out.push(part as T);
  }
  return out;
}

/** Input.Toggle sends "true"/"false" (valueOn/valueOff); anything else counts as off. */
function toggle(inputs: RawInputs, field: string): boolean {
  return inputs[field] === 'true' || inputs[field] === true;
}

/** The typed values of a rejected form, so it comes back filled in; capped so a 10 KB paste can't bloat the card. */
export function draftOf(inputs: RawInputs, fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const v = inputs[f];
    if (typeof v === 'string' && v !== '') out[f] = v.slice(0, limits.symptoms);
  }
  return out;
}

/** Tenant ID, domain and subscription of a typed customer, each checked on its own so each error sits by its field. */
function checkCustomerIdentity(
  v: { tenantId: string; domain: string; subscriptionId: string; cloud: string | undefined },
  c: Collector,
): { tenantId?: string; domain?: string; subscriptionId?: string } {
  const out: { tenantId?: string; domain?: string; subscriptionId?: string } = {};
  if (v.tenantId) {
    const g = parseGuid(v.tenantId);
    if (g) out.tenantId = g;
    else c.add('tenantId', 'flow.error.guid');
  }
  if (v.domain) {
    const d = parseDomain(v.domain);
    if (!d) c.add('domain', 'flow.error.domain');
    // 21Vianet tenants get *.partner.onmschina.cn, the other clouds *.onmicrosoft.com: a mismatch
    // means the wrong Partner Center, and the request would go to the wrong company (seed 003).
    else if (v.cloud && d.endsWith('.partner.onmschina.cn') && v.cloud !== 'china21v') c.add('domain', 'flow.error.domainNot21Vianet');
    else if (v.cloud === 'china21v' && d.endsWith('.onmicrosoft.com')) c.add('domain', 'flow.error.domainIs21Vianet');
    else out.domain = d;
  }
  if (v.subscriptionId) {
    const s = parseGuid(v.subscriptionId);
    if (s) out.subscriptionId = s;
    else c.add('subscriptionId', 'flow.error.guid');
  }
  return out;
}

export function parseIntake(inputs: RawInputs, picked?: DirectoryCustomer): Parsed<Intake> {
  const c = new Collector();
  const pick = text(inputs, 'customerPick', limits.choice, c);
  const name = text(inputs, 'customerName', limits.customerName, c);
  const tenantId = text(inputs, 'tenantId', 100, c);
  const domain = text(inputs, 'domain', 300, c);
  const subscriptionId = text(inputs, 'subscriptionId', 100, c);
  const product = choice(inputs, 'product', products, c);
  const marketplaceProduct = text(inputs, 'marketplaceProduct', limits.marketplaceProduct, c, product === 'marketplace');
  const symptoms = text(inputs, 'symptoms', limits.symptoms, c, true);
  const severity = choice(inputs, 'severity', severities, c);
  const supportLanguage = choice(inputs, 'supportLanguage', supportLanguages, c);
  const role = choice(inputs, 'role', partnerRoles, c);

  let customer: Intake['customer'] | undefined;
  let cloud: Intake['cloud'] | undefined;
  let flags: RelationshipFlag[];
  if (pick) {
    // The directory is the source of truth for a known customer's tenant, cloud and relationship.
    if (!picked) c.add('customerPick', 'flow.error.customerUnknown');
    cloud = picked?.cloud;
    flags = relationshipFlags.filter((f) => picked?.relationship[f]);
    const sub = checkCustomerIdentity({ tenantId: '', domain: '', subscriptionId, cloud }, c).subscriptionId;
    if (picked) {
      customer = { name: picked.name };
      if (picked.tenantId) customer.tenantId = picked.tenantId;
      if (picked.domain) customer.domain = picked.domain;
      if (sub) customer.subscriptionId = sub;
    }
  } else {
    cloud = choice(inputs, 'cloud', clouds, c);
    flags = multiChoice(inputs, 'relationship', relationshipFlags, c);
    if (!name) c.add('customerName', 'flow.error.required');
    // The customer must be findable in Partner Center: by tenant ID or primary domain (seed 001, "Copy the customer's domain name").
    if (!tenantId && !domain) c.add('tenantId', 'flow.error.tenantOrDomain');
    const ids = checkCustomerIdentity({ tenantId, domain, subscriptionId, cloud }, c);
    customer = { name, ...ids };
  }

  if (c.errors.length || !customer || !cloud || !product || !severity || !supportLanguage || !role) {
    return { ok: false, errors: c.errors.length ? c.errors : [{ field: '', key: 'flow.error.invalid' }] };
  }
  const relationship: Relationship = {
    hasAdminRights: flags.includes('hasAdminRights'),
    azureOnly: flags.includes('azureOnly'),
    indirectReseller: flags.includes('indirectReseller'),
    role,
  };
  const intake: Intake = { customer, cloud, product, symptoms, severity, supportLanguage, relationship };
  if (product === 'marketplace') intake.marketplaceProduct = marketplaceProduct;
  return { ok: true, value: intake };
}

export function parseHealthAttach(inputs: RawInputs): Parsed<{ incidentId: string }> {
  const c = new Collector();
  const incidentId = text(inputs, 'incidentId', 200, c, true);
  return c.errors.length ? { ok: false, errors: c.errors } : { ok: true, value: { incidentId } };
}

export const triedPrefix = 'tried.';

/** Ticked checklist toggles arrive as `tried.<itemKey>` = "true"; keys not in this product's list are ignored. */
export function parseTroubleshoot(inputs: RawInputs, itemKeys: readonly string[], solved: boolean): Parsed<{ tried: string[]; notes: string }> {
  const c = new Collector();
  const tried = itemKeys.filter((k) => toggle(inputs, triedPrefix + k));
  const notes = text(inputs, 'notes', limits.notes, c);
  // "Solved" closes the case as resolved by the partner: the record must say what fixed it.
  if (solved && !notes && !c.errors.length) c.add('notes', 'flow.error.solvedNeedsNotes');
  return c.errors.length ? { ok: false, errors: c.errors } : { ok: true, value: { tried, notes } };
}

export const confirmPrefix = 'confirm.';

export function parseDecision(inputs: RawInputs): Parsed<Decision & { confirmed: Confirmation[] }> {
  const c = new Collector();
  const reasons: EscalationReason[] = multiChoice(inputs, 'reasons', escalationReasons, c);
  const overrideReason = text(inputs, 'overrideReason', limits.overrideReason, c);
  const confirmed = confirmations.filter((k) => toggle(inputs, confirmPrefix + k));
  if (c.errors.length) return { ok: false, errors: c.errors };
  const d: Decision & { confirmed: Confirmation[] } = { reasons, confirmed };
  if (overrideReason) d.overrideReason = overrideReason;
  return { ok: true, value: d };
}

export function parseResolution(inputs: RawInputs): Parsed<{ resolution: string }> {
  const c = new Collector();
  const resolution = text(inputs, 'resolution', limits.resolution, c, true);
  return c.errors.length ? { ok: false, errors: c.errors } : { ok: true, value: { resolution } };
}

export function parseClose(inputs: RawInputs): Parsed<{ note: string }> {
  const c = new Collector();
  const note = text(inputs, 'closeNote', limits.closeNote, c);
  return c.errors.length ? { ok: false, errors: c.errors } : { ok: true, value: { note } };
}

/** The decide step's "Attach to this case" button carries the request number it was drawn for. */
export function parseAttachRequest(inputs: RawInputs): Parsed<{ requestNumber: string }> {
  const c = new Collector();
  const requestNumber = text(inputs, 'requestNumber', 100, c, true);
  return c.errors.length ? { ok: false, errors: c.errors } : { ok: true, value: { requestNumber } };
}
