/**
 * Names, not ids (issue 13): the team's channels and members as Teams lists them through the Bot Connector
 * (GET v3/teams/{teamId}/conversations, GET v3/conversations/{teamId}/pagedmembers), cached where the bot reads them
 * without a turn: channels in the channel store (the thread notice and settings read names there), members' display
 * names in the team settings (settings admins and leads). When the connector does not list them (bot not in the
 * team yet, a policy, an outage), nothing is lost: the cards fall back to what is cached or to a neutral wording.
 */
import { TeamsInfo, TurnContext } from 'botbuilder';
import type { AppServices } from '../app/services.js';
import { updateTeamSettings, type RosterEntry } from '../settings/teamSettings.js';

/** A roster older than this is read again when settings are opened; install and Save always read it. */
const rosterMaxAgeMs = 10 * 60_000;
/** Members kept for names and the picker's offline choices; a card has 40 KB, a settings row should stay small. */
const maxRoster = 300;

export async function syncTeamRoster(ctx: TurnContext, app: AppServices, team: { teamId: string; tenantId: string; teamName?: string }, force = false): Promise<void> {
  const { teamId, tenantId } = team;
  if (!force) {
    const existing = await app.store.teamSettings.get(teamId);
    const at = (existing?.data as { rosterAt?: unknown } | undefined)?.rosterAt;
    if (typeof at === 'string' && app.clock().getTime() - Date.parse(at) < rosterMaxAgeMs) return;
  }
  await Promise.all([syncChannels(ctx, app, team), syncMembers(ctx, app, teamId, tenantId)]);
}

async function syncChannels(ctx: TurnContext, app: AppServices, team: { teamId: string; tenantId: string; teamName?: string }): Promise<void> {
  let listed: { id?: string; name?: string }[];
  try {
    listed = await TeamsInfo.getTeamChannels(ctx, team.teamId);
  } catch (err) {
    app.log.info({ teamId: team.teamId, err: (err as Error).message }, 'team channel list not available; keeping cached names');
    return;
  }
  const now = app.clock().toISOString();
  const reference = TurnContext.getConversationReference(ctx.activity);
  for (const ch of listed.slice(0, 200)) {
    if (!ch.id) continue;
    const existing = await app.store.channels.get(ch.id);
    // The General channel is listed without a name; its id is the team's id.
    const name = ch.name?.slice(0, 200) ?? (ch.id === team.teamId ? 'General' : existing?.channelName);
    await app.store.channels.upsert({
      conversationId: ch.id,
      tenantId: team.tenantId,
      kind: 'channel',
      teamId: team.teamId,
      channelId: ch.id,
      teamName: team.teamName ?? existing?.teamName,
      ...(name ? { channelName: name } : {}),
      serviceUrl: ctx.activity.serviceUrl,
      reference: { ...reference, conversation: { ...reference.conversation, id: ch.id } } as never,
      // A bot installed in a team can post in each of its standard channels.
      active: true,
      installedAt: existing?.installedAt ?? now,
      updatedAt: now,
    });
  }
}

async function syncMembers(ctx: TurnContext, app: AppServices, teamId: string, tenantId: string): Promise<void> {
  const roster: RosterEntry[] = [];
  try {
    let token: string | undefined;
    do {
      const page = await TeamsInfo.getPagedTeamMembers(ctx, teamId, 200, token);
      for (const m of page.members ?? []) {
        if (!m.id || roster.length >= maxRoster) continue;
        roster.push({ id: m.id, name: (m.name ?? '').slice(0, 200), ...(m.aadObjectId ? { aadObjectId: m.aadObjectId } : {}) });
      }
      token = page.continuationToken || undefined;
    } while (token && roster.length < maxRoster);
  } catch (err) {
    app.log.info({ teamId, err: (err as Error).message }, 'team member list not available; keeping cached names');
    return;
  }
  await updateTeamSettings(app, { teamId, tenantId }, { id: 'bot', name: 'bot' }, (s) => ({ ...s, roster, rosterAt: app.clock().toISOString() }));
}
