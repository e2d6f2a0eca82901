import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { projectRoot } from '../paths.js';
import { z } from 'zod';
import { clouds, type Cloud } from '../flow/case.js';
import { parseDomain, parseGuid } from '../links/values.js';

/**
 * The partner's customer list (issue 3 §7): a JSON or CSV file, read once at start. A bad row stops
 * the start with a message naming the row and the field, because a wrong tenant ID here would send
 * an agent into the wrong customer's admin center.
 */

export interface DirectoryCustomer {
  /** Stable key the intake card submits (a ChoiceSet value). */
  id: string;
  name: string;
  tenantId?: string;
  domain?: string;
  cloud: Cloud;
  relationship: { hasAdminRights: boolean; azureOnly: boolean; indirectReseller: boolean };
}

export interface CustomerDirectory {
  all(): readonly DirectoryCustomer[];
  /** By id, or else by exact name (case-insensitive). */
  find(idOrName: string): DirectoryCustomer | undefined;
}

const flag = z
  .union([z.boolean(), z.string()])
  .transform((v, ctx) => {
    if (typeof v === 'boolean') return v;
    const s = v.trim().toLowerCase();
    if (['true', 'yes', 'y', '1'].includes(s)) return true;
    if (['false', 'no', 'n', '0', ''].includes(s)) return false;
    ctx.addIssue({ code: 'custom', message: 'expected true or false' });
    return z.NEVER;
  })
  .optional()
  .default(false);

const optionalText = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s ? s : undefined));

const rowSchema = z
  .object({
    id: optionalText,
    name: z.string().trim().min(1, 'required').max(200, 'longer than 200 characters'),
    tenantId: optionalText.refine((v) => v === undefined || parseGuid(v) !== undefined, 'not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)'),
    domain: optionalText.refine((v) => v === undefined || parseDomain(v) !== undefined, 'not a domain name such as contoso.onmicrosoft.com'),
    cloud: z.enum(clouds, { message: `one of ${clouds.join(', ')}` }),
    hasAdminRights: flag,
    azureOnly: flag,
    indirectReseller: flag,
  })
  .superRefine((r, ctx) => {
    if (!r.tenantId && !r.domain) ctx.addIssue({ code: 'custom', path: ['tenantId'], message: 'give a tenant ID or a domain' });
    const d = r.domain?.toLowerCase();
    if (d?.endsWith('.partner.onmschina.cn') && r.cloud !== 'china21v')
      ctx.addIssue({ code: 'custom', path: ['domain'], message: 'a *.partner.onmschina.cn domain belongs to cloud china21v' });
    if (d?.endsWith('.onmicrosoft.com') && r.cloud === 'china21v')
      ctx.addIssue({ code: 'custom', path: ['cloud'], message: 'a 21Vianet customer has a *.partner.onmschina.cn domain, not *.onmicrosoft.com' });
  });

const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '') || 'customer';

/** Parses the rows (objects with string or boolean values); `label(i)` names a row in errors ("row 3" / "line 4"). */
export function buildDirectory(rows: unknown[], source: string, label: (i: number) => string): CustomerDirectory {
  const problems: string[] = [];
  const customers: DirectoryCustomer[] = [];
  rows.forEach((row, i) => {
    const parsed = rowSchema.safeParse(row);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${label(i)}, field ${issue.path.join('.') || '(row)'}: ${issue.message}`);
      return;
    }
    const r = parsed.data;
    const c: DirectoryCustomer = {
      id: r.id ?? slug(r.name),
      name: r.name,
      cloud: r.cloud,
      relationship: { hasAdminRights: r.hasAdminRights, azureOnly: r.azureOnly, indirectReseller: r.indirectReseller },
    };
    const tenantId = parseGuid(r.tenantId);
    const domain = parseDomain(r.domain);
    if (tenantId) c.tenantId = tenantId;
    if (domain) c.domain = domain;
    if (customers.some((o) => o.id === c.id)) problems.push(`${label(i)}, field id: "${c.id}" is used by an earlier row`);
    else customers.push(c);
  });
  if (problems.length) throw new CustomerDirectoryError(source, problems);
  return directoryOf(customers);
}

/** A bad file or import: one line per row and field, after a first line naming the source. */
export class CustomerDirectoryError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`customer directory ${source}:\n  ${problems.join('\n  ')}`);
  }
}

/** Lookups over customers already validated (from a file, an import or the store). */
export function directoryOf(customers: readonly DirectoryCustomer[]): CustomerDirectory {
  return {
    all: () => customers,
    find: (key) => {
      const k = key.trim();
      return customers.find((c) => c.id === k) ?? customers.find((c) => c.name.toLowerCase() === k.toLowerCase());
    },
  };
}

/** Minimal CSV (RFC 4180 quoting): enough for a sheet exported from Excel; first line is the header. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f.trim() !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  row.push(field);
  if (row.some((f) => f.trim() !== '')) rows.push(row);
  return rows;
}

const jsonFileSchema = z.union([z.array(z.unknown()), z.object({ customers: z.array(z.unknown()) }).transform((o) => o.customers)]);

export function parseDirectoryText(text: string, source: string): CustomerDirectory {
  if (source.toLowerCase().endsWith('.csv')) {
    const [header, ...lines] = parseCsv(text);
    if (!header) return buildDirectory([], source, () => '');
    const cols = header.map((h) => h.trim());
    const rows = lines.map((l) => Object.fromEntries(cols.map((c, i) => [c, l[i] ?? ''])));
    return buildDirectory(rows, source, (i) => `line ${i + 2}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CustomerDirectoryError(source, [`not valid JSON (${(e as Error).message})`]);
  }
  const parsed = jsonFileSchema.safeParse(json);
  if (!parsed.success) throw new CustomerDirectoryError(source, ['expected an array of customers or { "customers": [...] }']);
  return buildDirectory(parsed.data, source, (i) => `row ${i + 1}`);
}

export function loadCustomerDirectory(path: string): CustomerDirectory {
  return parseDirectoryText(readFileSync(path, 'utf8'), path);
}

export const emptyDirectory: CustomerDirectory = { all: () => [], find: () => undefined };

/**
 * CUSTOMERS_FILE, relative to the project root unless absolute: the first-start seed of the store's customers
 * (src/directories/seed.ts). A bad row stops the bot with the row and field named, instead of failing in front of an
 * agent. A missing file means agents type customers in.
 */
export function loadCustomerDirectoryFile(file: string): CustomerDirectory {
  const path = isAbsolute(file) ? file : resolve(projectRoot, file);
  return existsSync(path) ? loadCustomerDirectory(path) : emptyDirectory;
}
