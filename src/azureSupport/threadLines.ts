/**
 * What the case card at the root of the thread shows for the Azure ticket and the partner's own clock (issue 14
 * points 4, 6): Microsoft's own deadline (serviceLevelAgreement.expirationTime) beside the bot's computed one, the
 * ticket's status, why the last read failed, and the Azure buttons. Pure; Microsoft's text goes through inert().
 */
import type { Case } from '../flow/case.js';
import { t, type Locale } from '../i18n/index.js';
import { readerTime } from '../cards/readerTime.js';
import { describeRemaining } from '../sla/describe.js';
import { inert } from '../text/inert.js';

export interface AzureThreadExtras {
  lines: string[];
  actions: { verb: string; title: string; style: string }[];
}

const open = (c: Case) => !c.closed && c.step !== 'closed';

export function azureThreadExtras(c: Case, locale: Locale, opts: { azureAvailable: boolean; now?: Date }): AzureThreadExtras {
  const lines: string[] = [];
  const tk = c.azureTicket;
  if (tk) {
    const number = inert((tk.supportTicketId ?? tk.name).slice(0, 64));
    lines.push(
      tk.pending
        ? t(locale, 'azureSupport.thread.pending', { number })
        : t(locale, 'azureSupport.thread.ticket', { number, status: inert((tk.status ?? '?').slice(0, 40)) }),
    );
    if (tk.slaExpiresAt) lines.push(t(locale, 'azureSupport.thread.microsoftSla', { time: readerTime(tk.slaExpiresAt) }));
    if (tk.lastProblem && open(c) && !c.microsoftRespondedAt) lines.push(t(locale, `azureSupport.problem.${tk.lastProblem}`));
  }
  if (c.partnerResponseDue && open(c)) {
    const remaining = opts.now && !c.microsoftRespondedAt ? ` (${describeRemaining(new Date(c.partnerResponseDue), opts.now, locale)})` : '';
    lines.push(t(locale, 'partnerClock.thread.due', { time: readerTime(c.partnerResponseDue), remaining }));
  }
  const actions: AzureThreadExtras['actions'] = [];
  if (opts.azureAvailable && open(c) && c.step === 'escalated' && c.intake?.product === 'azure' && !c.microsoftRespondedAt) {
    actions.push({ verb: 'azure.track.form', title: t(locale, tk ? 'azureSupport.action.trackOther' : 'azureSupport.action.track'), style: 'default' });
    if (!tk) actions.push({ verb: 'azure.file.form', title: t(locale, 'azureSupport.action.file'), style: 'positive' });
  }
  return { lines, actions };
}
