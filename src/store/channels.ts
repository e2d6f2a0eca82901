import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Opaque to the store: the adapter's serialised conversation reference (only its conversation id is named). */
export type StoredReference = { conversation?: { id: string } } & Record<string, unknown>;

/** A conversation the bot can post into later: a team channel, a personal chat or a group chat. */
export interface ChannelRecord {
  conversationId: string;
  tenantId: string;
  kind: 'channel' | 'personal' | 'groupChat';
  teamId?: string;
  channelId?: string;
  teamName?: string;
  channelName?: string;
  serviceUrl: string;
  /** The channel adapter's own address for the conversation (a Bot Framework ConversationReference), kept as given. */
  reference: StoredReference;
  active: boolean;
  installedAt: string;
  updatedAt: string;
}

type Row = Database['channels'];
const fromRow = (r: Row): ChannelRecord => ({
  conversationId: r.conversation_id,
  tenantId: r.tenant_id,
  kind: r.kind as ChannelRecord['kind'],
  teamId: r.team_id ?? undefined,
  channelId: r.channel_id ?? undefined,
  teamName: r.team_name ?? undefined,
  channelName: r.channel_name ?? undefined,
  serviceUrl: r.service_url,
  reference: JSON.parse(r.reference) as StoredReference,
  active: r.active === 1,
  installedAt: r.installed_at,
  updatedAt: r.updated_at,
});

export class ChannelRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Install and re-install both land here; the first install time is kept. */
  async upsert(c: ChannelRecord): Promise<void> {
    const row: Row = {
      conversation_id: c.conversationId,
      tenant_id: c.tenantId,
      kind: c.kind,
      team_id: c.teamId ?? null,
      channel_id: c.channelId ?? null,
      team_name: c.teamName ?? null,
      channel_name: c.channelName ?? null,
      service_url: c.serviceUrl,
      reference: JSON.stringify(c.reference),
      active: c.active ? 1 : 0,
      installed_at: c.installedAt,
      updated_at: c.updatedAt,
    };
    const { installed_at: _keep, conversation_id: _id, ...update } = row;
    await this.db
      .insertInto('channels')
      .values(row)
      .onConflict((oc) => oc.column('conversation_id').doUpdateSet({ ...update, team_name: c.teamName ?? null }))
      .execute();
  }

  async get(conversationId: string): Promise<ChannelRecord | undefined> {
    const r = await this.db.selectFrom('channels').selectAll().where('conversation_id', '=', conversationId).executeTakeFirst();
    return r ? fromRow(r) : undefined;
  }

  async byTeamChannel(teamId: string, channelId: string): Promise<ChannelRecord | undefined> {
    const r = await this.db.selectFrom('channels').selectAll().where('team_id', '=', teamId).where('channel_id', '=', channelId).executeTakeFirst();
    return r ? fromRow(r) : undefined;
  }

  async listTeam(teamId: string): Promise<ChannelRecord[]> {
    const rows = await this.db.selectFrom('channels').selectAll().where('team_id', '=', teamId).execute();
    return rows.map(fromRow);
  }

  async listActiveTeamChannels(tenantId?: string): Promise<ChannelRecord[]> {
    let q = this.db.selectFrom('channels').selectAll().where('kind', '=', 'channel').where('active', '=', 1);
    if (tenantId) q = q.where('tenant_id', '=', tenantId);
    return (await q.execute()).map(fromRow);
  }

  /** Uninstall keeps the rows (cases still point at their threads) but stops every post to that team. */
  async deactivateTeam(teamId: string, at: string): Promise<void> {
    await this.db.updateTable('channels').set({ active: 0, updated_at: at }).where('team_id', '=', teamId).execute();
  }

  async deactivate(conversationId: string, at: string): Promise<void> {
    await this.db.updateTable('channels').set({ active: 0, updated_at: at }).where('conversation_id', '=', conversationId).execute();
  }
}
