/**
 * `postIsvContact` (issue 4 point 5): find the publisher's contact for a marketplace case (configured directory plus
 * contacts agents saved in this tenant), keep it on the case, and put the ISV card at the root of the case's thread.
 */
import type { AppServices } from '../app/services.js';
import type { Case, IsvContact } from '../flow/case.js';
import { resolveLocale, t } from '../i18n/index.js';
import { cleanLine } from '../escalation/plainText.js';
import { postEscalation, updateThreadCard } from '../escalation/runners.js';
import type { EffectRunner } from '../effects/runner.js';
import { contactOf, entryOfContact, lookupIsv } from './directory.js';
import { inert } from '../text/inert.js';

export async function findIsvContact(app: AppServices, tenantId: string, product: string): Promise<IsvContact | undefined> {
  const saved = (await app.store.isvContacts.list(tenantId)).map(entryOfContact);
  // Saved contacts come last: the configured directory is the reviewed source when both know the product.
  const [best] = lookupIsv([...(await app.directories.isv()), ...saved], product);
  return best ? contactOf(best) : undefined;
}

export const postIsvContact: EffectRunner<{ type: 'postIsvContact' }> = async (_effect, c, turn, app) => {
  const locale = turn?.locale ?? resolveLocale(c.locale);
  let current: Case = c;
  const notices: string[] = [];
  if (!c.isv && c.intake?.marketplaceProduct) {
    const contact = await findIsvContact(app, c.tenantId, c.intake.marketplaceProduct);
    if (contact) current = { ...c, isv: contact };
  }
  const product = inert(cleanLine(current.isv?.productName ?? c.intake?.marketplaceProduct, 100));
  notices.push(current.isv ? t(locale, 'isv.notice.found', { product }) : t(locale, 'isv.notice.unknown', { product }));
  const out = current.escalation?.thread
    ? await updateThreadCard({ type: 'updateThreadCard' }, current, turn, app)
    : await postEscalation({ type: 'postEscalation' }, current, turn, app);
  if (out.case) current = out.case;
  notices.push(...(out.notices ?? []));
  return current === c ? { notices } : { case: current, notices };
};
