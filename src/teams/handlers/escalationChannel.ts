import { canManageTeam, updateTeamSettings } from '../../settings/teamSettings.js';
import type { Handler } from '../turn.js';
import { inert } from '../../text/inert.js';

/** "Use this channel for escalations": the button on the team welcome card (and on the settings card). */
export const useChannelForEscalations: Handler = async (turn, app) => {
  const { teamId, channelId } = turn.conversation;
  if (turn.conversation.kind !== 'channel' || !teamId || !channelId) return { text: turn.t('core.channel.notInTeam') };
  if (!(await canManageTeam(app, teamId, turn.actor))) return { text: turn.t('core.channel.notAllowed') };
  const channel = await app.store.channels.byTeamChannel(teamId, channelId);
  // Teams sends a channel's name only in some events: an unknown name is left out rather than guessed.
  const channelName = channel?.channelName;
  await updateTeamSettings(app, { teamId, tenantId: turn.tenantId }, turn.actor, ({ escalationChannelName: _old, ...s }) => ({
    ...s,
    escalationChannelId: channelId,
    ...(channelName ? { escalationChannelName: channelName } : {}),
  }));
  app.log.info({ teamId, channelId }, 'escalation channel chosen');
  const team = turn.conversation.teamName ?? channel?.teamName ?? teamId;
  return {
    text: channelName
      ? turn.t('core.channel.chosen', { team: inert(team), channel: inert(channelName), name: inert(turn.actor.name) })
      : turn.t('core.channel.chosenUnnamed', { team: inert(team), name: inert(turn.actor.name) }),
  };
};
