/**
 * The case card at the root of the case's thread in the team channel (issue 4 point 3): summary, owner @mentioned,
 * severity in Microsoft's wording, the prefilled links, the draft in English plus the case's language, and actions.
 * Pure: case + partner contact in, card out. Everything a person typed goes into TextRuns or Input.Text values (never
 * markdown, never template); only catalog text and validated values reach TextBlocks and FactSets.
 */
import { renderCard, type Card } from '../cards/render.js';
import type { Actor, Case } from '../flow/case.js';
import { route } from '../flow/route.js';
import { resolveLocale, t, type Locale } from '../i18n/index.js';
import { buildCaseLinks, linkInputOf, parseDomain, parseGuid } from '../links/index.js';
import type { Mention } from '../channel/port.js';
import { buildDrafts, type Draft, type PartnerContact } from './draft.js';
import { cap, cleanLine, cleanText } from './plainText.js';
import { threadCardExtras } from '../reminders/message.js';
import { azureThreadExtras } from '../azureSupport/threadLines.js';
import { linkButton } from '../links/buttons.js';
import { maxPrimaryActions } from '../cards/overflow.js';

/** Teams renders these functions in each reader's own time zone and language (Adaptive Cards text functions). */
export { readerTime } from '../cards/readerTime.js';
import { readerTime } from '../cards/readerTime.js';
import { inert, inertParams, inertRun } from '../text/inert.js';

/** Bot messages may be 40 KB (domain-facts §4.3); keep a margin for the activity envelope. */
export const maxCardBytes = 36_000;

/**
 * The text inside `<at>…</at>` must equal the mention entity's text exactly, and it sits in a markdown TextBlock:
 * so the display name loses markdown and tag characters (the same cleaned name goes in both places).
 */
