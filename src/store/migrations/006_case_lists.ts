import type { Kysely } from 'kysely';

/**
 * The case lists (`cases`, `cases all`) show a tenant's most recently updated cases a page at a time. Without this
 * index both engines read every one of the tenant's cases and sort them all to return the first page; with it they
 * walk the tenant's cases newest first and stop when the page is full. `id` breaks ties between equal times, so a
 * page's last case is an exact place to continue from.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('cases_tenant_updated').on('cases').columns(['tenant_id', 'updated_at', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('cases_tenant_updated').execute();
}
