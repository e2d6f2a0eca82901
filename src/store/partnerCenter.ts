import { sql, type Kysely } from 'kysely';
import type { Cloud } from '../flow/case.js';
import type { CustomerSearch, CustomerSink, CustomerSource, PartnerCenterCustomer } from '../partnerCenter/ports.js';
import type { SealedSecretStore } from '../partnerCenter/vault.js';
import type { Database } from './schema.js';

type Row = Database['partner_center_customers'];

const searchTextOf = (c: PartnerCenterCustomer) => [c.name, c.domain ?? '', c.tenantId].join(' ').toLowerCase();
const fromRow = (r: Row): PartnerCenterCustomer => {
  const rel = JSON.parse(r.relationship) as { hasAdminRights?: boolean };
  const c: PartnerCenterCustomer = { tenantId: r.customer_tenant_id, name: r.display_name, cloud: r.cloud as Cloud, hasAdminRights: rel.hasAdminRights === true };
  if (r.domain) c.domain = r.domain;
  return c;
};

/** LIKE treats % and _ as wildcards: a customer called "100%_Cloud" is searched literally. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

export interface SyncRow {
  dueAt?: string;
  leaseOwner?: string;
  leaseUntil?: string;
  data: Record<string, unknown>;
}

/**
 * Partner Center rows: the synced customers (CustomerSink / CustomerSearch ports) and the named state rows (sync
 * schedule and lease, the sealed refresh token). Each lease step is one guarded UPDATE, so two instances never both
 * run a sync.
 */
export class PartnerCenterRepository implements CustomerSink, CustomerSearch, SealedSecretStore {
  constructor(private readonly db: Kysely<Database>) {}

  async upsertMany(partnerTenantId: string, customers: readonly PartnerCenterCustomer[], source: CustomerSource, at: string): Promise<number> {
    if (!customers.length) return 0;
    const rows: Row[] = customers.map((c) => ({
      partner_tenant_id: partnerTenantId,
      customer_tenant_id: c.tenantId,
      display_name: c.name,
      search_text: searchTextOf(c),
      domain: c.domain ?? null,
      cloud: c.cloud,
      relationship: JSON.stringify({ hasAdminRights: c.hasAdminRights }),
      source,
      updated_at: at,
    }));
    // One transaction: a sync is visible all at once or not at all. Chunked under SQLite's parameter limit.
    await this.db.transaction().execute(async (tx) => {
      for (let i = 0; i < rows.length; i += 200) {
        await tx
          .insertInto('partner_center_customers')
          .values(rows.slice(i, i + 200))
          .onConflict((oc) =>
            oc.columns(['partner_tenant_id', 'customer_tenant_id']).doUpdateSet((eb) => ({
              display_name: eb.ref('excluded.display_name'),
              search_text: eb.ref('excluded.search_text'),
              domain: eb.ref('excluded.domain'),
              cloud: eb.ref('excluded.cloud'),
              relationship: eb.ref('excluded.relationship'),
              source: eb.ref('excluded.source'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
      }
    });
    return rows.length;
  }

  async removeStale(partnerTenantId: string, source: CustomerSource, before: string): Promise<number> {
    const res = await this.db
      .deleteFrom('partner_center_customers')
      .where('partner_tenant_id', '=', partnerTenantId)
      .where('source', '=', source)
      .where('updated_at', '<', before)
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  async search(partnerTenantId: string, query: string, page: { skip: number; top: number }): Promise<PartnerCenterCustomer[]> {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
    let q = this.db.selectFrom('partner_center_customers').selectAll().where('partner_tenant_id', '=', partnerTenantId);
    for (const w of words) q = q.where(sql<boolean>`search_text like ${`%${likeEscape(w)}%`} escape '\\'`);
    const rows = await q.orderBy('display_name').orderBy('customer_tenant_id').limit(page.top).offset(page.skip).execute();
    return rows.map(fromRow);
  }

  async get(partnerTenantId: string, customerTenantId: string): Promise<PartnerCenterCustomer | undefined> {
    const r = await this.db
      .selectFrom('partner_center_customers')
      .selectAll()
      .where('partner_tenant_id', '=', partnerTenantId)
      .where('customer_tenant_id', '=', customerTenantId.toLowerCase())
      .executeTakeFirst();
    return r && fromRow(r);
  }

  async count(partnerTenantId: string): Promise<number> {
    const r = await this.db
      .selectFrom('partner_center_customers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('partner_tenant_id', '=', partnerTenantId)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async read(id: string): Promise<string | undefined> {
    const r = await this.db.selectFrom('partner_center_state').select('data').where('id', '=', id).executeTakeFirst();
    if (!r) return undefined;
    const parsed = JSON.parse(r.data) as { sealed?: unknown };
    return typeof parsed.sealed === 'string' ? parsed.sealed : undefined;
  }

  async write(id: string, sealed: string, at: string): Promise<void> {
    const data = JSON.stringify({ sealed, storedAt: at });
    await this.db
      .insertInto('partner_center_state')
      .values({ id, data, due_at: null, lease_owner: null, lease_until: null, updated_at: at })
      .onConflict((oc) => oc.column('id').doUpdateSet({ data, updated_at: at }))
      .execute();
  }

  async syncRow(id: string): Promise<SyncRow | undefined> {
    const r = await this.db.selectFrom('partner_center_state').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) return undefined;
    const row: SyncRow = { data: JSON.parse(r.data) as Record<string, unknown> };
    if (r.due_at) row.dueAt = r.due_at;
    if (r.lease_owner) row.leaseOwner = r.lease_owner;
    if (r.lease_until) row.leaseUntil = r.lease_until;
    return row;
  }

  /**
   * Takes the sync lease when the sync is due (or `force`, for an admin's "sync customers") and nobody holds a live
   * lease. The row is created on first use, due at once.
   */
  async claimSync(id: string, owner: string, now: string, leaseUntil: string, force: boolean): Promise<boolean> {
    await this.db
      .insertInto('partner_center_state')
      .values({ id, data: '{}', due_at: now, lease_owner: null, lease_until: null, updated_at: now })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    let q = this.db
      .updateTable('partner_center_state')
      .set({ lease_owner: owner, lease_until: leaseUntil, updated_at: now })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]));
    if (!force) q = q.where('due_at', '<=', now);
    const res = await q.executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Releases the lease with the outcome and the next due time; only the lease holder may. */
  async finishSync(id: string, owner: string, nextDue: string | null, data: Record<string, unknown>, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('partner_center_state')
      .set({ lease_owner: null, lease_until: null, due_at: nextDue, data: JSON.stringify(data), updated_at: now })
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }
}
