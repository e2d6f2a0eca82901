/** The issue 3 acceptance table: one row per route, shared by the pure and the HTTP tests. */
const common = ['flow.rule.escalateOnlyFor', 'flow.rule.expectedToSolve'];
const tail = ['flow.rule.partnerContact', 'flow.rule.noPhone'];
const pc = 'flow.rule.startFromPartnerCenter';
const escalateFirst = ['escalate', 'resolved', 'backToTroubleshoot', 'close'];
const solveFirst = ['resolved', 'backToTroubleshoot', 'escalate', 'close'];

export interface Row {
  name: string;
  intake: Record<string, string>;
  /** What the agent ticks / writes on the decide card before the primary action. */
  decide: Record<string, string>;
  route: string;
  rules: string[];
  confirmations?: string[];
  next: string[];
  /** Step after the first offered action. */
  outcome: string;
}

export const azure = { product: 'azure', symptoms: 'VM scale set in West Europe fails to start: AllocationFailed since 07:10.' };
const outage = { reasons: 'serviceUnavailable' };

// Given a case at the decide step, when the agent takes the route's primary action, then … (issue 3, Acceptance rows)
export const rows: Row[] = [
  {
    name: 'Azure with admin rights',
    intake: azure,
    decide: outage,
    route: 'escalateMicrosoft',
    rules: [...common, pc, 'flow.rule.azureSupportPlan', ...tail],
    next: escalateFirst,
    outcome: 'escalated',
  },
  {
    name: 'Azure without admin rights',
    intake: { ...azure, relationship: '' },
    decide: outage,
    route: 'escalateMicrosoft',
    rules: [...common, pc, 'flow.rule.azureSupportPlan', 'flow.rule.azureWithoutAdminRights', ...tail],
    next: escalateFirst,
    outcome: 'escalated',
  },
  {
    name: 'Azure for an indirect reseller',
    intake: { ...azure, relationship: 'hasAdminRights,indirectReseller' },
    decide: { ...outage, 'confirm.indirectProviderAccess': 'true' },
    route: 'escalateMicrosoft',
    rules: [...common, pc, 'flow.rule.azureSupportPlan', 'flow.rule.azureIndirectReseller', ...tail],
    confirmations: ['indirectProviderAccess'],
    next: escalateFirst,
    outcome: 'escalated',
  },
  {
    name: 'Azure by a Helpdesk agent',
    intake: { ...azure, role: 'helpdeskAgent' },
    decide: { ...outage, 'confirm.azureSupportGroup': 'true' },
    route: 'escalateMicrosoft',
    rules: [...common, pc, 'flow.rule.azureSupportPlan', 'flow.rule.azureHelpdeskAgent', ...tail],
    confirmations: ['azureSupportGroup'],
    next: escalateFirst,
    outcome: 'escalated',
  },
  {
    name: 'Microsoft 365',
    intake: {},
    decide: { reasons: 'bugOrIrregularity' },
    route: 'escalateMicrosoft',
    rules: [...common, pc, 'flow.rule.adminCenterRequest', ...tail],
    next: escalateFirst,
    outcome: 'escalated',
  },
  {
    name: 'Dynamics 365',
    intake: { product: 'dynamics365' },
    decide: { reasons: 'undocumentedProblem', 'confirm.asfp': 'true' },
    route: 'escalateMicrosoft',
    rules: [...common, pc, 'flow.rule.adminCenterRequest', 'flow.rule.dynamicsAsfp', ...tail],
    confirmations: ['asfp'],
    next: escalateFirst,
    outcome: 'escalated',
  },
  {
    name: 'EMS',
    intake: { product: 'ems' },
    decide: { reasons: 'regionalMultiTenant' },
    route: 'escalateMicrosoft',
    rules: [...common, pc, 'flow.rule.adminCenterRequest', ...tail],
    next: escalateFirst,
    outcome: 'escalated',
  },
  {
    name: 'US Government cloud',
    intake: { cloud: 'usgov', domain: 'tailspingov.onmicrosoft.com' },
    decide: { reasons: 'networkDisruption' },
    route: 'escalateMicrosoft',
    rules: [...common, 'flow.rule.startFromPartnerCenter.usgov', 'flow.rule.adminCenterRequest', ...tail],
    next: escalateFirst,
    outcome: 'escalated',
  },
  {
    name: '21Vianet',
    intake: { cloud: 'china21v', domain: 'wingtipsh.partner.onmschina.cn', supportLanguage: 'local' },
    decide: { reasons: 'serviceUnavailable' },
    route: 'escalate21Vianet',
    rules: [
      ...common,
      'flow.rule.21v.escalatesTo21Vianet',
      'flow.rule.21v.steps',
      'flow.rule.21v.representative',
      'flow.rule.21v.remediation',
      'flow.rule.noPhone',
    ],
    next: escalateFirst,
    outcome: 'escalated',
  },
  {
    name: 'marketplace product',
    intake: { product: 'marketplace', marketplaceProduct: 'Contoso Backup Vault for M365' },
    decide: {},
    route: 'contactIsv',
    rules: ['flow.rule.marketplaceNoSupport', 'flow.rule.marketplaceContactIsv'],
    next: ['contactIsv', 'resolved', 'backToTroubleshoot', 'close'],
    outcome: 'waitingOnIsv',
  },
  {
    name: "partner's own tenant",
    intake: { product: 'ownTenant' },
    decide: {},
    route: 'ownTenantNotCovered',
    rules: ['flow.rule.ownTenantNotCovered', 'flow.rule.ownTenantSignInDirectly', 'flow.rule.ownTenantEntitlement'],
    next: ['recordOwnTenant', 'close'],
    outcome: 'ownTenant',
  },
  {
    name: 'billing dispute',
    intake: { product: 'billing', severity: 'nonBreakFix' },
    decide: {},
    route: 'escalateMicrosoft',
    rules: ['flow.rule.escalateOnlyFor', 'flow.rule.billingFraudSameProcess', pc, 'flow.rule.adminCenterRequest', ...tail],
    next: escalateFirst,
    outcome: 'escalated',
  },
  {
    name: 'fraud concern',
    intake: { product: 'fraud', severity: 'A' },
    decide: {},
    route: 'escalateMicrosoft',
    rules: ['flow.rule.escalateOnlyFor', 'flow.rule.billingFraudSameProcess', pc, 'flow.rule.adminCenterRequest', ...tail],
    next: escalateFirst,
    outcome: 'escalated',
  },
  {
    name: 'no category → partner solves',
    intake: {},
    decide: { resolution: 'Shared mailbox permissions re-applied with Add-MailboxPermission; users confirmed.' },
    route: 'partnerSolves',
    rules: [...common, pc, 'flow.rule.adminCenterRequest', ...tail],
    next: solveFirst,
    outcome: 'resolvedByPartner',
  },
  {
    name: 'override with a reason',
    intake: {},
    decide: { overrideReason: 'Customer CEO escalation; we want Microsoft to confirm the mailbox ACL behaviour.' },
    route: 'escalateMicrosoft',
    rules: ['flow.rule.escalateOnlyFor', 'flow.rule.expectedToSolve', 'flow.rule.overrideRecorded', pc, 'flow.rule.adminCenterRequest', ...tail],
    next: escalateFirst,
    outcome: 'escalated',
  },
];

