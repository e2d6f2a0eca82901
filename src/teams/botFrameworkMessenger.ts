/** The Bot Framework adapter for the outbound channel port (`src/channel/port.ts`). */
import { CloudAdapter, type ConversationReference, type Activity, type TurnContext } from 'botbuilder';
import { cardAttachment } from '../cards/render.js';
import type { Logger } from '../log.js';
import { SendError, type ChannelMessenger, type Content, type PostedMessage } from '../channel/port.js';

export function toActivity(content: Content): Partial<Activity> {
  const entities = (content.mentions ?? []).map((m) => ({ type: 'mention', text: `<at>${m.name}</at>`, mentioned: { id: m.id, name: m.name } }));
  if ('card' in content) {
    return { type: 'message', text: content.text, attachments: [cardAttachment(content.card)], entities };
  }
  return { type: 'message', text: content.text, textFormat: 'markdown', entities };
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

function asSendError(err: unknown): SendError {
  if (err instanceof SendError) return err;
  const e = err as { statusCode?: number; message?: string; response?: { headers?: { get?(n: string): string | undefined } } };
  const header = e.response?.headers?.get?.('retry-after');
  let retryAfterMs: number | undefined;
  if (header) {
    const secs = Number(header);
    retryAfterMs = Number.isFinite(secs) ? secs * 1000 : Math.max(0, Date.parse(header) - Date.now());
  }
  return new SendError(e.message ?? String(err), e.statusCode, retryAfterMs);
}

/**
 * botbuilder swallows errors inside continueConversationAsync (they go to onTurnError) and a dead serviceUrl can
 * hang ~10 s in its retry policy (DESIGN §6): so the callback captures the outcome itself, and every send has our own timeout.
 */
export class BotFrameworkMessenger implements ChannelMessenger {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly timeoutMs: number,
    private readonly log: Logger,
  ) {}

  private async withTimeout<T>(what: string, run: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new SendError(`${what}: timed out after ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      return await Promise.race([run(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async inConversation<T>(
    message: Pick<PostedMessage, 'serviceUrl' | 'tenantId' | 'conversationId'>,
    what: string,
    logic: (ctx: TurnContext) => Promise<T>,
  ): Promise<T> {
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: message.serviceUrl,
      conversation: { id: message.conversationId, tenantId: message.tenantId, isGroup: true, conversationType: 'channel', name: '' },
      bot: { id: this.appId, name: '' },
    };
    return this.withTimeout(what, async () => {
      let outcome = { ok: false, error: new SendError(`${what}: no turn ran`) } as Outcome<T>;
      await this.adapter.continueConversationAsync(this.appId, reference, async (ctx) => {
        try {
          outcome = { ok: true, value: await logic(ctx) };
        } catch (error) {
          outcome = { ok: false, error };
        }
      });
      const settled = outcome as Outcome<T>;
      if (!settled.ok) throw asSendError(settled.error);
      return settled.value;
    });
  }

  async startThread(target: { serviceUrl: string; tenantId: string; channelId: string }, content: Content): Promise<PostedMessage> {
    return this.withTimeout('start thread', async () => {
      let outcome = { ok: false, error: new SendError('start thread: no turn ran') } as Outcome<PostedMessage>;
      try {
        await this.adapter.createConversationAsync(
          this.appId,
          'msteams',
          target.serviceUrl,
          'https://api.botframework.com',
          { isGroup: true, channelData: { channel: { id: target.channelId }, tenant: { id: target.tenantId } }, activity: toActivity(content) as Activity, tenantId: target.tenantId, bot: { id: this.appId, name: '' }, members: [] },
          async (ctx) => {
            const conv = ctx.activity.conversation;
            // Teams answers with "<channel>;messageid=<root activity id>"; the root id is what we update later.
            const rootId = conv.id.split(';messageid=')[1] ?? ctx.activity.id ?? '';
            outcome = { ok: true, value: { serviceUrl: target.serviceUrl, tenantId: target.tenantId, conversationId: conv.id, activityId: rootId } };
          },
        );
      } catch (error) {
        outcome = { ok: false, error };
      }
      const settled = outcome as Outcome<PostedMessage>;
      if (!settled.ok) throw asSendError(settled.error);
      this.log.debug({ conversationId: settled.value.conversationId }, 'thread started');
      return settled.value;
    });
  }

  async update(message: PostedMessage, content: Content): Promise<void> {
    await this.inConversation(message, 'update card', async (ctx) => {
      await ctx.updateActivity({ ...toActivity(content), id: message.activityId, conversation: ctx.activity.conversation });
    });
  }

  async reply(thread: PostedMessage, content: Content): Promise<string> {
    return this.inConversation(thread, 'reply in thread', async (ctx) => {
      // A proactive turn answers its own synthetic activity; point the reply at the thread's root post instead
      // (the hook runs after botbuilder has applied the conversation reference, so ours is the value that is sent).
      ctx.onSendActivities(async (_ctx, activities, next) => {
        for (const a of activities) a.replyToId = thread.activityId;
        return next();
      });
      const res = await ctx.sendActivity(toActivity(content));
      return res?.id ?? '';
    });
  }
}
