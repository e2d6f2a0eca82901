import {
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type Activity,
} from 'botbuilder';
import type { AppServices } from '../app/services.js';
import { cardAttachment, adaptiveCardContentType } from '../cards/render.js';
import { resolveLocale, translator } from '../i18n/index.js';
import { matchCommand, stripMentions } from './commands.js';
import { commands, verbHandler } from './registry.js';
import type { ConversationKind, Reply, Turn } from './turn.js';
import { personalWelcomeCard, teamWelcomeCard } from './handlers/welcome.js';
import { annotateTurn, recordCardAction } from '../telemetry/index.js';
import { updateTeamSettings, withObservedTimeZone } from '../settings/teamSettings.js';
import { syncTeamRoster } from './teamRoster.js';
import { inert } from '../text/inert.js';
import { answerSearch } from './handlers/partnerCenter.js';
import { notePerson } from '../people/seen.js';

const messageType = 'application/vnd.microsoft.activity.message';

interface TeamsChannelData {
  tenant?: { id?: string };
  team?: { id?: string; name?: string; aadGroupId?: string };
  channel?: { id?: string; name?: string };
  eventType?: string;
}

/** The IANA zone the user's Teams client reports (clientInfo entity, else localTimezone). */
export function clientTimeZone(a: Activity): string | undefined {
  const clientInfo = a.entities?.find((e) => e.type === 'clientInfo') as { timezone?: unknown } | undefined;
  const zone = typeof clientInfo?.timezone === 'string' ? clientInfo.timezone : a.localTimezone;
  return zone && zone.length < 64 ? zone : undefined;
}

const channelData = (a: Activity): TeamsChannelData => (a.channelData ?? {}) as TeamsChannelData;
export const tenantOf = (a: Activity): string | undefined => channelData(a).tenant?.id ?? a.conversation?.tenantId;

/**
 * Translates Teams activities into registry calls and replies back. No case logic lives here:
 * the registry says which handler runs, the handler says what to answer.
 */
export class SupportDeskBot extends TeamsActivityHandler {
  constructor(private readonly app: AppServices) {
    super();
    this.onMessage(async (ctx, next) => {
      await this.onUserMessage(ctx);
      await next();
    });
    this.onInstallationUpdateAdd(async (ctx, next) => {
      await this.registerConversation(ctx, true);
      await next();
    });
    this.onInstallationUpdateRemove(async (ctx, next) => {
      await this.unregisterConversation(ctx);
      await next();
    });
    this.onMembersAdded(async (ctx, next) => {
      const botId = ctx.activity.recipient?.id;
      if (ctx.activity.membersAdded?.some((m) => m.id === botId)) await this.registerConversation(ctx, true);
      await next();
    });
    this.onMembersRemoved(async (ctx, next) => {
      const botId = ctx.activity.recipient?.id;
      if (ctx.activity.membersRemoved?.some((m) => m.id === botId)) await this.unregisterConversation(ctx);
      await next();
    });
  }

  /** ALLOWED_TENANT_IDS gate: runs before anything is read or stored. */
  override async run(ctx: TurnContext): Promise<void> {
    const allowed = this.app.env.ALLOWED_TENANT_IDS;
    const tenant = tenantOf(ctx.activity)?.toLowerCase();
    if (allowed.length && (!tenant || !allowed.includes(tenant))) {
      this.app.log.warn({ tenant, type: ctx.activity.type }, 'activity from a tenant that is not allowed');
      const text = translator(resolveLocale(ctx.activity.locale))('core.tenantRefused');
      if (ctx.activity.type === 'invoke') {
        await ctx.sendActivity({ type: 'invokeResponse', value: { status: 200, body: { statusCode: 200, type: messageType, value: text } } });
      } else if (ctx.activity.type === 'message') {
        await ctx.sendActivity(text);
      }
      return;
    }
    await super.run(ctx);
  }

