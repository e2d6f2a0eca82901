import type { Kysely } from 'kysely';
import type { SealedSecretStore } from '../partnerCenter/vault.js';
import type { Database } from './schema.js';

export interface SyncRow {
  dueAt?: string;
  leaseOwner?: string;
  leaseUntil?: string;
  data: Record<string, unknown>;
}

/**
 * Partner Center's named state rows: the sync schedule and lease, the sealed refresh token. (Synced customers live in
 * the customers table, DirectoryRepository.) Each lease step is one guarded UPDATE, so two instances never both sync.
 */
export class PartnerCenterRepository implements SealedSecretStore {
  constructor(private readonly db: Kysely<Database>) {}

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
