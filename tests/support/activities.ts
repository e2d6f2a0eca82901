import { randomUUID } from 'node:crypto';

/** Teams-shaped activities, as the Teams service (or the Agents Playground) posts them to /api/messages. */
export const tenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const teamId = '19:team-general@thread.tacv2';
export const channelId = '19:escalations-channel@thread.tacv2';

export interface UserOpts {
  id?: string;
  name?: string;
  aadObjectId?: string;
}
export interface Where {
  serviceUrl: string;
  locale?: string;
  user?: UserOpts;
  /** Personal chat by default; 'channel' posts into a team channel (with an @mention). */
  kind?: 'personal' | 'channel';
  tenant?: string;
  team?: { id: string; name: string };
  channel?: { id: string; name?: string };
  /** IANA zone the Teams client reports in its clientInfo entity. */
  timeZone?: string;
}

const botAccount = { id: '28:bot-id', name: 'CSP Support Desk' };

function base(w: Where) {
  const user = { id: w.user?.id ?? '29:agent-1', name: w.user?.name ?? 'Mei Lin', aadObjectId: w.user?.aadObjectId ?? '00000000-0000-0000-0000-0000000000a1' };
  const tenant = w.tenant ?? tenantId;
  const isChannel = w.kind === 'channel';
  const team = w.team ?? { id: teamId, name: 'Helpdesk' };
  const channel = w.channel ?? { id: channelId, name: 'Escalations' };
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    serviceUrl: w.serviceUrl,
    channelId: 'msteams',
    from: user,
    recipient: botAccount,
    locale: w.locale ?? 'en-US',
    conversation: isChannel
      ? { id: `${channel.id};messageid=${Date.now()}`, conversationType: 'channel', isGroup: true, tenantId: tenant }
      : { id: `a:personal-${user.id}`, conversationType: 'personal', tenantId: tenant },
    channelData: isChannel ? { tenant: { id: tenant }, team, channel } : { tenant: { id: tenant } },
    ...(w.timeZone ? { entities: [{ type: 'clientInfo', locale: w.locale ?? 'en-US', country: 'TW', platform: 'Web', timezone: w.timeZone }], localTimezone: w.timeZone } : {}),
  };
}

export function message(text: string, w: Where) {
  const b = base(w);
  const mention = w.kind === 'channel';
  return {
    ...b,
    type: 'message',
    text: mention ? `<at>CSP Support Desk</at> ${text}` : text,
    textFormat: 'plain',
    entities: [...((b as { entities?: unknown[] }).entities ?? []), ...(mention ? [{ type: 'mention', text: '<at>CSP Support Desk</at>', mentioned: botAccount }] : [])],
  };
}

/** Action.Execute click: Teams sends invoke adaptiveCard/action with the verb and the data merged with the inputs. */
export function execute(verb: string, data: Record<string, unknown>, w: Where) {
  return {
    ...base(w),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/** Action.Submit click from an older client: a message whose value is the data plus the inputs. */
export function submit(data: Record<string, unknown>, w: Where) {
  return { ...base(w), type: 'message', text: '', value: data };
}

export function installInTeam(w: Where) {
  const b = base({ ...w, kind: 'channel' });
  const team = w.team ?? { id: teamId, name: 'Helpdesk' };
  // The install event comes from the team's General channel, whose id equals the team id.
  return {
    ...b,
    type: 'installationUpdate',
    action: 'add',
    conversation: { id: team.id, conversationType: 'channel', isGroup: true, tenantId: w.tenant ?? tenantId },
    channelData: { tenant: { id: w.tenant ?? tenantId }, team, channel: { id: team.id }, settings: { selectedChannel: { id: team.id } }, source: { name: 'message' } },
  };
}

export function uninstallFromTeam(w: Where) {
  return { ...installInTeam(w), action: 'remove' };
}

export function installPersonal(w: Where) {
  return { ...base(w), type: 'installationUpdate', action: 'add' };
}
