/**
 * The decide card's "open service requests in Partner Center" block (issue 14 point 3), as template data for
 * cards/flow-decide.json. Titles come from Microsoft and numbers from Partner Center: shown through inert().
 */
import { readerTime as when } from '../cards/readerTime.js';
import type { Case } from '../flow/case.js';
import type { Translate } from '../i18n/index.js';
import { inert } from '../text/inert.js';

export interface RequestsBlock {
  show: boolean;
  title: string;
  line: string;
  lineColor: string;
  items: { number: string; title: string; facts: { title: string; value: string }[]; attach: string }[];
  recheck: string;
  /** The recheck button appears only when the check failed: a working empty list needs no second look. */
  showRecheck: boolean;
}

export function requestsBlock(c: Case, t: Translate, offerAttach: boolean): RequestsBlock {
  const check = c.existingRequests;
  const empty: RequestsBlock = { show: false, title: '', line: '', lineColor: 'Default', items: [], recheck: '', showRecheck: false };
  if (!check) return empty;
  const failure = check.failure;
  const line = failure
    ? t('partnerCenter.requests.failed', { reason: t(`partnerCenter.failure.${failure}`) })
    : check.items.length
      ? t('partnerCenter.requests.found', { time: when(check.checkedAt) })
      : t('partnerCenter.requests.none', { time: when(check.checkedAt) });
  return {
    show: true,
    title: t('partnerCenter.requests.title'),
    line,
    lineColor: failure ? 'Warning' : check.items.length ? 'Attention' : 'Default',
    items: check.items.map((i) => ({
      number: i.number,
      title: inert(`${i.number} · ${i.title || t('partnerCenter.requests.untitled')}`),
      facts: [
        { title: t('partnerCenter.requests.status'), value: t(`partnerCenter.status.${i.status}`) },
        { title: t('partnerCenter.requests.created'), value: when(i.createdAt) },
      ],
      attach: offerAttach ? t('partnerCenter.action.attach') : '',
    })),
    recheck: t('partnerCenter.action.recheck'),
    showRecheck: Boolean(failure) && failure !== 'unavailableInCloud' && failure !== 'otherCloud' && failure !== 'noTenantId' && failure !== 'notConfigured',
  };
}

/** On the escalated case: which Partner Center request was attached instead of filing a new one (issue 14). */
export function attachedRequestLine(c: Case, t: Translate): string | undefined {
  const sr = c.serviceRequest;
  if (!sr || !c.existingRequests?.items.some((i) => i.number === sr.number)) return undefined;
  return t('partnerCenter.outcome.attached', { number: inert(sr.number), time: when(sr.filedAt) });
}
