import type { Kysely } from 'kysely';

/**
 * Issue 14: a small state table for the Partner Center customer sync (schedule and lease, so one instance syncs) and
 * the sealed Secure Application Model refresh token. Synced customers go into the customers table of 002 with
 * source 'partnerCenter'. Same text/integer types as 001 so one migration serves SQLite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('partner_center_state')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
