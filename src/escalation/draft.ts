/**
 * The service-request draft the agent copies into Microsoft's (or 21Vianet's) form (DESIGN §2.5, issue 4 point 2).
 * Pure: a case, the partner's contact and a locale in; plain-text parts out, each one separately copyable.
 * Microsoft's forms may need English, so buildDrafts always gives English plus the agent's language.
 */
import type { Case, HealthCheck, HealthItem, Product, Severity } from '../flow/case.js';
import { checklistLabelKey } from '../flow/checklists.js';
import { allCatalogs, t, type Locale, type Params } from '../i18n/index.js';
import { cleanLine, cleanText } from './plainText.js';

/** Who Microsoft should contact: always the partner (seed 001: "enter your information, not your customer's"). */
export interface PartnerContact {
  company: string;
  name: string;
  email: string;
  phone?: string;
}

/** Label of a troubleshooting checklist item of a product in a locale; the checklist belongs to the flow area. */
export type LabelForTried = (key: string, locale: Locale, product: Product) => string;

export type DraftPartKey = 'title' | 'severity' | 'supportPlan' | 'description' | 'contact';

export interface DraftPart {
  key: DraftPartKey;
  /** Field name as Microsoft's form shows it, in the draft's language. */
  label: string;
  text: string;
}

export interface Draft {
  locale: Locale;
  title: string;
  severity: { code: Severity; text: string };
  /** Azure only (seed 001: Basics → Support plan = Cloud Solution Provider). */
  supportPlan?: string;
  /** The description's sections, for cards that show them one by one. */
  sections: {
    symptoms: string;
    businessImpact: string;
    healthEvidence: string;
    troubleshooting: string;
    customer: string;
    caseReference: string;
  };
  /** The sections joined, ready for the form's description box. */
  description: string;
  contact: { name: string; company: string; email: string; phone?: string; text: string };
  /** In the order of the form, each part copyable on its own. */
  parts: DraftPart[];
}

/**
 * No limit for the title field is documented in domain-facts (Azure's REST spec has none); 100 characters fits
 * what every form we know accepts and stays readable in a ticket list.
 */
export const maxTitleLength = 100;
const maxSymptoms = 4000;
const maxNotes = 2000;
const maxTriedItems = 30;
const maxLine = 200;
/** Latest checks and items only: the engineer needs the evidence, not the whole history. */
const maxChecks = 3;

/**
 * Checklist labels as the troubleshoot card showed them (`flow.check.<product>.<key>`). A key no checklist has any
 * more (an item removed after the case was worked) is left out rather than shown raw to Microsoft's engineer.
 */
export const catalogLabelForTried: LabelForTried = (key, locale, product) => {
  const catalogs = allCatalogs();
  const k = checklistLabelKey(product, key);
  return catalogs[locale][k] ?? catalogs.en[k] ?? '';
};

/** A catalog text when the catalog has one for this code (Microsoft's status names, failure reasons), else a cleaned line. */
function labelOr(tr: (key: string) => string, key: string, raw: string, max: number): string {
  return key in allCatalogs().en ? tr(key) : cleanLine(raw, max);
}

