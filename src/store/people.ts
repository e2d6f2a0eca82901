import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Someone who used the bot in this tenant, with the IANA zone their Teams client reported last (issue 13). */
export interface PersonRecord {
  tenantId: string;
  /** Teams user id (29:…). */
  userId: string;
  aadObjectId?: string;
  name: string;
  timeZone?: string;
  updatedAt: string;
}

type Row = Database['people'];
const fromRow = (r: Row): PersonRecord => ({
  tenantId: r.tenant_id,
  userId: r.user_id,
  ...(r.aad_object_id ? { aadObjectId: r.aad_object_id } : {}),
  name: r.name,
  ...(r.time_zone ? { timeZone: r.time_zone } : {}),
  updatedAt: r.updated_at,
});

export class PeopleRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Insert or refresh one person; the last reported zone wins (people travel, and Teams follows the device). */
  async upsert(p: PersonRecord): Promise<void> {
    const row: Row = {
      tenant_id: p.tenantId,
      user_id: p.userId,
      aad_object_id: p.aadObjectId?.toLowerCase() ?? null,
      name: p.name,
      time_zone: p.timeZone ?? null,
      updated_at: p.updatedAt,
    };
    await this.db
      .insertInto('people')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'user_id']).doUpdateSet({ aad_object_id: row.aad_object_id, name: row.name, time_zone: row.time_zone, updated_at: row.updated_at }),
      )
      .execute();
  }

  /** By Teams user id or Entra object id (a people picker answers with the latter). */
  async find(tenantId: string, id: string): Promise<PersonRecord | undefined> {
    const r = await this.db
      .selectFrom('people')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where((eb) => eb.or([eb('user_id', '=', id), eb('aad_object_id', '=', id.toLowerCase())]))
      .executeTakeFirst();
    return r ? fromRow(r) : undefined;
  }

  /** Everyone seen in the tenant, most recent first (the handover form's offline list of people). */
  async list(tenantId: string, limit = 50): Promise<PersonRecord[]> {
    const rows = await this.db.selectFrom('people').selectAll().where('tenant_id', '=', tenantId).orderBy('updated_at', 'desc').limit(limit).execute();
    return rows.map(fromRow);
  }
}
