/**
 * Everything the bot can do, in one place (DESIGN §5): each text command and each card verb mapped to its handler.
 * Handlers live in ./handlers/, one file per job; the Teams layer (bot.ts) only translates activities into these calls.
 */
import type { CommandSpec } from './commands.js';
import type { Handler } from './turn.js';
import { showHelp } from './handlers/help.js';
import { useChannelForEscalations } from './handlers/escalationChannel.js';

export const commands: CommandSpec[] = [
  { id: 'help', words: ['help', '?', 'hi', 'hello', '說明', '幫助', '帮助', '说明'], handler: showHelp },
];

export const verbs: Record<string, Handler> = {
  'help.show': showHelp,
  'channel.useForEscalations': useChannelForEscalations,
};
