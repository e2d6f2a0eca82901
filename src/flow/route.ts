import type { Decision, EscalationReason, Intake } from './case.js';
import type { Confirmation } from './forms.js';

/**
 * The decide step (DESIGN §2.4–2.5, issue 3 §5) as data: which way the case goes, every rule line
 * the agent must see before acting, what still blocks an escalation, and what can be done next.
 * The card renders this; the transition enforces the same blockers, so the two can't disagree.
 */

export type Route = 'escalateMicrosoft' | 'escalate21Vianet' | 'contactIsv' | 'ownTenantNotCovered' | 'partnerSolves';

/** Decide-step buttons. There is deliberately no phone option anywhere (seed 001 FAQ: "phone support isn't offered"). */
export type NextAction = 'escalate' | 'contactIsv' | 'recordOwnTenant' | 'resolved' | 'backToTroubleshoot' | 'close';

export interface RuleLine {
  key: string;
  /**
   * Where the rule matters (issue 13: the rules paragraph once, not on three cards in a row): 'decide' rules shape the
   * decision and sit on the decide card; 'file' rules say how to file and sit on the escalation package (thread card).
   */
  phase?: 'decide' | 'file';
  params?: Record<string, string>;
  /** 'attention' lines are shown in the warning colour (21Vianet remediation, blockers' context). */
  tone?: 'default' | 'attention';
}

export interface Blocker {
  /** Input id the message belongs next to. */
  field: string;
  key: string;
  /** Ticking this confirmation clears the blocker. */
  confirm?: Confirmation;
}

export interface RouteAdvice {
  route: Route;
  rules: RuleLine[];
  /** Confirmations the card must offer (each a toggle `confirm.<name>`). */
  confirmations: Confirmation[];
  /** What prevents "Escalate" with the decision as given (empty when escalation is not the route's concern). */
  blockers: Blocker[];
  /** First is the primary action. */
  nextActions: NextAction[];
  /** 21Vianet: inappropriate escalation can lead to a remediation meeting (seed 003 note). */
  remediationWarning: boolean;
  /** Categories that apply, including the one the product implies (billing → dispute, fraud → fraud concern). */
  reasons: EscalationReason[];
}

/** Seed 001: "This process is also useful for escalating billing issues or disputes, and for fraud concerns." */
function impliedReasons(intake: Intake): EscalationReason[] {
  if (intake.product === 'billing') return ['billingDispute'];
  if (intake.product === 'fraud') return ['fraudConcern'];
  return [];
}

/** How to file, shown where the filing happens (the escalation package), not on the decide card. */
const filingRules = new Set([
  'flow.rule.startFromPartnerCenter',
  'flow.rule.startFromPartnerCenter.usgov',
  'flow.rule.azureSupportPlan',
  'flow.rule.azureWithoutAdminRights',
  'experience.rule.azureWithoutAdminRights.noDomain',
  'flow.rule.adminCenterRequest',
  'flow.rule.partnerContact',
  'flow.rule.noPhone',
  'flow.rule.21v.steps',
  'flow.rule.21v.representative',
]);

export const isFilingRule = (key: string): boolean => filingRules.has(key);

const portalHost = { commercial: 'portal.azure.com', usgov: 'portal.azure.us', china21v: 'portal.azure.cn' } as const;

