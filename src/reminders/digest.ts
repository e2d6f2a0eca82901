/**
 * The daily digest (issue 5 point 5): per team escalation channel, at the team's configured local time on business
 * days, a card with open cases, due today, breached and waiting on the ISV. Planned as reminder rows of kind
 * 'digest' with a deterministic id ("digest:<team>:<date>:<HHMM>"), so two workers planning the same digest insert
 * one row, and the ordinary claim makes sure one of them posts it.
 */
import { renderCard } from '../cards/render.js';
import type { AppServices } from '../app/services.js';
import type { Case } from '../flow/case.js';
import { t, type Locale } from '../i18n/index.js';
import { windowsOn } from '../sla/calendar.js';
import { describeRemaining } from '../sla/describe.js';
import { addDays, isoDate, localDateOf, zonedInstant } from '../sla/zonedTime.js';
import type { Reminder } from '../store/reminders.js';
import type { ChannelMessenger } from '../channel/port.js';
import { teamSettingsSchema } from '../settings/teamSettings.js';
import type { SendLimiter } from './limiter.js';
import { policiesFrom, type TeamPolicies } from './teamPolicies.js';
import { inert, inertRun } from '../text/inert.js';

export const digestKind = 'digest';

/** The next digest instant at or after `now` on a business day of the team's calendar. */
export function nextDigestAt(p: TeamPolicies, now: Date): Date | undefined {
  const time = p.settings.digestTime;
  if (time === 'off') return undefined;
  const minutes = Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  let date = localDateOf(now.getTime(), p.calendar.timeZone);
  for (let i = 0; i < 400; i++, date = addDays(date, 1)) {
    if (windowsOn(p.calendar, date).length === 0) continue;
    const at = zonedInstant(date, minutes, p.calendar.timeZone);
    if (at >= now.getTime()) return new Date(at);
  }
  return undefined;
}

/** Plans the next digest of every team that has an escalation channel; cheap, idempotent, safe with several workers. */
export async function ensureDigestRows(app: AppServices, now: Date): Promise<number> {
  const teams = await app.store.teamSettings.listAll();
  let planned = 0;
  for (const row of teams) {
    const parsed = teamSettingsSchema.safeParse(row.data);
    if (!parsed.success || !parsed.data.escalationChannelId) continue;
    const p = policiesFrom(parsed.data, 'en');
    const at = nextDigestAt(p, now);
    if (!at) continue;
    const date = isoDate(localDateOf(at.getTime(), p.calendar.timeZone));
    const id = `digest:${row.teamId}:${date}:${parsed.data.digestTime.replace(':', '')}`;
    const inserted = await app.store.reminders.addOnce(
      { id, caseId: `team:${row.teamId}`, tenantId: row.tenantId, kind: digestKind, dueAt: at.toISOString(), payload: { teamId: row.teamId, date, time: parsed.data.digestTime } },
      now.toISOString(),
    );
    if (inserted) planned++;
  }
  return planned;
}

/** Deep link to the case's thread in Teams (the root message holds the case card). */
export function threadLink(c: Case): string {
  const th = c.escalation?.thread;
  if (!th) return '';
  const q = new URLSearchParams({ tenantId: th.tenantId, parentMessageId: th.rootActivityId });
  return `https://teams.microsoft.com/l/message/${encodeURIComponent(th.channelId)}/${encodeURIComponent(th.rootActivityId)}?${q.toString()}`;
}

export interface DigestSections {
  open: Case[];
  breached: Case[];
  dueToday: Case[];
  waitingOnIsv: Case[];
  other: Case[];
}

export function sortForDigest(cases: Case[], p: TeamPolicies, now: Date): DigestSections {
  const today = isoDate(localDateOf(now.getTime(), p.calendar.timeZone));
  const waiting = (c: Case) => Boolean(c.initialResponseDue) && !c.microsoftRespondedAt;
  const breached = cases.filter((c) => waiting(c) && Date.parse(c.initialResponseDue!) <= now.getTime());
  const dueToday = cases.filter(
    (c) => waiting(c) && Date.parse(c.initialResponseDue!) > now.getTime() && isoDate(localDateOf(Date.parse(c.initialResponseDue!), p.calendar.timeZone)) === today,
  );
  const waitingOnIsv = cases.filter((c) => c.step === 'waitingOnIsv');
  const listed = new Set([...breached, ...dueToday, ...waitingOnIsv]);
  return { open: cases, breached, dueToday, waitingOnIsv, other: cases.filter((c) => !listed.has(c)) };
}

