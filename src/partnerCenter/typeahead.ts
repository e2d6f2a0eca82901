/**
 * The intake card's customer picker for thousands of customers (issue 14 point 2): Teams asks the bot as the agent
 * types (`application/search` for the Data.Query dataset "customers") and submits the chosen value. File-directory
 * customers keep their directory id as value; Partner Center customers travel as "pc:<tenant id>" and are looked
 * up again on submit, inside the caller's tenant only.
 */
import type { CustomerDirectory, DirectoryCustomer } from '../customers/directory.js';
import type { Cloud } from '../flow/case.js';
import type { CustomerSearch, PartnerCenterCustomer } from './ports.js';

export const customersDataset = 'customers';
const pcPrefix = 'pc:';
/** Teams shows a short list under the box; more than this is noise and bytes. */
export const maxTop = 25;

export interface Choice {
  title: string;
  value: string;
}

/** A picker value naming a Partner Center customer (as stored in the customers table with source 'partnerCenter'). */
export const isPartnerCenterValue = (value: string) => value.startsWith(pcPrefix);

const titleOf = (name: string, detail: string | undefined, cloudName: string) => `${name} (${[detail, cloudName].filter(Boolean).join(' · ')})`;

export function toDirectoryCustomer(c: PartnerCenterCustomer): DirectoryCustomer {
  const d: DirectoryCustomer = {
    id: `${pcPrefix}${c.tenantId}`,
    name: c.name,
    tenantId: c.tenantId,
    cloud: c.cloud,
    relationship: { hasAdminRights: c.hasAdminRights, azureOnly: false, indirectReseller: false },
  };
  if (c.domain) d.domain = c.domain;
  return d;
}

/**
 * Matches from the customer file first (the partner curated those), then the synced Partner Center list, without
 * listing a tenant twice. `cloudName` gives the agent's words for a cloud.
 */
export async function searchCustomers(
  p: { directory: CustomerDirectory; search?: CustomerSearch; partnerTenantId: string; query: string; skip: number; top: number },
  cloudName: (c: Cloud) => string,
): Promise<Choice[]> {
  const q = p.query.trim().toLowerCase();
  const words = q.split(/\s+/).filter(Boolean);
  const top = Math.min(Math.max(p.top, 1), maxTop);
  // The directory holds the synced rows too; those are answered by `search`, which keeps them inside the partner's tenant.
  const fromFile = p.directory
    .all()
    .filter((d) => !isPartnerCenterValue(d.id))
    .filter((d) => words.every((w) => [d.name, d.domain ?? '', d.tenantId ?? ''].join(' ').toLowerCase().includes(w)));
  const out: Choice[] = [];
  const tenants = new Set(fromFile.map((d) => d.tenantId).filter(Boolean));
  for (const d of fromFile.slice(p.skip, p.skip + top)) out.push({ title: titleOf(d.name, d.domain, cloudName(d.cloud)), value: d.id });
  if (!p.search || out.length >= top) return out;
  const skip = Math.max(0, p.skip - fromFile.length);
  const rows = await p.search.search(p.partnerTenantId, q, { skip, top: top - out.length + tenants.size });
  for (const c of rows) {
    if (out.length >= top) break;
    if (tenants.has(c.tenantId)) continue;
    out.push({ title: titleOf(c.name, c.domain, cloudName(c.cloud)), value: `${pcPrefix}${c.tenantId}` });
  }
  return out;
}

/** The customer behind a submitted "pc:<tenant>" value, if it is one of the caller's tenant's customers. */
export async function pickedFromPartnerCenter(search: CustomerSearch | undefined, partnerTenantId: string, value: string): Promise<DirectoryCustomer | undefined> {
  if (!search || !value.startsWith(pcPrefix)) return undefined;
  const c = await search.get(partnerTenantId, value.slice(pcPrefix.length));
  return c && toDirectoryCustomer(c);
}
