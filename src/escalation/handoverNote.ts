/**
 * The handover note in the case's thread (issue 13): the new owner @mentioned, Microsoft's initial-response deadline
 * in THEIR time zone (they start their day with it), what was tried and what is pending. Everything typed is shown
 * through inert(); the mention name is cleaned so the `<at>` text equals the entity's.
 */
import type { Case } from '../flow/case.js';
import type { HandoverNote } from '../flow/effects.js';
import { resolveLocale, t, type Locale } from '../i18n/index.js';
import type { Content } from '../channel/port.js';
import type { EffectRunner } from '../effects/runner.js';
import { inert } from '../text/inert.js';
import { postedOf, problemOf } from './runners.js';
import { mentionName } from './threadCard.js';

const localeTags: Record<Locale, string> = { en: 'en-US', 'zh-TW': 'zh-TW', 'zh-CN': 'zh-CN' };

/** A wall time in `timeZone`, written for `locale` (e.g. "Thu, Nov 19, 2026, 21:00"). */
export function timeInZone(iso: string, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(localeTags[locale], {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

export function handoverNoteContent(c: Case, note: HandoverNote, locale: Locale): Content {
  const name = inert(mentionName(note.to.name));
  const mention = { id: note.to.id, name };
  const lines = [t(locale, 'handover.note.intro', { receiver: `<at>${name}</at>`, id: c.id, from: inert(note.from.slice(0, 80)) })];
  if (c.initialResponseDue && !c.microsoftRespondedAt) {
    const time = timeInZone(c.initialResponseDue, note.timeZone, locale);
    lines.push(t(locale, note.zoneKnown ? 'handover.note.due' : 'handover.note.dueTeamZone', { time, timeZone: note.timeZone }));
  } else {
    lines.push(t(locale, c.microsoftRespondedAt ? 'handover.note.responded' : 'handover.note.noDeadline'));
  }
  lines.push(t(locale, 'handover.note.tried', { text: inert(note.tried) }));
  lines.push(t(locale, 'handover.note.pending', { text: inert(note.pending) }));
  return { text: lines.join('\n\n'), mentions: [mention] };
}

/** Replies in the thread, in the case's language (the thread's); a failed post is told to the agent, not thrown. */
export const postHandoverNote: EffectRunner<{ type: 'handoverNote'; note: HandoverNote }> = async (effect, c, turn, app) => {
  const thread = c.escalation?.thread;
  if (!thread) return {};
  try {
    await app.messenger.reply(postedOf(thread), handoverNoteContent(c, effect.note, resolveLocale(c.locale)));
    return {};
  } catch (err) {
    app.log.warn({ caseId: c.id, err: (err as Error).message }, 'handover note failed');
    return { notices: [t(turn?.locale ?? resolveLocale(c.locale), `escalation.updateFailed.${problemOf(err)}`)] };
  }
};