/** Times as UTC with the zone named: the engineer, the partner and the bot may all be in different zones. */
export function formatUtc(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return cleanLine(iso, 40);
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Evidence for the engineer: that (and when, and where) service health was checked, and the incident the agent
 * attached as matching. Other incidents the check listed are NOT evidence: the agent looked at them and did not
 * attach them, so the draft says how many were reviewed instead of implying each was relevant (issue 13).
 */
function healthLines(c: Case, tr: (key: string, params?: Params) => string): string[] {
  const lines: string[] = [];
  for (const check of c.healthChecks.slice(-maxChecks)) lines.push(...checkLines(check, c.attachedIncident, tr));
  if (c.attachedIncident) lines.push(tr('draft.health.attached', itemParams(c.attachedIncident, tr)));
  return lines.length > 0 ? lines : [tr('draft.health.none')];
}

function sourceLabel(item: Pick<HealthItem, 'source'>, demo: boolean, tr: (key: string) => string): string {
  return demo ? tr('draft.health.source.demo') : tr(`draft.health.source.${item.source}`);
}

function itemParams(item: HealthItem, tr: (key: string) => string): Params {
  return {
    id: cleanLine(item.id, 60),
    title: cleanLine(item.title, maxLine),
    service: cleanLine(item.service, 80),
    classification: tr(`draft.health.classification.${item.classification}`),
    status: labelOr(tr, `health.status.${item.status}`, item.status, 60),
    updated: formatUtc(item.lastUpdated),
  };
}

function checkLines(check: HealthCheck, attached: HealthItem | undefined, tr: (key: string, params?: Params) => string): string[] {
  const time = formatUtc(check.checkedAt);
  const lines: string[] = [];
  const source = check.demo ? tr('draft.health.source.demo') : tr('draft.health.source.checked');
  const unrelated = check.items.filter((i) => !(attached && i.id === attached.id && i.source === attached.source));
  if (check.items.length === 0 && check.failures.length === 0) lines.push(tr('draft.health.nothingFound', { time, source }));
  else if (unrelated.length > 0) lines.push(tr('experience.draft.noneMatching', { time, source, count: unrelated.length }));
  else if (check.items.length > 0) lines.push(tr('experience.draft.checkedAttached', { time, source: sourceLabel(check.items[0]!, check.demo, tr) }));
  for (const failure of check.failures) {
    const reason = labelOr(tr, `experience.draft.failureReason.${failure.reason}`, failure.reason, 80);
    lines.push(tr('draft.health.failure', { time, source: sourceLabel(failure, check.demo, tr), reason }));
  }
  return lines;
}

const bullet = (line: string) => `- ${line}`;

/** The draft of one service request for a case that has been through intake, in one locale. */
export function buildServiceRequestDraft(
  c: Case,
  contact: PartnerContact,
  locale: Locale,
  labelForTried: LabelForTried = catalogLabelForTried,
): Draft {
  const intake = c.intake;
  if (!intake) throw new Error(`case ${c.id} has no intake: nothing to escalate`);
  const tr = (key: string, params?: Params) => t(locale, key, params);
  const notGiven = tr('draft.notGiven');
  const orNotGiven = (v: string) => (v === '' ? notGiven : v);

  const symptoms = cleanText(intake.symptoms, maxSymptoms);
  const customerName = cleanLine(intake.customer.name, maxLine);
  const summary = cleanLine(symptoms.split('\n').find((l) => l.trim() !== '') ?? '', maxTitleLength);
  const title = cleanLine(tr('draft.title', { customer: cleanLine(customerName, 40), summary: orNotGiven(summary) }), maxTitleLength);

  const severityText = tr(`draft.severity.${intake.severity}`);

  const tried = c.troubleshooting.tried
    .slice(0, maxTriedItems)
    .map((key) => cleanLine(labelForTried(key, locale, intake.product), maxLine))
    .filter((label) => label !== '');
  const notes = cleanText(c.troubleshooting.notes, maxNotes);
  const troubleshootingLines = tried.length > 0 ? tried.map(bullet) : notes === '' ? [tr('draft.troubleshooting.none')] : [];
  if (notes !== '') troubleshootingLines.push(tr('draft.troubleshooting.notes', { notes }));

  const customerLines = [
    tr('draft.customer.name', { value: orNotGiven(customerName) }),
    tr('draft.customer.tenantId', { value: orNotGiven(cleanLine(intake.customer.tenantId, 64)) }),
    tr('draft.customer.domain', { value: orNotGiven(cleanLine(intake.customer.domain, 253)) }),
  ];
  const subscriptionId = cleanLine(intake.customer.subscriptionId, 64);
  if (intake.product === 'azure' && subscriptionId !== '') customerLines.push(tr('draft.customer.subscriptionId', { value: subscriptionId }));

  const sections: Draft['sections'] = {
    symptoms: `${tr('draft.section.symptoms')}\n${orNotGiven(symptoms)}`,
    businessImpact: tr('draft.section.businessImpact', { severity: severityText }),
    healthEvidence: [tr('draft.section.health'), ...healthLines(c, tr).map(bullet)].join('\n'),
    troubleshooting: [tr('draft.section.troubleshooting'), ...troubleshootingLines].join('\n'),
    customer: customerLines.join('\n'),
    caseReference: tr('draft.caseReference', { value: cleanLine(c.id, 100) }),
  };
  const description = [
    sections.symptoms,
    sections.businessImpact,
    sections.healthEvidence,
    sections.troubleshooting,
    `${sections.customer}\n${sections.caseReference}`,
  ].join('\n\n');

  const who = {
    name: cleanLine(contact.name, maxLine),
    company: cleanLine(contact.company, maxLine),
    email: cleanLine(contact.email, 254),
    phone: cleanLine(contact.phone, 50),
  };
  const contactLines = [
    tr('draft.contact.name', { value: orNotGiven(who.name) }),
    tr('draft.contact.company', { value: orNotGiven(who.company) }),
    tr('draft.contact.email', { value: orNotGiven(who.email) }),
  ];
  if (who.phone !== '') contactLines.push(tr('draft.contact.phone', { value: who.phone }));
  const contactPart: Draft['contact'] = { name: who.name, company: who.company, email: who.email, text: contactLines.join('\n') };
  if (who.phone !== '') contactPart.phone = who.phone;

  // Seed 001 names the plan for Azure in Partner Center and its US Government cloud; seed 003 (21Vianet) has no such field.
  const supportPlan = intake.product === 'azure' && intake.cloud !== 'china21v' ? tr('draft.supportPlan.csp') : undefined;

  const parts: DraftPart[] = [
    { key: 'title', label: tr('draft.part.title'), text: title },
    { key: 'severity', label: tr('draft.part.severity'), text: severityText },
  ];
  if (supportPlan !== undefined) parts.push({ key: 'supportPlan', label: tr('draft.part.supportPlan'), text: supportPlan });
  parts.push({ key: 'description', label: tr('draft.part.description'), text: description });
  parts.push({ key: 'contact', label: tr('draft.part.contact'), text: contactPart.text });

  const draft: Draft = {
    locale,
    title,
    severity: { code: intake.severity, text: severityText },
    sections,
    description,
    contact: contactPart,
    parts,
  };
  if (supportPlan !== undefined) draft.supportPlan = supportPlan;
  return draft;
}

/** English for Microsoft's forms, plus the agent's language when it is not English. */
export function buildDrafts(
  c: Case,
  contact: PartnerContact,
  agentLocale: Locale,
  labelForTried: LabelForTried = catalogLabelForTried,
): { english: Draft; local?: Draft } {
  const english = buildServiceRequestDraft(c, contact, 'en', labelForTried);
  if (agentLocale === 'en') return { english };
  return { english, local: buildServiceRequestDraft(c, contact, agentLocale, labelForTried) };
}
