/**
 * Partner Center payloads as Microsoft documents them (get-a-list-of-customers, customer-resources,
 * get-all-service-requests-for-a-customer, service-request-resources). Parsed at the edge: a page that does not
 * match fails the whole sync with a message naming the field, and nothing is stored.
 */
import { z } from 'zod';
import { serviceRequestStatuses, type ServiceRequestStatus } from './ports.js';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Link resource: { uri, method, headers: [{ key, value }] }; `next` carries the MS-ContinuationToken header. */
const linkSchema = z.object({
  uri: z.string().min(1),
  method: z.string().optional(),
  headers: z.array(z.object({ key: z.string(), value: z.string() })).optional().default([]),
});

export const customerSchema = z.looseObject({
  id: z.string().regex(guid, 'not a tenant GUID'),
  companyProfile: z.looseObject({
    tenantId: z.string().regex(guid, 'not a tenant GUID').optional(),
    domain: z.string().max(300).optional().nullable(),
    companyName: z.string().trim().min(1).max(300),
  }),
  relationshipToPartner: z.string().optional(),
  allowDelegatedAccess: z.boolean().optional().nullable(),
});
export type CustomerResource = z.infer<typeof customerSchema>;

export const customerPageSchema = z.looseObject({
  totalCount: z.number().int().nonnegative().optional(),
  items: z.array(customerSchema),
  links: z.looseObject({ next: linkSchema.optional() }).optional(),
});
export type CustomerPage = z.infer<typeof customerPageSchema>;

// The documented sample sends enums as numbers (SDK order) while the resource page lists names: accept both.
const statusByNumber: ServiceRequestStatus[] = [...serviceRequestStatuses];
const statusByName: Record<string, ServiceRequestStatus> = { none: 'none', open: 'open', closed: 'closed', attention_needed: 'attentionNeeded', attentionneeded: 'attentionNeeded' };
const severityByNumber = [undefined, 'critical', 'moderate', 'minimal'] as const;

const statusSchema = z.union([z.number().int().min(0).max(3), z.string()]).transform((v, ctx): ServiceRequestStatus => {
  const s = typeof v === 'number' ? statusByNumber[v] : statusByName[v.toLowerCase()];
  if (!s) {
    ctx.addIssue({ code: 'custom', message: `unknown status ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return s;
});

const severitySchema = z
  .union([z.number().int().min(0).max(3), z.string()])
  .optional()
  .nullable()
  .transform((v) => {
    if (typeof v === 'number') return severityByNumber[v];
    const s = v?.toLowerCase();
    return s === 'critical' || s === 'moderate' || s === 'minimal' ? s : undefined;
  });

/** "2015-11-24T01:07:00.863" (no zone, UTC) or a full ISO instant. */
const dateSchema = z.string().transform((v, ctx) => {
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`;
  const ms = Date.parse(withZone);
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: 'custom', message: 'not a date' });
    return z.NEVER;
  }
  return new Date(ms).toISOString();
});

export const serviceRequestSchema = z.looseObject({
  id: z.string().trim().min(1).max(100),
  title: z.string().max(1000).optional().nullable(),
  status: statusSchema,
  severity: severitySchema,
  createdDate: dateSchema,
});

export const serviceRequestPageSchema = z.looseObject({
  totalCount: z.number().int().nonnegative().optional(),
  items: z.array(serviceRequestSchema),
});

/** "items.3.companyProfile.companyName: Too small…" — the first few issues, for the log and the admin's reply. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
    .join('; ');
}
