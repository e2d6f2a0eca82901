/**
 * The outbound channel port: what the domain (escalation threads, reminders, ISV contacts) needs from a chat
 * channel, in its own words. The Bot Framework adapter in `src/teams/botFrameworkMessenger.ts` implements it;
 * tests use the same adapter against a connector stub on 127.0.0.1.
 */
import type { Card } from '../cards/render.js';

/** Where a posted message lives, enough to update it or reply under it later without a live turn. */
export interface PostedMessage {
  serviceUrl: string;
  tenantId: string;
  conversationId: string;
  activityId: string;
}

/** A failed send, with what the retry logic needs: the HTTP status and Retry-After when the connector gave them. */
export class SendError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
  get retryable(): boolean {
    return this.status === undefined || [408, 412, 429, 500, 502, 503, 504].includes(this.status);
  }
}

export type Content = { card: Card; text?: string; mentions?: Mention[] } | { text: string; mentions?: Mention[] };
export interface Mention {
  id: string;
  name: string;
}

/** Proactive posting into a channel: the only way the bot talks to the channel outside a user's turn. */
export interface ChannelMessenger {
  startThread(target: { serviceUrl: string; tenantId: string; channelId: string }, content: Content): Promise<PostedMessage>;
  update(message: PostedMessage, content: Content): Promise<void>;
  reply(thread: PostedMessage, content: Content): Promise<string>;
}