export function mentionName(name: string): string {
  const clean = cleanLine(name, 80).replace(/[<>[\]()*_`~#|\\{}$]/g, '').replace(/:\/\//g, ' ').trim();
  return clean === '' ? 'owner' : clean;
}

export function ownerMention(owner: Actor): Mention {
  return { id: owner.id, name: mentionName(owner.name) };
}

export interface ThreadCardOptions {
  contact: PartnerContact;
  /** Defaults to the case's locale (the agent who opened it). */
  locale?: Locale;
  /** A line for the reader of this copy (e.g. "posted in Helpdesk › Escalations", or what to do when posting failed). */
  notice?: string;
  /** Render time, for the deadline's "time left / overdue by" line (issue 5; src/reminders/message.ts). */
  now?: Date;
  /** Offer "Track Azure ticket" / "File in Azure" (issue 14: only when AZURE_SUPPORT_MODE=live). */
  azureAvailable?: boolean;
}

function draftData(d: Draft, locale: Locale, maxDescription?: number) {
  return {
    title: t(locale, 'experience.thread.draftButton', { language: t(d.locale, 'escalation.language.name') }),
    hint: t(locale, 'escalation.thread.draftHint'),
    parts: d.parts.map((p) => ({
      id: `draft-${d.locale}-${p.key}`,
      label: p.label,
      value: maxDescription !== undefined && p.key === 'description' ? cap(p.text, maxDescription) : p.text,
      multiline: p.key === 'description' || p.key === 'contact',
    })),
  };
}

function status(c: Case, tr: (k: string, p?: Record<string, string>) => string): { text: string; color: string } {
  if (c.closed || c.step === 'closed') {
    const by = c.closed ? mentionName(c.closed.by.name) : '';
    return { text: tr('escalation.status.closed', { name: by, time: c.closed ? readerTime(c.closed.at) : '' }), color: 'Good' };
  }
  if (c.microsoftRespondedAt) return { text: tr('escalation.status.responded', { time: readerTime(c.microsoftRespondedAt) }), color: 'Good' };
  if (c.serviceRequest) {
    const sr = c.serviceRequest;
    const due = c.initialResponseDue ? ' ' + tr('escalation.status.due', { time: readerTime(c.initialResponseDue) }) : '';
    return { text: tr('escalation.status.srRecorded', { number: inert(sr.number), time: readerTime(sr.filedAt) }) + due, color: 'Accent' };
  }
  return { text: tr('escalation.status.waitingForSr'), color: 'Warning' };
}

function threadData(c: Case, opts: ThreadCardOptions, shrink: 0 | 1 | 2) {
  const intake = c.intake;
  if (!intake) throw new Error(`case ${c.id} has no intake: nothing to post`);
  const locale = opts.locale ?? resolveLocale(c.locale);
  const tr = (key: string, params?: Record<string, string>) => t(locale, key, params);
  const owner = ownerMention(c.owner);
  const open = !(c.closed || c.step === 'closed');

  const links = buildCaseLinks(linkInputOf(c) ?? { cloud: intake.cloud, product: intake.product }).map((l) =>
    linkButton(l, (k, p) => t(locale, k, p), tr('escalation.link.observed')),
  );
  // How to file, plus any warning (21Vianet remediation); the decision's own rules stayed on the decide card.
  const rules = intake.product === 'marketplace' ? [] : route(intake, c.decision).rules.filter((r) => r.phase === 'file' || r.tone === 'attention').map((r) => ({
    text: t(locale, r.key, inertParams(r.params)),
    color: r.tone === 'attention' ? 'Attention' : 'Default',
  }));

  const drafts = buildDrafts(c, opts.contact, locale);
  const draftList = [draftData(drafts.english, locale, shrink === 2 ? 1500 : undefined)];
  if (drafts.local && shrink === 0) draftList.push(draftData(drafts.local, locale));

  const facts = [
    { title: tr('escalation.fact.cloud'), value: tr(`escalation.cloud.${intake.cloud}`) },
    { title: tr('escalation.fact.product'), value: tr(`escalation.product.${intake.product}`) },
    { title: tr('escalation.fact.severity'), value: t(locale, `draft.severity.${c.serviceRequest?.severity ?? intake.severity}`) },
    { title: tr('escalation.fact.supportLanguage'), value: tr(`escalation.supportLanguage.${intake.supportLanguage}`) },
  ];
  // FactSet values may be read as markdown: only values that pass the link module's validators go there.
  const tenantId = parseGuid(intake.customer.tenantId);
  const domain = parseDomain(intake.customer.domain);
  if (tenantId) facts.push({ title: tr('escalation.fact.tenantId'), value: tenantId });
  if (domain) facts.push({ title: tr('escalation.fact.domain'), value: domain });
  if (c.serviceRequest) facts.push({ title: tr('escalation.fact.srNumber'), value: inert(c.serviceRequest.number) });

  const st = status(c, tr);
  const reminders = threadCardExtras(c, locale, opts.now);
  const azure = azureThreadExtras(c, locale, { azureAvailable: opts.azureAvailable ?? false, ...(opts.now ? { now: opts.now } : {}) });
  const retry = open && c.escalation?.postError !== undefined && !c.escalation.thread;
  // At most three visible buttons (issue 13): posting again and recording the SR first, then the drafts to copy;
  // take over and close go to the "…" menu.
  const primary = open
    ? [
        ...(retry ? [{ verb: 'escalation.post', title: tr('escalation.action.postAgain'), style: 'positive' }] : []),
        { verb: 'sr.form', title: tr(c.serviceRequest ? 'escalation.action.correctSr' : 'escalation.action.recordSr'), style: 'positive' },
      ]
    : [];
  const secondary = open
    ? [
        { verb: 'escalation.takeOver', title: tr('escalation.action.takeOver'), style: 'default' },
        { verb: 'escalation.close', title: tr('escalation.action.close'), style: 'default' },
      ]
    : [];
  const actions = [...primary.map((a) => ({ ...a, mode: 'primary' })), ...secondary.map((a) => ({ ...a, mode: 'secondary' }))];

  return {
    caseId: c.id,
    version: c.version,
    title: tr('escalation.thread.title', { id: c.id }),
    customer: inertRun(cleanLine(intake.customer.name, 200)),
    status: st.text,
    // The rule behind the deadline (issue 13), e.g. "Severity B, local language: 4 business hours, Asia/Taipei calendar".
    ruleLine: c.initialResponseDue && open && !c.microsoftRespondedAt ? (c.initialResponseRule ?? '') : '',
    notice: [opts.notice ?? '', reminders.line, ...azure.lines].filter(Boolean).join('\n\n'),
    reminderActions: open ? reminders.actions : [],
    azureActions: azure.actions,
    noticeColor: retry ? 'Attention' : 'Accent',
    statusColor: st.color,
    ownerLine: tr('escalation.thread.owner', { owner: `<at>${owner.name}</at>` }),
    escalatedLine: c.escalation ? tr('escalation.thread.escalatedAt', { time: readerTime(c.escalation.escalatedAt) }) : '',
    mention: { text: `<at>${owner.name}</at>`, id: owner.id, name: owner.name },
    facts,
    symptomsLabel: tr('escalation.thread.symptoms'),
    symptoms: inertRun(cleanText(intake.symptoms, 600)),
    overrideLabel: tr('escalation.thread.override'),
    override: inertRun(cleanText(c.decision?.overrideReason, 600)),
    rulesTitle: tr('escalation.thread.howToFile'),
    rules,
    linksTitle: tr('escalation.thread.links'),
    links,
    drafts: draftList.map((d, i) => ({ ...d, mode: primary.length + i < maxPrimaryActions ? 'primary' : 'secondary' })),
    actions,
    // Follow-the-sun handover (issue 13): beside the owner line it changes, in its own row (the card's action row is full).
    ownerActions: open ? [{ verb: 'handover.form', title: tr('handover.action.handOver') }] : [],
  };
}

/** The thread's root card and the mention it carries; smaller variants when a long case would pass the size limit. */
export function caseThreadCard(c: Case, opts: ThreadCardOptions): { card: Card; mention: Mention } {
  let card: Card = {};
  for (const shrink of [0, 1, 2] as const) {
    card = renderCard('case-thread', threadData(c, opts, shrink));
    if (Buffer.byteLength(JSON.stringify(card)) <= maxCardBytes) break;
  }
  return { card, mention: ownerMention(c.owner) };
}
