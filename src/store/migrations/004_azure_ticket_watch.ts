import type { Kysely } from 'kysely';

/**
 * Issue 14 point 4: one row per case whose Azure support ticket the bot follows. The ticket's facts live on the case;
 * this row only says when the single poll loop reads it next and who holds the claim (the reminder rows' pattern).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('azure_ticket_watch')
    .addColumn('case_id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('next_poll_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('azure_ticket_watch_due').on('azure_ticket_watch').columns(['state', 'next_poll_at']).execute();
}
