import type { Actor } from '../flow/case.js';
import type { Locale, Translate } from '../i18n/index.js';
import type { Card } from '../cards/render.js';
import type { AppServices } from '../app/services.js';

export type ConversationKind = 'personal' | 'channel' | 'groupChat';

/**
 * One thing a user did, already translated out of Bot Framework terms:
 * a text command, or a card action (Action.Execute and Action.Submit arrive here alike).
 */
export interface Turn {
  locale: Locale;
  t: Translate;
  actor: Actor;
  tenantId: string;
  conversation: {
    id: string;
    kind: ConversationKind;
    teamId?: string;
    teamName?: string;
    channelId?: string;
    serviceUrl: string;
  };
  /** The user's IANA time zone as Teams reports it (clientInfo entity / localTimezone), for forms that take a local time. */
  timeZone?: string;
  /**
   * Reads the team's channels and members from Teams into the cache (names, not ids; issue 13). Present in team
   * conversations only; never throws (the cards fall back to cached names). `force` skips the 10-minute freshness.
   */
  syncTeam?: (force?: boolean) => Promise<void>;
  via: 'message' | 'execute' | 'submit';
  /** Text after the command word (commands only). */
  args: string;
  /** Card action data plus the card's input values (card actions only). */
  data: Record<string, unknown>;
  now: Date;
}

/** What a handler answers. A card replaces the clicked card (Action.Execute) or is sent as a new message. */
export type Reply = { card: Card; text?: string } | { text: string };

export type Handler = (turn: Turn, app: AppServices) => Promise<Reply>;
