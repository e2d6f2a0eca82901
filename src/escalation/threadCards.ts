import type { Card } from '../cards/render.js';
import type { Case } from '../flow/case.js';
import type { Locale } from '../i18n/index.js';
import { isvCard } from '../isv/isvCard.js';
import type { PartnerContact } from './draft.js';
import { caseThreadCard } from './threadCard.js';

/** The root card of a case's channel thread: the ISV card for marketplace cases, the escalation card otherwise. */
export function threadCardFor(c: Case, contact: PartnerContact, locale?: Locale, now?: Date, notice?: string): { card: Card } {
  if (c.intake?.product === 'marketplace') return isvCard(c, { place: 'thread', ...(locale ? { locale } : {}) });
  return caseThreadCard(c, { contact, ...(locale ? { locale } : {}), ...(now ? { now } : {}), ...(notice ? { notice } : {}) });
}
