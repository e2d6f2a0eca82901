import type { Kysely } from 'kysely';

/**
 * Issue 14: the partner's customers as synced from Partner Center (searched by the intake card's type-ahead), and a
 * small state table for the sync lease/schedule and the encrypted Secure Application Model refresh token.
 * Same text/integer types as 001 so one migration serves SQLite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('partner_center_customers')
    // The partner's own tenant (the Teams tenant its agents work in): search answers only inside it.
    .addColumn('partner_tenant_id', 'text', (c) => c.notNull())
    .addColumn('customer_tenant_id', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    // Lower-cased name, domain and tenant in one column, so a type-ahead is one indexed-by-tenant LIKE.
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('domain', 'text')
    .addColumn('cloud', 'text', (c) => c.notNull())
    .addColumn('relationship', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('partner_center_customers_pk', ['partner_tenant_id', 'customer_tenant_id'])
    .execute();
  await db.schema.createIndex('partner_center_customers_name').on('partner_center_customers').columns(['partner_tenant_id', 'display_name']).execute();

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
