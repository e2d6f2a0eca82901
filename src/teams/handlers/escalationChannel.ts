import { canManageTeam, updateTeamSettings } from '../../settings/teamSettings.js';
import type { Handler } from '../turn.js';

/** "Use this channel for escalations": the button on the team welcome card (and on the settings card). */
export const useChannelForEscalations: Handler = async (turn, app) => {
  const { teamId, channelId } = turn.conversation;
  if (turn.conversation.kind !== 'channel' || !teamId || !channelId) return { text: turn.t('core.channel.notInTeam') };
  if (!(await canManageTeam(app, teamId, turn.actor))) return { text: turn.t('core.channel.notAllowed') };
  const channel = await app.store.channels.byTeamChannel(teamId, channelId);
  const channelName = channel?.channelName ?? 'General';
  await updateTeamSettings(app, { teamId, tenantId: turn.tenantId }, turn.actor, (s) => ({ ...s, escalationChannelId: channelId, escalationChannelName: channelName }));
  app.log.info({ teamId, channelId }, 'escalation channel chosen');
  return { text: turn.t('core.channel.chosen', { team: turn.conversation.teamName ?? channel?.teamName ?? teamId, channel: channelName, name: turn.actor.name }) };
};
