import type { Kysely } from 'kysely';

/**
 * Customers and ISV contacts move from files read at start into the store (issue 12 point 5), so every instance sees
 * an import at once. Text and integer only, like 001, so one migration serves SQLite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('customers')
    // The key the intake card submits: the file's id (or a slug of the name); Partner Center sync uses its customer id.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('display_name', 'text', (c) => c.notNull())
    // The customer's Microsoft Entra tenant (not the partner's Teams tenant that other tables call tenant_id).
    .addColumn('tenant_id', 'text')
    .addColumn('primary_domain', 'text')
    .addColumn('cloud', 'text', (c) => c.notNull())
    .addColumn('has_admin_rights', 'integer', (c) => c.notNull())
    .addColumn('azure_only', 'integer', (c) => c.notNull())
    .addColumn('indirect_reseller', 'integer', (c) => c.notNull())
    // 'file' (first-start seed from CUSTOMERS_FILE) | 'import' (npm run import) | 'partnerCenter' (sync).
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customers_tenant').on('customers').columns(['tenant_id']).execute();
  await db.schema.createIndex('customers_domain').on('customers').columns(['primary_domain']).execute();
  await db.schema.createIndex('customers_source').on('customers').columns(['source']).execute();

  await db.schema
    .createTable('isv_directory')
    // Folded product name (width-, case- and space-insensitive), so an import updates the entry agents already know.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_name', 'text', (c) => c.notNull())
    // The validated entry (IsvEntry) as JSON: aliases and contacts are read together, never queried one by one.
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // One row per directory, bumped in the same transaction as every change: readers compare one integer by primary key
  // and reload the (small) directory only when it moved, so instances see an import on their next read.
  await db.schema
    .createTable('directory_versions')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
