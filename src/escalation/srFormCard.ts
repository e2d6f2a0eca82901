/**
 * The "Record SR" form card (issue 4 point 4). Date and time are shown in the agent's time zone (Teams' clientInfo);
 * the zone travels in the submit data so the typed wall time is read back in the same zone.
 */
import { renderCard, type Card } from '../cards/render.js';
import { severities, type Case } from '../flow/case.js';
import type { FieldError } from '../flow/forms.js';
import { t, type Locale } from '../i18n/index.js';
import { isValidTimeZone } from '../sla/zonedTime.js';
import { cleanLine } from './plainText.js';
import { localInputs, srFields } from './serviceRequestForm.js';
import { inertRun } from '../text/inert.js';

export interface SrFormOptions {
  locale: Locale;
  now: Date;
  timeZone: string;
  /** What was typed on a rejected submit, so nothing has to be typed twice. */
  values?: Record<string, unknown>;
  errors?: FieldError[];
  /** A line above the form, e.g. "changed by … at …" when this submit lost a race (the typing is kept). */
  notice?: string;
}

export function recordSrCard(c: Case, opts: SrFormOptions): Card {
  const tr = (key: string, params?: Record<string, string | number>) => t(opts.locale, key, params);
  const timeZone = isValidTimeZone(opts.timeZone) ? opts.timeZone : 'UTC';
  const is21v = c.intake?.cloud === 'china21v';
  const shown = c.serviceRequest ? localInputs(new Date(c.serviceRequest.filedAt), timeZone) : localInputs(opts.now, timeZone);
  const typed = (key: string, fallback: string) => {
    const v = opts.values?.[key];
    return typeof v === 'string' ? v.slice(0, 100) : fallback;
  };
  const errors: Record<string, string> = Object.fromEntries(srFields.map((f) => [f, '']));
  for (const e of opts.errors ?? []) if (Object.hasOwn(errors, e.field) && !errors[e.field]) errors[e.field] = tr(e.key, e.params);
  const general = (opts.errors ?? []).filter((e) => !Object.hasOwn(errors, e.field)).map((e) => tr(e.key, e.params));
  if (opts.errors?.length) general.push(tr('escalation.sr.fixErrors'));

  return renderCard('record-sr', {
    caseId: c.id,
    version: c.version,
    timeZone,
    title: tr(c.serviceRequest ? 'escalation.sr.titleCorrect' : 'escalation.sr.title', { id: c.id }),
    customer: inertRun(cleanLine(c.intake?.customer.name, 200)),
    intro: tr(is21v ? 'escalation.sr.intro21v' : 'escalation.sr.intro'),
    formError: [opts.notice ?? '', ...general].filter(Boolean).join(' '),
    numberLabel: tr(is21v ? 'escalation.sr.number21v' : 'escalation.sr.number'),
    numberPlaceholder: tr(is21v ? 'escalation.sr.numberPlaceholder21v' : 'escalation.sr.numberPlaceholder'),
    number: typed('srNumber', c.serviceRequest?.number ?? ''),
    dateLabel: tr('escalation.sr.date', { timeZone }),
    timeLabel: tr('escalation.sr.time', { timeZone }),
    date: typed('filedDate', shown.date),
    time: typed('filedTime', shown.time),
    maxDate: localInputs(opts.now, timeZone).date,
    severityLabel: tr('escalation.sr.severity'),
    severity: typed('severity', c.serviceRequest?.severity ?? c.intake?.severity ?? 'B'),
    severityChoices: severities.map((s) => ({ title: t(opts.locale, `draft.severity.${s}`), value: s })),
    severityHint: tr('escalation.sr.severityHint'),
    errors,
    requiredError: tr('escalation.sr.error.required'),
    dateError: tr('escalation.sr.error.date'),
    timeError: tr('escalation.sr.error.time'),
    severityError: tr('escalation.sr.error.severity'),
    submit: tr('escalation.sr.submit'),
    cancel: tr('escalation.sr.cancel'),
  });
}
