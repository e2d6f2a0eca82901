/**
 * The "Track Azure ticket" and "File in Azure" form cards (issue 14 points 4, 5). Pure: case, lists from the Support
 * API and what was typed in; card out. Microsoft's display names and anything typed go through inert().
 */
import { renderCard, type Card } from '../cards/render.js';
import type { Case } from '../flow/case.js';
import type { FieldError } from '../flow/forms.js';
import { t, type Locale } from '../i18n/index.js';
import { inert, inertRun } from '../text/inert.js';
import type { ProblemClassification, SupportService, SupportTicket } from './port.js';
import { apiSeverityFor } from './tracking.js';

const str = (v: unknown, max = 200) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

function errorMap(fields: string[], errors: FieldError[] | undefined, locale: Locale) {
  const out: Record<string, string> = Object.fromEntries(fields.map((f) => [f, '']));
  const general: string[] = [];
  for (const e of errors ?? []) {
    const text = t(locale, e.key, e.params);
    if (e.field in out) out[e.field] = out[e.field] ? `${out[e.field]} ${text}` : text;
    else general.push(text);
  }
  return { errors: out, general: general.join(' ') };
}

/** What both forms need: their catalog section, the per-field errors, and what the agent typed (kept over defaults). */
function formParts(area: 'track' | 'file', input: { locale: Locale; values?: Record<string, unknown>; errors?: FieldError[] }, fields: string[], maxTyped: number) {
  const { locale, values } = input;
  return {
    tr: (key: string, params?: Record<string, string | number>) => t(locale, `azureSupport.${area}.${key}`, params),
    typed: (k: string, fallback: string) => (values && k in values ? str(values[k], maxTyped) : fallback),
    ...errorMap(fields, input.errors, locale),
  };
}

export interface TrackCardInput {
  locale: Locale;
  values?: Record<string, unknown>;
  tickets?: SupportTicket[];
  /** A line under the list: none found, or why listing failed. */
  ticketsNote?: string;
  errors?: FieldError[];
}

const knownSeverities = new Set(['minimal', 'moderate', 'critical', 'highestcriticalimpact']);

export function ticketChoiceTitle(tk: SupportTicket, locale: Locale): string {
  const created = tk.createdDate ? tk.createdDate.slice(0, 10) : '';
  const sev = tk.severity.toLowerCase();
  const severity = knownSeverities.has(sev) ? t(locale, `azureSupport.apiSeverity.${sev}`) : tk.severity.slice(0, 40);
  return inert(`${tk.supportTicketId ?? tk.name} · ${tk.title.slice(0, 80)} · ${severity} · ${tk.status.slice(0, 40)} ${created}`.trim());
}

export function trackCard(c: Case, input: TrackCardInput): Card {
  const { locale } = input;
  const { tr, typed, errors, general } = formParts('track', input, ['subscriptionId', 'ticket'], 128);
  return renderCard('azure-track', {
    caseId: c.id,
    version: c.version,
    title: tr('title', { id: c.id }),
    customer: inert(c.intake?.customer.name.slice(0, 200) ?? ''),
    intro: tr('intro'),
    formError: general,
    subscriptionLabel: tr('subscription'),
    subscriptionRequired: tr('subscriptionRequired'),
    subscriptionId: typed('subscriptionId', c.azureTicket?.subscriptionId ?? c.intake?.customer.subscriptionId ?? ''),
    pickLabel: tr('pick'),
    ticketPick: typed('ticketPick', ''),
    tickets: (input.tickets ?? []).slice(0, 50).map((tk) => ({ title: ticketChoiceTitle(tk, locale), value: tk.name })),
    ticketsNote: input.ticketsNote ?? '',
    numberLabel: tr('number'),
    numberPlaceholder: tr('numberPlaceholder'),
    ticketNumber: typed('ticketNumber', ''),
    errors,
    submit: tr('submit'),
    listTitle: tr('list'),
    cancel: tr('cancel'),
  });
}

export interface FileCardInput {
  locale: Locale;
  values?: Record<string, unknown>;
  services: SupportService[];
  classifications: ProblemClassification[];
  defaultTitle: string;
  contactLine: string;
  errors?: FieldError[];
  /** Microsoft's own words when it refused (shown literally, beside our explanation). */
  microsoftSaid?: string;
  /** The portal link the bot already builds, offered when filing through the API is refused. */
  portal?: { title: string; url: string };
}

export function fileCard(c: Case, input: FileCardInput): Card {
  const { locale } = input;
  const { tr, typed, errors, general } = formParts('file', input, ['subscriptionId', 'serviceId', 'problemClassificationId', 'ticketTitle', 'consent'], 500);
  const severity = c.serviceRequest?.severity ?? c.intake?.severity ?? 'B';
  const highest = typed('highestImpact', 'false') === 'true';
  return renderCard('azure-file', {
    caseId: c.id,
    version: c.version,
    title: tr('title', { id: c.id }),
    customer: inert(c.intake?.customer.name.slice(0, 200) ?? ''),
    intro: tr('intro'),
    formError: general,
    microsoftSaid: input.microsoftSaid ? tr('microsoftSaid', { message: inertRun(input.microsoftSaid.slice(0, 500)) }) : '',
    portalTitle: input.portal?.title ?? '',
    portalUrl: input.portal?.url ?? '',
    subscriptionLabel: t(locale, 'azureSupport.track.subscription'),
    subscriptionRequired: t(locale, 'azureSupport.track.subscriptionRequired'),
    subscriptionId: typed('subscriptionId', c.intake?.customer.subscriptionId ?? ''),
    serviceLabel: tr('service'),
    serviceRequired: tr('serviceRequired'),
    serviceId: typed('serviceId', ''),
    services: input.services.slice(0, 400).map((s) => ({ title: inert(s.displayName.slice(0, 120)), value: s.id })),
    classificationLabel: tr('classification'),
    classificationRequired: tr('classificationRequired'),
    classificationHint: tr('classificationHint'),
    problemClassificationId: typed('problemClassificationId', ''),
    classifications: input.classifications.slice(0, 400).map((p) => ({ title: inert(p.displayName.slice(0, 160)), value: p.id })),
    titleLabel: tr('ticketTitle'),
    titleRequired: tr('titleRequired'),
    ticketTitle: typed('ticketTitle', input.defaultTitle),
    facts: [
      { title: tr('severity'), value: t(locale, `azureSupport.apiSeverity.${apiSeverityFor(severity, highest)}`) },
      { title: tr('supportPlan'), value: tr('supportPlanCsp') },
      { title: tr('contact'), value: inert(input.contactLine) },
    ],
    showHighest: severity === 'A',
    highestLabel: tr('highest'),
    highestImpact: highest ? 'true' : 'false',
    consentLabel: tr('consent'),
    consentRequired: tr('consentRequired'),
    consent: typed('consent', ''),
    consentChoices: [
      { title: tr('consentYes'), value: 'Yes' },
      { title: tr('consentNo'), value: 'No' },
    ],
    consentHint: tr('consentHint'),
    errors,
    submit: tr('submit'),
    loadTitle: tr('load'),
    cancel: t(locale, 'azureSupport.track.cancel'),
  });
}
