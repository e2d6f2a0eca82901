/**
 * What a reminder says in the case's channel thread, in the team's language: how long until (or since) Microsoft's
 * initial response was due, the rule behind the deadline, the owner @mentioned, and the team lead(s) after the breach.
 * Pure: case, payload, policies and `now` in; message content out.
 */
import { renderCard, type Card } from '../cards/render.js';
import type { Case } from '../flow/case.js';
import { t, type Locale } from '../i18n/index.js';
import { describeRemaining } from '../sla/describe.js';
import { localDateOf, isoDate, wallParts } from '../sla/zonedTime.js';
import type { Content, Mention } from '../channel/port.js';
import type { ReminderPayload } from './schedule.js';
import type { TeamPolicies } from './teamPolicies.js';

/** Teams renders these in each reader's own zone and language (Adaptive Card text functions; TextBlock only). */
import { readerTime } from '../cards/readerTime.js';
import { inert } from '../text/inert.js';

/** `<at>` text must match the mention entity exactly and sits in markdown: keep names plain. */
export function mentionOf(p: { id: string; name: string }, fallback: string): Mention {
  const name = p.name.replace(/[<>[\]()*_`~#|\\{}$]/g, '').replace(/\s+/g, ' ').trim().slice(0, 80);
  return { id: p.id, name: name || fallback };
}

/** "1 h 20 min left" / "overdue by 35 min" for the case's deadline, or '' without one (for the thread card). */
export function timeLeftLine(c: Case, now: Date, locale: Locale): string {
  if (!c.initialResponseDue || c.microsoftRespondedAt || c.closed) return '';
  return t(locale, 'reminders.timeLeft', { remaining: describeRemaining(new Date(c.initialResponseDue), now, locale) });
}

function titleKey(kind: ReminderPayload['kind'], due: Date, now: Date): string {
  if (now.getTime() >= due.getTime() + 60_000) return 'reminders.title.overdue';
  // A "minutes before" point sent a few seconds late (poll interval) is still a warning, not the deadline itself.
  if (kind === 'due' || now.getTime() >= due.getTime()) return 'reminders.title.due';
  return kind === 'halfway' ? 'reminders.title.halfway' : 'reminders.title.before';
}

/** Only a reminder that really fell behind says it "could not be sent on time" (issue 9 point 8). */
function catchUpLine(payload: ReminderPayload, locale: Locale): string {
  const missed = Math.max(1, payload.missed ?? 1);
  const reason = payload.catchUpReason ?? 'late';
  return reason === 'late' ? t(locale, 'reminders.catchUp', { missed }) : t(locale, `hardening.catchUp.${reason}`, { missed });
}

export interface ReminderMessage {
  content: Content & { card: Card };
  mentions: Mention[];
}

/**
 * Who quiet hours chose to mention (src/reminders/quietHours.ts); without it, the owner and (after the breach) the
 * leads, as before quiet hours.
 */
export interface ReminderAudienceChoice {
  mentions: { id: string; name: string }[];
  ownerMentioned: boolean;
}

export function reminderMessage(c: Case, payload: ReminderPayload, p: TeamPolicies, now: Date, audience?: ReminderAudienceChoice): ReminderMessage {
  const locale = p.locale;
  const partnerClock = payload.clock === 'partner';
  const due = new Date((partnerClock ? c.partnerResponseDue : c.initialResponseDue) ?? payload.due);
  const breached = now.getTime() >= due.getTime();
  const remaining = describeRemaining(due, now, locale);
  const owner = mentionOf(c.owner, 'owner');
  // Leads are paged once the deadline has really passed (issue 5), also when a catch-up stands in for the breach point.
  // Within the deadline's minute the card says "due now" and a response recorded then is in time, so the mention text
  // says overdue only from the same moment the card does (issue 9 point 8).
  const overdue = now.getTime() >= due.getTime() + 60_000;
  const leads = audience
    ? audience.mentions.filter((m) => m.id !== c.owner.id).map((l) => mentionOf(l, t(locale, 'reminders.leadFallback')))
    : overdue && (payload.mentionLeads || p.reminders.mentionLeadsAfterBreach) ? p.leads.map((l) => mentionOf(l, t(locale, 'reminders.leadFallback'))) : [];
  const at = (m: Mention) => `<at>${m.name}</at>`;
  const ownerOffDuty = audience !== undefined && !audience.ownerMentioned;
  const mentions = ownerOffDuty ? leads : [owner, ...leads.filter((l) => l.id !== owner.id)];
  let text: string;
  if (ownerOffDuty) {
    // Quiet hours: the owner is off duty and the deadline cannot wait for their morning; the on-duty lead acts.
    text = t(locale, 'quietHours.leadInstead', { leads: mentions.map(at).join(' '), owner: inert(owner.name), id: c.id });
  } else {
    text = t(locale, partnerClock ? (overdue ? 'partnerClock.mention.ownerOverdue' : 'partnerClock.mention.owner') : overdue ? 'reminders.mention.ownerOverdue' : 'reminders.mention.owner', { owner: at(owner), id: c.id });
    if (mentions.length > 1) text += ' ' + t(locale, 'reminders.mention.leads', { leads: mentions.slice(1).map(at).join(' '), count: mentions.length - 1 });
  }

  const local = wallParts(now.getTime(), p.calendar.timeZone);
  const card = renderCard('reminder', {
    caseId: c.id,
    version: c.version,
    // Which clock is approaching, in the title itself (issue 14 point 6).
    title: t(locale, partnerClock ? titleKey(payload.kind, due, now).replace('reminders.title.', 'partnerClock.title.') : titleKey(payload.kind, due, now), { id: c.id, remaining }),
    color: breached ? 'Attention' : 'Warning',
    catchUp: payload.catchUp ? catchUpLine(payload, locale) : '',
    dueLine: t(locale, partnerClock ? 'partnerClock.dueAt' : 'reminders.dueAt', { time: readerTime(due.toISOString()) }),
    ruleLine: (partnerClock ? c.partnerResponseRule : c.initialResponseRule) ?? '',
    facts: [
      ...(c.intake ? [{ title: t(locale, 'reminders.fact.customer'), value: inert(c.intake.customer.name.slice(0, 120)) }] : []),
      ...(c.serviceRequest ? [{ title: t(locale, 'reminders.fact.sr'), value: inert(c.serviceRequest.number) }] : []),
      ...(c.serviceRequest ? [{ title: t(locale, 'reminders.fact.severity'), value: t(locale, `reminders.severity.${c.serviceRequest.severity}`) }] : []),
    ],
    done: '',
    open: true,
    // One post per reminder (issue 13): the @mention line is in the card, its entities in the card's msteams.entities.
    mentionLine: text,
    mentionEntities: mentions.map((m) => ({ type: 'mention', text: at(m), mentioned: { id: m.id, name: m.name } })),
    ...formLabels(locale, isoDate(localDateOf(now.getTime(), p.calendar.timeZone)), `${pad(local.hour)}:${pad(local.minute)}`, p.calendar.timeZone),
  });
  return { content: { card }, mentions };
}

const pad = (n: number) => String(n).padStart(2, '0');

export function formLabels(locale: Locale, today: string, nowTime: string, timeZone: string) {
  return {
    respondedTitle: t(locale, 'reminders.action.responded'),
    respondedHint: t(locale, 'reminders.responded.hint', { timeZone }),
    dateLabel: t(locale, 'reminders.field.date'),
    timeLabel: t(locale, 'reminders.field.time'),
    dateError: t(locale, 'reminders.error.date'),
    timeError: t(locale, 'reminders.error.time'),
    today,
    nowTime,
    saveTitle: t(locale, 'reminders.action.save'),
    snoozeTitle: t(locale, 'reminders.action.snooze'),
    snoozeLabel: t(locale, 'reminders.field.snooze'),
    untilLabel: t(locale, 'reminders.field.until', { timeZone }),
    snoozeChoices: [
      { title: t(locale, 'reminders.snooze.30'), value: '30' },
      { title: t(locale, 'reminders.snooze.60'), value: '60' },
      { title: t(locale, 'reminders.snooze.until'), value: 'until' },
    ],
  };
}

/**
 * The reminder card after someone acted on it (Action.Execute replaces it in place): what was recorded, or the
 * form again with the problems next to the action, for everyone in the thread to see.
 */
export function reminderActionCard(c: Case, p: TeamPolicies, now: Date, outcome: { done: string } | { errors: string[] }) {
  const locale = p.locale;
  const due = c.initialResponseDue ? new Date(c.initialResponseDue) : undefined;
  const open = !('done' in outcome);
  const local = wallParts(now.getTime(), p.calendar.timeZone);
  return renderCard('reminder', {
    caseId: c.id,
    version: c.version,
    title: due && open ? t(locale, titleKey('before', due, now), { id: c.id, remaining: describeRemaining(due, now, locale) }) : t(locale, 'reminders.title.case', { id: c.id }),
    color: 'Default',
    catchUp: 'errors' in outcome ? outcome.errors.join('\n\n') : '',
    dueLine: due ? t(locale, 'reminders.dueAt', { time: readerTime(due.toISOString()) }) : '',
    ruleLine: c.initialResponseRule ?? '',
    facts: c.serviceRequest ? [{ title: t(locale, 'reminders.fact.sr'), value: inert(c.serviceRequest.number) }] : [],
    done: 'done' in outcome ? outcome.done : '',
    open,
    mentionLine: '',
    mentionEntities: [],
    ...formLabels(locale, isoDate(localDateOf(now.getTime(), p.calendar.timeZone)), `${pad(local.hour)}:${pad(local.minute)}`, p.calendar.timeZone),
  });
}

/**
 * What the case card at the root of the thread shows for the deadline (issue 5: "time left / overdue by"), any
 * reminder delivery failure, and the reminder buttons it offers. Rendered by src/escalation/threadCard.ts.
 */
export function threadCardExtras(c: Case, locale: Locale, now?: Date): { line: string; actions: { verb: string; title: string; style: string }[] } {
  const lines: string[] = [];
  if (now) {
    const left = timeLeftLine(c, now, locale);
    if (left) lines.push(left);
  }
  if (c.snoozedUntil && (!now || Date.parse(c.snoozedUntil) > now.getTime()) && !c.microsoftRespondedAt && !c.closed) {
    lines.push(t(locale, 'reminders.snoozedUntil', { time: readerTime(c.snoozedUntil) }));
  }
  if (c.reminderFailure && !c.closed) lines.push(t(locale, 'reminders.failure', { reason: inert(c.reminderFailure.slice(0, 200)) }));
  const waiting = Boolean(c.serviceRequest) && !c.microsoftRespondedAt && !c.closed && c.step !== 'closed';
  const actions = waiting
    ? [
        { verb: 'reminders.thread.responded', title: t(locale, 'reminders.action.respondedNow'), style: 'positive' },
        { verb: 'reminders.thread.snooze', title: t(locale, 'reminders.action.snoozeHour'), style: 'default' },
      ]
    : [];
  return { line: lines.join('\n\n'), actions };
}
