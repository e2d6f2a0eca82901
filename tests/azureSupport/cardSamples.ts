import type { Case } from '../../src/flow/case.js';
import { fileCard, trackCard } from '../../src/azureSupport/cards.js';
import { caseThreadCard } from '../../src/escalation/threadCard.js';
import { agent, caseAtDecide, intakeInputs, minutes, must } from '../flow/fixtures.js';
import type { CardSample } from '../cards/samples.js';

/** Issue 14 cards for tests/cards/cards.test.ts: Microsoft's text is data, so it carries hostile shapes too. */
const azure = (): Case => {
  const c = must(caseAtDecide(intakeInputs({ product: 'azure' })), { type: 'decide.escalate', inputs: { reasons: 'serviceUnavailable' } }, minutes(25));
  return {
    ...c,
    escalation: { escalatedAt: minutes(25).toISOString() },
    serviceRequest: { number: '2611200010000042', filedAt: minutes(30).toISOString(), severity: 'A', recordedBy: agent },
    initialResponseDue: minutes(150).toISOString(),
    partnerResponseDue: minutes(90).toISOString(),
    azureTicket: {
      subscriptionId: '132d901f-189d-4381-9214-fe68e27e05a1',
      name: 'cspdesk-k7q-x2m-0a1b2c3d',
      supportTicketId: '2611200010000042',
      status: 'Open',
      severity: 'critical',
      slaExpiresAt: minutes(90).toISOString(),
      trackedAt: minutes(30).toISOString(),
      trackedBy: agent,
      lastProblem: 'throttled',
    },
  };
};

const contact = { company: 'Contoso Cloud Partner', name: 'Mei Chen', email: 'helpdesk@partner.example.com' };
const tickets = [
  { name: 'testticket', supportTicketId: '119120321001170', title: '**VM** [down](javascript:x) <at>x</at>', status: 'Open', severity: 'critical', createdDate: minutes(10).toISOString() },
  { name: 'other', title: 'Billing', status: 'Open', severity: 'somethingNew' },
];
const services = [{ id: '/providers/Microsoft.Support/services/service_guid_6', name: 'service_guid_6', displayName: 'Virtual Machine running Linux' }];
const classes = [{ id: '/providers/Microsoft.Support/services/service_guid_6/problemClassifications/p1', name: 'p1', displayName: 'VM Start, Stop, Restart / My VM is not starting' }];

export const azureCardSamples: CardSample[] = [
  { template: 'case-thread', name: 'thread card with an Azure ticket and both clocks', build: (l) => caseThreadCard(azure(), { contact, locale: l, now: minutes(60), azureAvailable: true }).card },
  { template: 'azure-track', name: 'track an Azure ticket (list)', build: (l) => trackCard(azure(), { locale: l, tickets }) },
  {
    template: 'azure-track',
    name: 'track an Azure ticket (errors)',
    build: (l) => trackCard(azure(), { locale: l, ticketsNote: 'x', values: { subscriptionId: 'nope' }, errors: [{ field: 'subscriptionId', key: 'azureSupport.error.subscription' }, { field: '', key: 'azureSupport.problem.forbidden' }] }),
  },
  { template: 'azure-file', name: 'file in Azure (services only)', build: (l) => fileCard(azure(), { locale: l, services, classifications: [], defaultTitle: 'VM down', contactLine: 'Pat Partner · Contoso · a@b.c' }) },
  {
    template: 'azure-file',
    name: 'file in Azure refused (plan not eligible)',
    build: (l) =>
      fileCard(azure(), {
        locale: l,
        services,
        classifications: classes,
        defaultTitle: 'VM down',
        contactLine: 'Pat Partner · Contoso · a@b.c',
        values: { serviceId: services[0]!.id, consent: 'No', highestImpact: 'true' },
        errors: [{ field: '', key: 'azureSupport.problem.planNotEligible' }, { field: 'consent', key: 'azureSupport.file.consentRequired' }],
        microsoftSaid: 'Your support plan type is CSP. To create a support ticket via API you need access to our high tier-support plans.',
        portal: { title: 'New support request', url: 'https://portal.azure.com/#@contoso.onmicrosoft.com/blade' },
      }),
  },
];
