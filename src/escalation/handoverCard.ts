/**
 * The "Hand over" form (issue 13): the next owner (Teams people picker over the organization's directory, with the
 * people the bot already knows as the offline list), what was tried, what is pending. A rejected submit comes back
 * with the typed values and each problem under its field, in the clicker's language.
 */
import { renderCard, type Card } from '../cards/render.js';
import { readerTime } from '../cards/readerTime.js';
import type { Case } from '../flow/case.js';
import type { FieldError } from '../flow/forms.js';
import { t, type Locale } from '../i18n/index.js';
import { inert } from '../text/inert.js';
import { handoverFields, handoverLimits, type HandoverCandidate } from './handover.js';
import { cleanLine } from './plainText.js';
import { mentionName } from './threadCard.js';

export interface HandoverCardOptions {
  locale: Locale;
  /** People to offer without the directory: the team's leads and people who used the bot, not the current owner. */
  candidates: HandoverCandidate[];
  values?: Record<string, unknown>;
  errors?: FieldError[];
}

export function handoverCard(c: Case, opts: HandoverCardOptions): Card {
  const tr = (key: string, params?: Record<string, string | number>) => t(opts.locale, key, params);
  const typed = (key: string, max: number) => {
    const v = opts.values?.[key];
    return typeof v === 'string' ? v.slice(0, max) : '';
  };
  const errors: Record<string, string> = Object.fromEntries(handoverFields.map((f) => [f, '']));
  for (const e of opts.errors ?? []) if (e.field in errors && !errors[e.field]) errors[e.field] = tr(e.key, e.params);
  const general = (opts.errors ?? []).filter((e) => !(e.field in errors)).map((e) => tr(e.key, e.params));
  if (opts.errors?.length) general.push(tr('handover.error.fix'));
  const choices = opts.candidates
    .filter((p) => p.id !== c.owner.id)
    .slice(0, 50)
    .map((p) => ({ title: p.lead ? tr('handover.choice.lead', { name: cleanLine(p.name, 80) }) : cleanLine(p.name, 80), value: p.aadObjectId ?? p.id }));

  return renderCard('handover', {
    caseId: c.id,
    version: c.version,
    title: tr('handover.form.title', { id: c.id }),
    customer: cleanLine(c.intake?.customer.name, 200),
    intro: tr('handover.form.intro'),
    ownerLine: tr('handover.form.owner', { name: inert(mentionName(c.owner.name)) }),
    dueLine: c.initialResponseDue && !c.microsoftRespondedAt ? tr('handover.form.due', { time: readerTime(c.initialResponseDue) }) : '',
    formError: general.join(' '),
    toLabel: tr('handover.field.to'),
    toPlaceholder: tr('handover.field.toPlaceholder'),
    toRequired: tr('handover.error.to'),
    toHint: tr('handover.field.toHint'),
    to: typed('handoverTo', 200),
    choices,
    triedLabel: tr('handover.field.tried'),
    triedPlaceholder: tr('handover.field.triedPlaceholder'),
    triedRequired: tr('handover.error.tried', { max: handoverLimits.tried }),
    tried: typed('handoverTried', handoverLimits.tried),
    pendingLabel: tr('handover.field.pending'),
    pendingPlaceholder: tr('handover.field.pendingPlaceholder'),
    pendingRequired: tr('handover.error.pending', { max: handoverLimits.pending }),
    pending: typed('handoverPending', handoverLimits.pending),
    errors,
    submit: tr('handover.action.save'),
    cancel: tr('handover.action.cancel'),
  });
}
