import type { AppServices } from '../app/services.js';
import type { Case } from '../flow/case.js';
import { loadTeamSettings, type TeamSettings } from '../settings/teamSettings.js';

/** Where a case's thread goes: a channel the bot is installed in, with the serviceUrl Teams gave us for it. */
export interface EscalationTarget {
  teamId: string;
  teamName: string;
  channelId: string;
  /** As Teams listed it; '' when Teams never told us (the notice then says "the team's escalation channel"). */
  channelName: string;
  serviceUrl: string;
  tenantId: string;
}

/**
 * Why there is no target. Each reason has its own "what to do" text (escalation.postError.<reason>):
 * - noChannel: nobody chose "Use this channel for escalations" in the case's team;
 * - noTeam: the case was opened in personal chat and no team of this tenant has an escalation channel;
 * - severalTeams: opened in personal chat and more than one team has one, so the bot will not guess;
 * - channelInactive: the channel is known but the bot was removed from the team (installationUpdate remove).
 */
export type TargetProblem = 'noChannel' | 'noTeam' | 'severalTeams' | 'channelInactive';

export type TargetResult = { ok: true; target: EscalationTarget } | { ok: false; problem: TargetProblem };

/**
 * Per-customer override first (team settings `customerChannels`, keyed by the customer's tenant ID, domain or name,
 * compared case-insensitively), then the team's escalation channel.
 */
export function channelFor(settings: TeamSettings, c: Case): string | undefined {
  const cust = c.intake?.customer;
  const keys = [cust?.tenantId, cust?.domain, cust?.name].filter((k): k is string => Boolean(k)).map((k) => k.trim().toLowerCase());
  for (const [key, channelId] of Object.entries(settings.customerChannels)) {
    if (keys.includes(key.trim().toLowerCase())) return channelId;
  }
  return settings.escalationChannelId;
}

async function targetIn(app: AppServices, c: Case, teamId: string): Promise<TargetResult> {
  const { settings } = await loadTeamSettings(app, teamId);
  const channelId = channelFor(settings, c);
  if (!channelId) return { ok: false, problem: 'noChannel' };
  const channel = await app.store.channels.byTeamChannel(teamId, channelId);
  if (!channel || !channel.active || channel.tenantId !== c.tenantId) return { ok: false, problem: 'channelInactive' };
  return {
    ok: true,
    target: {
      teamId,
      teamName: channel.teamName ?? teamId,
      channelId,
      channelName: channel.channelName ?? settings.escalationChannelName ?? (channelId === teamId ? 'General' : ''),
      serviceUrl: channel.serviceUrl,
      tenantId: channel.tenantId,
    },
  };
}

/**
 * A case opened in a team channel belongs to that team. A case opened in personal chat has no team: we use the
 * tenant's only team with an active escalation channel, and refuse to guess when there are several (the agent then
 * escalates from the team's channel, where the case gets its team). Choosing a team from a list is left for later.
 */
export async function findEscalationTarget(app: AppServices, c: Case): Promise<TargetResult> {
  if (c.teamId) return targetIn(app, c, c.teamId);
  const channels = await app.store.channels.listActiveTeamChannels(c.tenantId);
  const teamIds = [...new Set(channels.map((ch) => ch.teamId).filter((id): id is string => Boolean(id)))].sort();
  const usable: EscalationTarget[] = [];
  for (const teamId of teamIds) {
    const r = await targetIn(app, c, teamId);
    if (r.ok) usable.push(r.target);
  }
  if (usable.length === 1) return { ok: true, target: usable[0]! };
  return { ok: false, problem: usable.length === 0 ? 'noTeam' : 'severalTeams' };
}
