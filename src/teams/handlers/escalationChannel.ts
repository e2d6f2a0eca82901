import { canManageTeam, updateTeamSettings } from '../../settings/teamSettings.js';
import type { Handler } from '../turn.js';
import { teamWelcomeCard } from './welcome.js';
import { inert } from '../../text/inert.js';

/** "Use this channel for escalations": the button on the team welcome card (and on the settings card). */
export const useChannelForEscalations: Handler = async (turn, app) => {
  const { teamId, channelId } = turn.conversation;
  if (turn.conversation.kind !== 'channel' || !teamId || !channelId) return { text: turn.t('core.channel.notInTeam') };
  if (!(await canManageTeam(app, teamId, turn.actor))) return { text: turn.t('core.channel.notAllowed') };
  let channel = await app.store.channels.byTeamChannel(teamId, channelId);
  // Teams sends a channel's name only in some events: ask the connector for the team's channel list once.
  if (!channel?.channelName && turn.syncTeam) {
    await turn.syncTeam(true);
    channel = await app.store.channels.byTeamChannel(teamId, channelId);
  }
  // Teams sends a channel's name only in some events: an unknown name is left out rather than guessed.
  const channelName = channel?.channelName;
  await updateTeamSettings(app, { teamId, tenantId: turn.tenantId }, turn.actor, ({ escalationChannelName: _old, ...s }) => ({
    ...s,
    escalationChannelId: channelId,
    ...(channelName ? { escalationChannelName: channelName } : {}),
  }));
  app.log.info({ teamId, channelId }, 'escalation channel chosen');
  const team = turn.conversation.teamName ?? channel?.teamName ?? teamId;
  const text = channelName
    ? turn.t('core.channel.chosen', { team: inert(team), channel: inert(channelName), name: inert(turn.actor.name) })
    : turn.t('core.channel.chosenUnnamed', { team: inert(team), name: inert(turn.actor.name) });
  // Clicked on the welcome card (Action.Execute): the card is replaced, its button answered, for everyone in the channel.
  if (turn.via === 'execute') return { card: teamWelcomeCard(turn.t, team, text), text };
  return { text };
};
