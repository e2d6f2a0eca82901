import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface StoredSettings {
  teamId: string;
  tenantId: string;
  version: number;
  data: unknown;
  updatedAt: string;
  updatedBy: string;
}

/** Raw per-team settings; the settings module parses `data` with its zod schema (stored rows may predate a field). */
export class TeamSettingsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(teamId: string): Promise<StoredSettings | undefined> {
    const r = await this.db.selectFrom('team_settings').selectAll().where('team_id', '=', teamId).executeTakeFirst();
    if (!r) return undefined;
    return { teamId: r.team_id, tenantId: r.tenant_id, version: r.version, data: JSON.parse(r.data), updatedAt: r.updated_at, updatedBy: r.updated_by };
  }

  /** Every team's raw settings, for planning the daily digests. */
  async listAll(): Promise<StoredSettings[]> {
    const rows = await this.db.selectFrom('team_settings').selectAll().execute();
    return rows.map((r) => ({ teamId: r.team_id, tenantId: r.tenant_id, version: r.version, data: JSON.parse(r.data), updatedAt: r.updated_at, updatedBy: r.updated_by }));
  }

  /** Version 0 means "not stored yet". Returns false when someone else saved in between. */
  async save(s: { teamId: string; tenantId: string; data: unknown; updatedAt: string; updatedBy: string }, expectedVersion: number): Promise<boolean> {
    const data = JSON.stringify(s.data);
    if (expectedVersion === 0) {
      const res = await this.db
        .insertInto('team_settings')
        .values({ team_id: s.teamId, tenant_id: s.tenantId, version: 1, data, updated_at: s.updatedAt, updated_by: s.updatedBy })
        .onConflict((oc) => oc.column('team_id').doNothing())
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
    }
    const res = await this.db
      .updateTable('team_settings')
      .set({ data, version: expectedVersion + 1, updated_at: s.updatedAt, updated_by: s.updatedBy })
      .where('team_id', '=', s.teamId)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }
}