  private baseTurn(ctx: TurnContext, via: Turn['via']): Turn {
    const a = ctx.activity;
    const cd = channelData(a);
    const locale = resolveLocale(a.locale);
    const kind = (a.conversation?.conversationType as ConversationKind | undefined) ?? 'personal';
    const zone = clientTimeZone(a);
    const teamId = cd.team?.id;
    const tenantId = tenantOf(a) ?? 'unknown';
    const syncTeam = teamId
      ? (force?: boolean) =>
          syncTeamRoster(ctx, this.app, { teamId, tenantId, ...(cd.team?.name ? { teamName: cd.team.name } : {}) }, force).catch((err) =>
            this.app.log.warn({ err, teamId }, 'team roster sync failed'),
          )
      : undefined;
    return {
      ...(zone ? { timeZone: zone } : {}),
      ...(syncTeam ? { syncTeam } : {}),
      locale,
      t: translator(locale),
      actor: { id: a.from.id, name: a.from.name ?? a.from.id, ...(a.from.aadObjectId ? { aadObjectId: a.from.aadObjectId } : {}) },
      tenantId: tenantOf(a) ?? 'unknown',
      conversation: {
        id: a.conversation.id,
        kind: kind === 'channel' || kind === 'groupChat' ? kind : 'personal',
        teamId: cd.team?.id,
        teamName: cd.team?.name,
        channelId: cd.channel?.id,
        serviceUrl: a.serviceUrl,
      },
      via,
      args: '',
      data: {},
      now: this.app.clock(),
    };
  }