export function route(intake: Intake, decision?: Decision): RouteAdvice {
  const { product, cloud, relationship: rel } = intake;
  const confirmed = new Set(decision?.confirmed ?? []);

  if (product === 'marketplace') {
    // Seed 001 "Support for commercial marketplace products": Microsoft gives no product support.
    return {
      route: 'contactIsv',
      rules: [
        { key: 'flow.rule.marketplaceNoSupport' },
        { key: 'flow.rule.marketplaceContactIsv', params: { product: intake.marketplaceProduct ?? '' } },
      ],
      confirmations: [],
      blockers: [],
      nextActions: ['contactIsv', 'resolved', 'backToTroubleshoot', 'close'],
      remediationWarning: false,
      reasons: [],
    };
  }

  if (product === 'ownTenant') {
    // Seed 001 FAQ: the CSP benefit excludes the partner's own tenant; sign in directly with an entitlement.
    return {
      route: 'ownTenantNotCovered',
      rules: [{ key: 'flow.rule.ownTenantNotCovered' }, { key: 'flow.rule.ownTenantSignInDirectly' }, { key: 'flow.rule.ownTenantEntitlement' }],
      confirmations: [],
      blockers: [],
      nextActions: ['recordOwnTenant', 'close'],
      remediationWarning: false,
      reasons: [],
    };
  }

  const reasons = [...new Set([...impliedReasons(intake), ...(decision?.reasons ?? [])])];
  const overridden = reasons.length === 0 && Boolean(decision?.overrideReason);
  const escalates = reasons.length > 0 || overridden;
  const is21v = cloud === 'china21v';

  const rules: RuleLine[] = [];
  const confirmations: Confirmation[] = [];
  const blockers: Blocker[] = [];
  const needs = (c: Confirmation, key: string) => {
    confirmations.push(c);
    if (!confirmed.has(c)) blockers.push({ field: `confirm.${c}`, key, confirm: c });
  };

  // Seed 002: partners are expected to solve problems; only these categories go to Microsoft.
  rules.push({ key: 'flow.rule.escalateOnlyFor' });
  if (product === 'billing' || product === 'fraud') rules.push({ key: 'flow.rule.billingFraudSameProcess' });
  else rules.push({ key: 'flow.rule.expectedToSolve' });
  if (overridden) rules.push({ key: 'flow.rule.overrideRecorded' });

  if (is21v) {
    // Seed 003: escalation goes to 21Vianet, through Partner Center operated by 21Vianet.
    rules.push({ key: 'flow.rule.21v.escalatesTo21Vianet' }, { key: 'flow.rule.21v.steps' }, { key: 'flow.rule.21v.representative' });
    rules.push({ key: 'flow.rule.21v.remediation', tone: 'attention' });
  } else {
    // Seed 002 note: start from Partner Center so the partner–customer relationship is kept.
    rules.push({ key: cloud === 'usgov' ? 'flow.rule.startFromPartnerCenter.usgov' : 'flow.rule.startFromPartnerCenter' });
    if (product === 'azure') {
      rules.push({ key: 'flow.rule.azureSupportPlan' });
      if (!rel.hasAdminRights || rel.azureOnly) {
        // Seed 001: "copy the customer's domain name from their account page in Partner Center, then go to
        // https://portal.azure.com/[customerdomainname]". Without the domain there is no link to give: ask for it.
        const domain = intake.customer.domain?.trim();
        rules.push(
          domain
            ? { key: 'flow.rule.azureWithoutAdminRights', params: { portal: `https://${portalHost[cloud]}/${domain}` } }
            : { key: 'experience.rule.azureWithoutAdminRights.noDomain', params: { portal: `https://${portalHost[cloud]}/` }, tone: 'attention' },
        );
      }
      if (rel.indirectReseller) {
        rules.push({ key: 'flow.rule.azureIndirectReseller' });
        needs('indirectProviderAccess', 'flow.block.indirectProviderAccess');
      }
      if (rel.role === 'helpdeskAgent') {
        rules.push({ key: 'flow.rule.azureHelpdeskAgent' });
        needs('azureSupportGroup', 'flow.block.azureSupportGroup');
      }
    } else {
      rules.push({ key: 'flow.rule.adminCenterRequest' });
      if (product === 'dynamics365') {
        rules.push({ key: 'flow.rule.dynamicsAsfp' });
        needs('asfp', 'flow.block.asfp');
      }
    }
    rules.push({ key: 'flow.rule.partnerContact' });
  }
  rules.push({ key: 'flow.rule.noPhone' });

  if (!escalates) blockers.unshift({ field: 'overrideReason', key: 'flow.block.noCategory' });
  for (const r of rules) r.phase = filingRules.has(r.key) ? 'file' : 'decide';

  return {
    route: !escalates ? 'partnerSolves' : is21v ? 'escalate21Vianet' : 'escalateMicrosoft',
    rules,
    confirmations,
    blockers,
    nextActions: escalates ? ['escalate', 'resolved', 'backToTroubleshoot', 'close'] : ['resolved', 'backToTroubleshoot', 'escalate', 'close'],
    remediationWarning: is21v,
    reasons,
  };
}
