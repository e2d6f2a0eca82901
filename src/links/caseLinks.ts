/**
 * Which links a case gets, per cloud and product (DESIGN §2.5, seeds 001 and 003, domain-facts §1).
 * Pure: plain data in, plain data out. Values are validated first; an invalid one drops the link that needed it
 * (the Partner Center pages, which need nothing from the customer, always remain as the way in).
 */
import type { Case, Cloud, Product } from '../flow/case.js';
import { marketplaceProductLink } from './marketplace.js';
import {
  adminCenter21Vianet,
  adminCenterSupportOwnTenant,
  adminCenterUsGov,
  azureManageSupportRequests,
  azureMarketplaceApps,
  azureNewSupportRequest,
  azurePortalAtDomain,
  azurePortalAtTenant,
  azurePortalHome,
  beginClientSession,
  partnerCenterCustomerAccount,
  partnerCenterCustomerRequests,
  partnerCenterCustomers,
  type Pattern,
} from './patterns.js';
import { parseDomain, parseGuid } from './values.js';

export type LinkPurpose = 'escalate' | 'review' | 'adminPortal' | 'partnerCenter' | 'marketplace';

export interface CaseLink {
  /** i18n key of the label (links.*). */
  key: string;
  url: string;
  purpose: LinkPurpose;
  /** True when Microsoft documents the pattern; false when it is only observed in use (domain-facts legend). */
  documented: boolean;
}

export interface LinkInput {
  cloud: Cloud;
  product: Product;
  customerTenantId?: string;
  customerDomain?: string;
  subscriptionId?: string;
  /** Storefront product page (Azure Marketplace or AppSource), e.g. from the ISV directory. */
  marketplaceProductUrl?: string;
  /** `{publisherId}.{offerId}` when the directory has the offer ID instead of a page URL. */
  marketplaceOfferId?: string;
}

interface Checked {
  cloud: Cloud;
  product: Product;
  tenantId: string | undefined;
  domain: string | undefined;
  subscriptionId: string | undefined;
  /** What `#@` pins the Azure portal to: the tenant ID when known, else the domain. */
  tenant: string | undefined;
}

function check(input: LinkInput): Checked {
  const tenantId = parseGuid(input.customerTenantId);
  const domain = parseDomain(input.customerDomain);
  return {
    cloud: input.cloud,
    product: input.product,
    tenantId,
    domain,
    subscriptionId: parseGuid(input.subscriptionId),
    tenant: tenantId ?? domain,
  };
}

const m365Family: ReadonlySet<Product> = new Set<Product>(['m365', 'dynamics365', 'ems']);

class LinkList {
  readonly links: CaseLink[] = [];
  add(key: string, purpose: LinkPurpose, pattern: Pattern | undefined): void {
    if (pattern) this.links.push({ key, url: pattern.url, purpose, documented: pattern.documented });
  }
}

/**
 * Partner Center first: seed 001 ("Service requests should be filed through Partner Center") and DESIGN §2.5
 * (keeps the partner–customer relationship). The US Government Partner Center shares the commercial REST base
 * (domain-facts §1.6) but its UI host is [UNCONFIRMED], so its links are marked undocumented and only the two
 * documented paths are offered. The 21Vianet Partner Center UI host is [UNCONFIRMED] and not shared: no link;
 * the card names the menu path from seed 003 instead.
 */
function partnerCenter(out: LinkList, v: Checked): void {
  if (v.cloud === 'china21v') return;
  const documentedHere = v.cloud === 'commercial';
  const mark = (p: Pattern): Pattern => ({ url: p.url, documented: p.documented && documentedHere });
  out.add('links.partnerCenter.customers', 'partnerCenter', mark(partnerCenterCustomers()));
  if (v.cloud === 'commercial' && v.tenantId) {
    out.add('links.partnerCenter.customerAccount', 'partnerCenter', partnerCenterCustomerAccount(v.tenantId));
  }
  out.add('links.partnerCenter.customerRequests', 'partnerCenter', mark(partnerCenterCustomerRequests()));
}

function azureEscalation(out: LinkList, v: Checked): void {
  if (v.cloud !== 'commercial') {
    // Azure Government / Azure operated by 21Vianet: the domain path and support-blade deep links are
    // [UNCONFIRMED] there (domain-facts §1.6), so we link the portal home; the label tells the agent to
    // switch to the customer's directory before New support request.
    out.add(`links.azure.portalHome.${v.cloud}`, 'escalate', azurePortalHome(v.cloud));
    return;
  }
  if (v.tenant) out.add('links.azure.newSupportRequest', 'escalate', azureNewSupportRequest(v.tenant, v.subscriptionId));
  // Seed 001's procedure when the partner has no admin rights or manages only Azure subscriptions.
  if (v.domain) out.add('links.azure.customerDirectory', 'escalate', azurePortalAtDomain(v.domain));
  if (v.tenant) out.add('links.azure.manageSupportRequests', 'review', azureManageSupportRequests(v.tenant));
}

