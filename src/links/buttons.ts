/**
 * How a link looks on a card (issue 13: cards that fit): a short button title that fits Teams' narrowest card, and
 * the full description plus the target in the tooltip (shown on hover, and read out by screen readers).
 */
import { allCatalogs, type Translate } from '../i18n/index.js';
import type { CaseLink } from './caseLinks.js';

export interface LinkButton {
  title: string;
  tooltip: string;
  url: string;
}

/** Short titles live in the experience catalog as `experience.link.<key without "links.">`; the long label stays the tooltip. */
export function linkButton(link: CaseLink, t: Translate, observedNote?: string): LinkButton {
  const shortKey = `experience.link.${link.key.replace(/^links\./, '')}`;
  const long = t(link.key);
  const title = shortKey in allCatalogs().en ? t(shortKey) : long;
  const note = !link.documented && observedNote ? ` ${observedNote}` : '';
  return { title: note ? `${title} °` : title, tooltip: `${long}${note} — ${link.url}`, url: link.url };
}