  private async onUserMessage(ctx: TurnContext): Promise<void> {
    await this.rememberChannel(ctx);
    const value = ctx.activity.value as unknown;
    // Action.Submit (older clients) arrives as a message whose value is the action data plus the inputs.
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const data = value as Record<string, unknown>;
      const turn = { ...this.baseTurn(ctx, 'submit'), data };
      const reply = await this.dispatchVerb(turn, typeof data.verb === 'string' ? data.verb : undefined);
      await this.send(ctx, reply);
      return;
    }
    const text = typeof ctx.activity.text === 'string' ? ctx.activity.text : '';
    const turn = this.baseTurn(ctx, 'message');
    const match = matchCommand(commands, text);
    if (!match) {
      const shown = stripMentions(text).slice(0, 60);
      await this.send(ctx, { text: turn.t('core.unknownCommand', { text: inert(shown) }) });
      return;
    }
    this.app.log.info({ command: match.spec.id, conversation: turn.conversation.kind }, 'command');
    const reply = await this.safely(turn, () => match.spec.handler({ ...turn, args: match.args }, this.app));
    await this.send(ctx, reply);
  }

  /**
   * Type-ahead (`application/search`) is answered here rather than by botbuilder's onSearchInvoke, which refuses an
   * empty queryText with 400; Teams sends one when the agent opens the list before typing.
   */
  protected override async onInvokeActivity(ctx: TurnContext): Promise<{ status: number; body?: unknown }> {
    if (ctx.activity.name !== 'application/search') return super.onInvokeActivity(ctx);
    const turn = this.baseTurn(ctx, 'execute');
    let results: { title: string; value: string }[] = [];
    try {
      results = await answerSearch(turn, ctx.activity.value, this.app);
    } catch (err) {
      this.app.log.error({ err }, 'customer search failed');
    }
    return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.search.searchResponse', value: { results } } };
  }

  protected override async onAdaptiveCardInvoke(ctx: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    await this.rememberChannel(ctx);
    const action = invokeValue.action;
    const data = action.data && typeof action.data === 'object' && !Array.isArray(action.data) ? (action.data as Record<string, unknown>) : {};
    const turn = { ...this.baseTurn(ctx, 'execute'), data };
    const reply = await this.dispatchVerb(turn, action.verb);
    if ('card' in reply) return { statusCode: 200, type: adaptiveCardContentType, value: reply.card as unknown as AdaptiveCardInvokeResponse['value'] };
    // A text answer also goes into the chat: Teams shows invoke message responses only briefly. Best effort: the
    // invoke response below carries the same text, so a connector hiccup must not fail the click.
    await ctx.sendActivity(reply.text).catch((err: unknown) => this.app.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'chat copy of an invoke answer not sent'));
    return { statusCode: 200, type: messageType, value: reply.text as unknown as AdaptiveCardInvokeResponse['value'] };
  }

  private async dispatchVerb(turn: Turn, verb: string | undefined): Promise<Reply> {
    const handler = verbHandler(verb);
    if (!handler) {
      this.app.log.info({ verb: verb?.slice(0, 60) }, 'unknown verb');
      return { text: turn.t('core.unknownVerb') };
    }
    this.app.log.info({ verb, via: turn.via }, 'card action');
    annotateTurn({ verb, via: turn.via });
    let ok = true;
    const reply = await this.safely(turn, () => handler(turn, this.app), () => (ok = false));
    recordCardAction(verb!, ok ? 'ok' : 'error', turn.via);
    return reply;
  }

  private async safely(turn: Turn, run: () => Promise<Reply>, failed?: () => void): Promise<Reply> {
    try {
      return await run();
    } catch (err) {
      failed?.();
      this.app.log.error({ err }, 'handler failed');
      return { text: turn.t('core.error') };
    }
  }

  private async send(ctx: TurnContext, reply: Reply): Promise<void> {
    if ('card' in reply) await ctx.sendActivity({ type: 'message', text: reply.text, attachments: [cardAttachment(reply.card)] });
    else await ctx.sendActivity({ type: 'message', text: reply.text, textFormat: 'markdown' });
  }

  /** Channel posts (with @mention) also tell us about channels the install event did not list. */
  private async rememberChannel(ctx: TurnContext): Promise<void> {
    await this.rememberPerson(ctx);
    const cd = channelData(ctx.activity);
    if (ctx.activity.conversation?.conversationType !== 'channel' || !cd.channel?.id) return;
    const known = await this.app.store.channels.get(cd.channel.id);
    if (!known || !known.active) await this.registerConversation(ctx, false);
  }

  /** The user's Teams time zone, kept per person for quiet hours and handover notes (issue 13). */
  private async rememberPerson(ctx: TurnContext): Promise<void> {
    const a = ctx.activity;
    if (!a.from?.id) return;
    await notePerson(this.app, tenantOf(a), { id: a.from.id, name: a.from.name ?? a.from.id, ...(a.from.aadObjectId ? { aadObjectId: a.from.aadObjectId } : {}) }, clientTimeZone(a));
  }

  /** Stores where the bot can post later; a new team or chat gets the welcome card once (install events repeat). */
  private async registerConversation(ctx: TurnContext, welcome: boolean): Promise<void> {
    const a = ctx.activity;
    const cd = channelData(a);
    const tenantId = tenantOf(a) ?? 'unknown';
    const now = this.app.clock().toISOString();
    const t = translator(resolveLocale(a.locale));
    const teamId = cd.team?.id;
    const isTeam = a.conversation?.conversationType === 'channel' || Boolean(teamId);
    const conversationId = isTeam ? (cd.channel?.id ?? a.conversation.id.split(';')[0]!) : a.conversation.id;
    const existing = await this.app.store.channels.get(conversationId);
    const kind = isTeam ? 'channel' : a.conversation?.conversationType === 'groupChat' ? 'groupChat' : 'personal';
    await this.app.store.channels.upsert({
      conversationId,
      tenantId,
      kind,
      teamId,
      channelId: isTeam ? conversationId : undefined,
      teamName: cd.team?.name ?? existing?.teamName,
      channelName: cd.channel?.name ?? existing?.channelName ?? (isTeam && conversationId === teamId ? 'General' : undefined),
      serviceUrl: a.serviceUrl,
      reference: { ...TurnContext.getConversationReference(a), conversation: { ...a.conversation, id: conversationId } } as never,
      active: true,
      installedAt: existing?.installedAt ?? now,
      updatedAt: now,
    });
    const isNew = !existing || !existing.active;
    if (!isNew) return;
    this.app.log.info({ kind, teamId }, 'bot installed in conversation');
    if (isTeam && teamId && welcome) {
      // Whoever installed the bot may manage the team's settings (Bot Framework cannot tell us who the owners are).
      // Their Teams time zone also sets the team's default calendar until an admin saves one (issue 13).
      const installer = { id: a.from.id, name: a.from.name ?? '' };
      await updateTeamSettings(this.app, { teamId, tenantId }, installer, (s) =>
        withObservedTimeZone(
          { ...s, admins: Array.from(new Set([...s.admins, ...[a.from.id, a.from.aadObjectId].filter((x): x is string => Boolean(x))])) },
          clientTimeZone(a),
          installer,
          this.app.clock(),
        ),
      );
    }
    if (isTeam && teamId) {
      // Channel and member names from Teams, so cards show names rather than ids (issue 13).
      await syncTeamRoster(ctx, this.app, { teamId, tenantId, ...(cd.team?.name ? { teamName: cd.team.name } : {}) }, true).catch((err) =>
        this.app.log.warn({ err, teamId }, 'team roster sync failed'),
      );
    }
    if (!welcome) return;
    const card = isTeam ? teamWelcomeCard(t, cd.team?.name ?? 'your team') : personalWelcomeCard(t);
    await ctx.sendActivity({ type: 'message', attachments: [cardAttachment(card)] });
  }

  private async unregisterConversation(ctx: TurnContext): Promise<void> {
    const a = ctx.activity;
    const teamId = channelData(a).team?.id;
    const now = this.app.clock().toISOString();
    if (teamId) await this.app.store.channels.deactivateTeam(teamId, now);
    else await this.app.store.channels.deactivate(a.conversation.id, now);
    this.app.log.info({ teamId }, 'bot removed from conversation');
  }
}