function m365Escalation(out: LinkList, v: Checked): void {
  if (v.cloud === 'usgov') {
    // GCC High / DoD admin center; a partner-context jump link for it is [UNCONFIRMED].
    out.add('links.m365.adminCenter.usgov', 'escalate', adminCenterUsGov());
    return;
  }
  if (v.cloud === 'china21v') {
    // Seed 003: Partner Center → Support requests → Customer requests → customer → New request takes the partner to
    // the customer's 21Vianet admin center, where "Submit a service request" goes to 21Vianet.
    out.add('links.m365.adminCenter.china21v', 'escalate', adminCenter21Vianet());
    return;
  }
  // Without the tenant ID there is no customer-context link: the plain admin center would open the partner's own
  // tenant, which seed 001's FAQ reserves for the partner's own subscriptions. Partner Center stays the way in.
  if (!v.tenantId) return;
  out.add('links.m365.newServiceRequest', 'escalate', beginClientSession(v.tenantId, 'Support'));
  // Seed 001: review later in the admin center with "See all support tickets", on the same Support page;
  // no documented deep link to the ticket list in the partner's context.
  out.add('links.m365.supportTickets', 'review', beginClientSession(v.tenantId, 'Support'));
}

/** Seed 001 FAQ: for the partner's own tenant, sign in directly (not through Partner Center) with its own entitlement. */
function ownTenant(out: LinkList, cloud: Cloud): void {
  out.add(`links.ownTenant.azurePortal.${cloud}`, 'escalate', azurePortalHome(cloud));
  const adminCenter =
    cloud === 'commercial' ? adminCenterSupportOwnTenant() : cloud === 'usgov' ? adminCenterUsGov() : adminCenter21Vianet();
  out.add(`links.ownTenant.adminCenter.${cloud}`, 'escalate', adminCenter);
}

function marketplace(out: LinkList, input: LinkInput): void {
  // Seed 001: Microsoft gives no product support; the product page names the ISV's support contact.
  const page = marketplaceProductLink({ productUrl: input.marketplaceProductUrl, offerId: input.marketplaceOfferId });
  if (page) out.add('links.marketplace.productPage', 'marketplace', page);
  else out.add('links.marketplace.apps', 'marketplace', azureMarketplaceApps());
}

/** All links for the escalation card of a case in this cloud and product. */
export function buildCaseLinks(input: LinkInput): CaseLink[] {
  const v = check(input);
  const out = new LinkList();
  if (v.product === 'marketplace') {
    marketplace(out, input);
    return out.links;
  }
  if (v.product === 'ownTenant') {
    ownTenant(out, v.cloud);
    return out.links;
  }
  partnerCenter(out, v);
  if (v.product === 'azure') azureEscalation(out, v);
  else if (m365Family.has(v.product)) m365Escalation(out, v);
  // Billing disputes and fraud concerns (seed 001: "this process is also useful for …") start from Partner Center's
  // Customer requests; which portal follows depends on the subscription, so the agent picks it there.
  return out.links;
}

/** Admin portals opened in the customer's context, for the troubleshoot step (DESIGN §2.3). */
export function adminPortalLinks(input: LinkInput): CaseLink[] {
  const v = check(input);
  const out = new LinkList();
  if (v.product === 'marketplace' || v.product === 'ownTenant') return out.links;
  const wantsAzure = v.product === 'azure' || v.product === 'billing' || v.product === 'fraud';
  const wantsM365 = m365Family.has(v.product) || v.product === 'billing' || v.product === 'fraud';
  if (wantsM365) {
    if (v.cloud === 'commercial') {
      if (v.tenantId) {
        out.add('links.m365.adminCenter', 'adminPortal', beginClientSession(v.tenantId, 'o365admincenter'));
        out.add('links.m365.serviceHealth', 'adminPortal', beginClientSession(v.tenantId, 'ServiceStatus'));
      }
    } else {
      out.add(`links.m365.adminCenter.${v.cloud}`, 'adminPortal', v.cloud === 'usgov' ? adminCenterUsGov() : adminCenter21Vianet());
    }
  }
  if (wantsAzure) {
    if (v.cloud !== 'commercial') out.add(`links.azure.portalHome.${v.cloud}`, 'adminPortal', azurePortalHome(v.cloud));
    else if (v.domain) out.add('links.azure.customerDirectory', 'adminPortal', azurePortalAtDomain(v.domain));
    else if (v.tenantId) out.add('links.azure.customerTenant', 'adminPortal', azurePortalAtTenant(v.tenantId));
  }
  return out.links;
}

/** The link input of a case, or undefined before intake. */
export function linkInputOf(c: Case): LinkInput | undefined {
  if (!c.intake) return undefined;
  const { customer, cloud, product } = c.intake;
  const input: LinkInput = { cloud, product };
  if (customer.tenantId !== undefined) input.customerTenantId = customer.tenantId;
  if (customer.domain !== undefined) input.customerDomain = customer.domain;
  if (customer.subscriptionId !== undefined) input.subscriptionId = customer.subscriptionId;
  if (c.isv?.productUrl !== undefined) input.marketplaceProductUrl = c.isv.productUrl;
  return input;
}
