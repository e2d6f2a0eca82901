import type { Case } from '../../src/flow/case.js';
import type { Locale } from '../../src/i18n/index.js';
import { caseThreadCard } from '../../src/escalation/threadCard.js';
import { recordSrCard } from '../../src/escalation/srFormCard.js';
import { isvCard, isvFormCard } from '../../src/isv/isvCard.js';
import { handoverCard } from '../../src/escalation/handoverCard.js';
import { agent, caseAtDecide, intakeInputs, minutes, must } from '../flow/fixtures.js';

/** Samples of the escalation package's cards for tests/cards/cards.test.ts, including the worst inputs an agent can type. */
const contact = { company: 'Contoso Cloud Partner', name: 'Mei Chen', email: 'helpdesk@partner.example.com', phone: '+886 2 1234 5678' };

const escalated = (over: Record<string, string> = {}): Case => {
  const c = must(caseAtDecide(intakeInputs(over)), { type: 'decide.escalate', inputs: { reasons: 'serviceUnavailable' } }, minutes(25));
  return {
    ...c,
    escalation: {
      escalatedAt: minutes(25).toISOString(),
      thread: {
        teamId: '19:team',
        channelId: '19:esc',
        serviceUrl: 'https://smba.trafficmanager.net/apac/',
        tenantId: 'partner-tenant',
        conversationId: '19:esc;messageid=1',
        rootActivityId: '1',
        postedAt: minutes(25).toISOString(),
      },
    },
    serviceRequest: { number: '2611030010001234', filedAt: minutes(30).toISOString(), severity: 'B', recordedBy: agent },
    initialResponseDue: minutes(270).toISOString(),
  };
};

// Template syntax in user text stays literal by design (tests/escalation/hostile.test.ts); here it would only trip the
// "leftover \${…}" check, so these samples carry the other hostile shapes.
const hostile = {
  symptoms: `**bold** <b>html</b> [link](javascript:alert(1)) \u202Eevil\u200B ${'長'.repeat(3900)}`,
  customerName: 'Contoso <script>',
};

const marketplace = (): Case => {
  const c = must(caseAtDecide(intakeInputs({ product: 'marketplace', marketplaceProduct: 'Contoso Backup Pro' })), { type: 'decide.contactIsv' }, minutes(25));
  return {
    ...c,
    isv: {
      productName: 'Contoso Backup Pro',
      publisher: 'Contoso Software',
      supportUrl: 'https://support.contoso-software.example.com/',
      supportEmail: 'support@contoso-software.example.com',
      supportPhone: '+1 425 555 0100',
      supportHours: 'Mon–Fri 08:00–18:00 PT',
    },
  };
};

const handoverPeople = [
  { id: '29:lead-ny', name: 'Jordan Ellis', aadObjectId: '00000000-0000-0000-0000-0000000000b7', timeZone: 'America/New_York', lead: true },
  { id: '29:agent-2', name: 'Wei **Chen** [x](https://evil.example)', timeZone: 'Asia/Taipei' },
];

export const escalationCardSamples = [
  { template: 'case-thread', name: 'case thread (SR recorded)', build: (l: Locale) => caseThreadCard(escalated(), { contact, locale: l }).card },
  { template: 'case-thread', name: 'case thread (Azure, hostile text, 4 KB)', build: (l: Locale) => caseThreadCard(escalated({ ...hostile, product: 'azure' }), { contact, locale: l, notice: 'x' }).card },
  { template: 'record-sr', name: 'record SR form', build: (l: Locale) => recordSrCard(escalated(), { locale: l, now: minutes(40), timeZone: 'Asia/Taipei' }) },
  { template: 'isv-contact', name: 'ISV contact (thread)', build: (l: Locale) => isvCard(marketplace(), { place: 'thread', locale: l }).card },
  { template: 'isv-contact', name: 'ISV contact (chat)', build: (l: Locale) => isvCard(marketplace(), { place: 'chat', locale: l }).card },
  { template: 'handover', name: 'handover form', build: (l: Locale) => handoverCard(escalated(), { locale: l, candidates: handoverPeople }) },
  {
    template: 'handover',
    name: 'handover form (rejected, typed text kept, no people known)',
    build: (l: Locale) =>
      handoverCard(escalated(), {
        locale: l,
        candidates: [],
        values: { handoverTo: '', handoverTried: `**bold** <b>html</b> ${'試'.repeat(1990)}`, handoverPending: '' },
        errors: [
          { field: 'handoverTo', key: 'handover.error.to' },
          { field: 'handoverPending', key: 'handover.error.pending', params: { max: 2000 } },
        ],
      }),
  },
  { template: 'isv-form', name: 'ISV contact form', build: (l: Locale) => isvFormCard(marketplace(), { locale: l }) },
];