function statusOf(c: Case, now: Date, locale: Locale): string {
  if (c.step === 'waitingOnIsv') return t(locale, 'reminders.digest.status.waitingOnIsv');
  if (c.microsoftRespondedAt) return t(locale, 'reminders.digest.status.responded');
  if (c.initialResponseDue) return describeRemaining(new Date(c.initialResponseDue), now, locale);
  if (c.step === 'escalated') return t(locale, 'reminders.digest.status.noSr');
  return t(locale, 'reminders.digest.status.open', { step: t(locale, `flow.card.title.${c.step}`) });
}

export function digestCard(teamName: string, cases: Case[], p: TeamPolicies, now: Date) {
  const locale = p.locale;
  const s = sortForDigest(cases, p, now);
  const line = (c: Case) => ({
    line: t(locale, 'reminders.digest.line', { id: c.id, customer: inertRun((c.intake?.customer.name ?? '').slice(0, 80)), status: statusOf(c, now, locale) }),
    url: threadLink(c),
    // Trailing separators, full-width ones too (：·，); escaped because the bundle must stay ASCII (scripts/bundle.mjs).
    tooltip: t(locale, 'reminders.digest.line', { id: c.id, customer: (c.intake?.customer.name ?? '').slice(0, 80), status: '' }).replace(/[\s:\uff1a\u00b7,\uff0c-]+$/, ''),
  });
  const sections = [
    { title: t(locale, 'reminders.digest.breached'), color: 'Attention', cases: s.breached.map(line) },
    { title: t(locale, 'reminders.digest.dueToday'), color: 'Warning', cases: s.dueToday.map(line) },
    { title: t(locale, 'reminders.digest.waitingOnIsv'), color: 'Default', cases: s.waitingOnIsv.map(line) },
    { title: t(locale, 'reminders.digest.otherOpen'), color: 'Default', cases: s.other.map(line) },
  ].filter((x) => x.cases.length > 0);
  return renderCard('digest', {
    title: t(locale, 'reminders.digest.title', { team: inert(teamName) }),
    summary: [t(locale, 'reminders.digest.summary', { open: s.open.length, dueToday: s.dueToday.length, breached: s.breached.length, waitingOnIsv: s.waitingOnIsv.length }), clocksLine(cases, p, now)]
      .filter(Boolean)
      .join('\n\n'),
    none: cases.length === 0 ? t(locale, 'reminders.digest.none') : '',
    sections,
    openTitle: t(locale, 'reminders.digest.open'),
  });
}

/**
 * Issue 14 point 6: breaches of each clock, when the team keeps a promise of its own: Microsoft's initial-response
 * deadline passed without a response, and the partner's promise to its customer passed (same stop condition).
 */
export function clockBreaches(cases: Case[], now: Date): { microsoft: number; partner: number } {
  const waiting = (c: Case) => !c.microsoftRespondedAt && !c.closed && c.step !== 'closed';
  return {
    microsoft: cases.filter((c) => waiting(c) && c.initialResponseDue !== undefined && Date.parse(c.initialResponseDue) <= now.getTime()).length,
    partner: cases.filter((c) => waiting(c) && c.partnerResponseDue !== undefined && Date.parse(c.partnerResponseDue) <= now.getTime()).length,
  };
}

function clocksLine(cases: Case[], p: TeamPolicies, now: Date): string {
  if (!p.settings.partnerPromise && !cases.some((c) => c.partnerResponseDue)) return '';
  const b = clockBreaches(cases, now);
  return t(p.locale, 'partnerClock.digest.breaches', { microsoft: b.microsoft, partner: b.partner });
}

/** Posts one digest row's card as a new message in the team's escalation channel. A stale row (settings changed) is dropped. */
export async function sendDigest(app: AppServices, messenger: ChannelMessenger, limiter: SendLimiter, row: Reminder, now: Date): Promise<void> {
  const teamId = String(row.payload.teamId ?? '');
  const stored = await app.store.teamSettings.get(teamId);
  const parsed = teamSettingsSchema.safeParse(stored?.data ?? {});
  if (!parsed.success || !parsed.data.escalationChannelId || parsed.data.digestTime !== row.payload.time) return;
  const channel = await app.store.channels.byTeamChannel(teamId, parsed.data.escalationChannelId);
  if (!channel || !channel.active) return;
  const p = policiesFrom(parsed.data, 'en');
  const all = await app.store.cases.list(row.tenantId, { openOnly: true, limit: 500, withoutDrafts: true });
  const mine = all.filter((c) => (c.teamId ?? c.escalation?.thread?.teamId) === teamId);
  const card = digestCard(channel.teamName ?? teamId, mine, p, now);
  await limiter.acquire(channel.tenantId);
  await messenger.startThread({ serviceUrl: channel.serviceUrl, tenantId: channel.tenantId, channelId: parsed.data.escalationChannelId }, { card });
}
