/**
 * The ISV card (issue 4 point 5): the publisher's support contact for a marketplace case, in chat and at the root of
 * the case's channel thread, with the follow-up actions of the "waiting on ISV" state. Contact values are shown in
 * TextRuns (no markdown) and addresses only after safeExternalUrl, so a directory or form entry cannot add a link.
 */
import { renderCard, type Card } from '../cards/render.js';
import type { Case, IsvContact } from '../flow/case.js';
import type { FieldError } from '../flow/forms.js';
import { resolveLocale, t, type Locale } from '../i18n/index.js';
import { marketplaceProductLink } from '../links/marketplace.js';
import { safeExternalUrl } from '../links/safeUrl.js';
import { cleanLine } from '../escalation/plainText.js';
import { mentionName, ownerMention, readerTime } from '../escalation/threadCard.js';
import { isvFields } from './contactForm.js';
import { withOverflow } from '../cards/overflow.js';
import { inertRun } from '../text/inert.js';

export type IsvCardPlace = 'chat' | 'thread';

function contactRows(contact: IsvContact, tr: (k: string) => string) {
  const rows: { label: string; value: string }[] = [];
  const add = (key: string, value: string | undefined) => {
    if (value) rows.push({ label: tr(`isv.field.${key}`), value: inertRun(cleanLine(value, 300)) });
  };
  add('publisher', contact.publisher);
  add('supportEmail', contact.supportEmail);
  add('supportPhone', contact.supportPhone);
  add('supportHours', contact.supportHours);
  add('supportUrl', safeExternalUrl(contact.supportUrl)?.href);
  return rows;
}

function contactLinks(c: Case, contact: IsvContact | undefined, tr: (k: string) => string) {
  const links: { title: string; url: string; tooltip?: string }[] = [];
  const support = safeExternalUrl(contact?.supportUrl);
  if (support) links.push({ title: tr('isv.link.support'), url: support.href });
  // Validated at entry; the address is rebuilt so only the checked local part and domain reach the mailto link.
  const email = contact?.supportEmail && /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9.-]+$/.test(contact.supportEmail) ? contact.supportEmail : undefined;
  if (email) links.push({ title: tr('isv.link.email'), url: `mailto:${encodeURIComponent(email).replace('%40', '@')}` });
  const page = marketplaceProductLink({ productUrl: contact?.productUrl ?? c.isv?.productUrl });
  links.push(page ? { title: tr('isv.link.productPage'), url: page.url } : { title: tr('isv.link.findProduct'), url: 'https://azuremarketplace.microsoft.com/marketplace/apps' });
  // The full address on hover (issue 13: short link labels, the target visible).
  return links.map((l) => ({ ...l, tooltip: l.url.replace(/^mailto:/, '') }));
}

export function isvCard(c: Case, opts: { place: IsvCardPlace; locale?: Locale; notice?: string }): { card: Card; mention?: ReturnType<typeof ownerMention> } {
  const locale = opts.locale ?? resolveLocale(c.locale);
  const tr = (key: string, params?: Record<string, string>) => t(locale, key, params);
  const contact = c.isv;
  const open = c.step === 'waitingOnIsv' && !c.closed;
  const owner = ownerMention(c.owner);
  const retry = open && c.escalation?.postError !== undefined && !c.escalation.thread;
  const actions = withOverflow(open
    ? [
        ...(retry ? [{ verb: 'escalation.post', title: t(locale, 'escalation.action.postAgain'), style: 'positive' }] : []),
        { verb: 'isv.resolved', title: tr('isv.action.resolved'), style: 'positive' },
        { verb: 'isv.stillWaiting', title: tr('isv.action.stillWaiting'), style: 'default' },
        { verb: 'isv.form', title: tr(contact ? 'isv.action.editContact' : 'isv.action.enterContact'), style: contact ? 'default' : 'positive' },
        ...(opts.place === 'thread' ? [{ verb: 'escalation.takeOver', title: t(locale, 'escalation.action.takeOver'), style: 'default' }] : []),
        { verb: 'escalation.close', title: t(locale, 'escalation.action.close'), style: 'default' },
      ]
    : []);
  const status = c.closed
    ? tr(c.closed.outcome === 'resolvedByIsv' ? 'isv.status.resolved' : 'isv.status.closed', { name: mentionName(c.closed.by.name), time: readerTime(c.closed.at) })
    : tr('isv.status.waiting');
  const data = {
    caseId: c.id,
    version: c.version,
    title: tr('isv.card.title', { id: c.id }),
    product: inertRun(cleanLine(contact?.productName ?? c.intake?.marketplaceProduct ?? '', 200)),
    customer: inertRun(cleanLine(c.intake?.customer.name, 200)),
    status,
    statusColor: open ? 'Warning' : 'Good',
    notice: opts.notice ?? '',
    rule: tr('isv.rule.noMicrosoftSupport'),
    ownerLine: opts.place === 'thread' ? t(locale, 'escalation.thread.owner', { owner: `<at>${owner.name}</at>` }) : '',
    entities: opts.place === 'thread' ? [{ type: 'mention', text: `<at>${owner.name}</at>`, mentioned: { id: owner.id, name: owner.name } }] : [],
    unknown: contact ? '' : tr('isv.card.unknown'),
    rows: contact ? contactRows(contact, tr) : [],
    links: contactLinks(c, contact, tr),
    actions,
  };
  const card = renderCard('isv-contact', data);
  return opts.place === 'thread' ? { card, mention: owner } : { card };
}

/** The contact form, with what was typed kept and each error next to its field. */
export function isvFormCard(c: Case, opts: { locale: Locale; values?: Record<string, unknown>; errors?: FieldError[]; notice?: string }): Card {
  const tr = (key: string, params?: Record<string, string | number>) => t(opts.locale, key, params);
  const given = (key: string): string => {
    const v = opts.values?.[key];
    if (typeof v === 'string') return v.slice(0, 2100);
    const fromCase = key === 'productName' ? (c.isv?.productName ?? c.intake?.marketplaceProduct) : (c.isv as Record<string, string | undefined> | undefined)?.[key];
    return fromCase ?? '';
  };
  const errorFor = (field: string) => {
    const e = opts.errors?.find((x) => x.field === field);
    return e ? tr(e.key, e.params) : '';
  };
  return renderCard('isv-form', {
    caseId: c.id,
    version: c.version,
    title: tr('isv.form.title', { id: c.id }),
    intro: tr('isv.form.intro'),
    fields: isvFields.map((id) => ({
      id,
      label: tr(`isv.field.${id}`),
      placeholder: tr(`isv.placeholder.${id}`),
      value: given(id),
      error: errorFor(id),
      required: id === 'productName',
    })),
    saveLabel: tr('isv.form.saveToDirectory'),
    saveValue: opts.values?.saveToDirectory === true || opts.values?.saveToDirectory === 'true' ? 'true' : 'false',
    formError: [opts.notice ?? '', opts.errors?.length ? tr('isv.form.fixErrors') : ''].filter(Boolean).join(' '),
    requiredError: tr('isv.error.required'),
    submit: tr('isv.form.submit'),
    cancel: tr('isv.form.cancel'),
  });
}
