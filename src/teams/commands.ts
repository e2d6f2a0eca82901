import type { Handler } from './turn.js';

export interface CommandSpec {
  id: string;
  /** Words that invoke it, in en / zh-TW / zh-CN; matched case-insensitively at the start of the message. */
  words: string[];
  handler: Handler;
}

/** Teams puts "<at>Bot</at>" in channel messages; the command starts after it. */
export function stripMentions(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const isCjk = (ch: string) => /[\u3000-\u9fff\uff00-\uffef]/.test(ch);

/**
 * Longest word wins ("cases all" before "cases"). A Latin word must end at a space or the end,
 * so "helpful" is not "help"; Chinese words need no space ("案例ABC-123").
 */
export function matchCommand(specs: CommandSpec[], text: string): { spec: CommandSpec; args: string } | undefined {
  const clean = stripMentions(text);
  const lower = clean.toLowerCase();
  let best: { spec: CommandSpec; args: string; len: number } | undefined;
  for (const spec of specs) {
    for (const word of spec.words) {
      const w = word.toLowerCase();
      if (!lower.startsWith(w)) continue;
      const next = lower.charAt(w.length);
      const last = w.charAt(w.length - 1);
      if (next !== '' && next !== ' ' && !isCjk(last)) continue;
      if (!best || w.length > best.len) best = { spec, args: clean.slice(w.length).trim(), len: w.length };
    }
  }
  return best && { spec: best.spec, args: best.args };
}
