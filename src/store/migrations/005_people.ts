import type { Kysely } from 'kysely';

/**
 * People the bot has seen (issue 13, quiet hours): the Teams time zone each user's client reports, kept per user so
 * reminders know whose working hours cover now. Text and integer only, like 001, so one migration serves both engines.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('people')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('aad_object_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('people_pk', ['tenant_id', 'user_id'])
    .execute();
  await db.schema.createIndex('people_tenant_aad').on('people').columns(['tenant_id', 'aad_object_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('people').execute();
}
