/**
 * Every URL pattern the bot puts in front of an agent, one function each, with whether Microsoft documents it.
 * Source for each: /work/shared/domain-facts.md §1 and §5 ([confirmed] = documented by Microsoft,
 * [3rd-party] = only observed in tools that use it). Arguments are already validated by values.ts;
 * they are still encoded, so a future caller that skips validation cannot break out of the segment.
 */
import type { Cloud } from '../flow/case.js';

export interface Pattern {
  url: string;
  documented: boolean;
}

const enc = encodeURIComponent;

function at(base: string, documented: boolean): Pattern {
  return { url: new URL(base).href, documented };
}

// ---- Partner Center (commercial UI host partner.microsoft.com) ----

/** [confirmed] linked from Partner Center docs (domain-facts §1.1, "Customers list"). */
export const partnerCenterCustomers = (): Pattern => at('https://partner.microsoft.com/commerce/customers/list', true);

/** [3rd-party] the current UI's account page, used by partner tools (CIPP); not in Microsoft docs. */
export const partnerCenterCustomerAccount = (tenantId: string): Pattern =>
  at(`https://partner.microsoft.com/dashboard/commerce2/customers/${enc(tenantId)}/account`, false);

/**
 * [confirmed] Microsoft's MFA article names `/dashboard/v2/support/customers/*` as Support → Customer requests;
 * we link the prefix itself, the page the menu opens on.
 */
export const partnerCenterCustomerRequests = (): Pattern =>
  at('https://partner.microsoft.com/dashboard/v2/support/customers', true);

// ---- Microsoft 365 admin center in the customer's context (BeginClientSession, domain-facts §1.2) ----

/**
 * Partner Center's delegated-admin jump link. `CSDEST=Support` and `ServiceStatus` appear in the documented
 * `managedservices` sample response [confirmed]; `o365admincenter` (admin home) is [3rd-party].
 */
export type ClientSessionDestination = 'Support' | 'ServiceStatus' | 'o365admincenter';
export function beginClientSession(tenantId: string, destination: ClientSessionDestination): Pattern {
  const url = new URL('https://portal.office.com/Partner/BeginClientSession.aspx');
  url.searchParams.set('CTID', tenantId);
  url.searchParams.set('CSDEST', destination);
  return { url: url.href, documented: destination !== 'o365admincenter' };
}

// ---- Microsoft 365 admin center, the signed-in user's own context (domain-facts §1.3) ----

/** [confirmed] Exchange Online docs: "Admins: sign in and create a service request". Own tenant only. */
export const adminCenterSupportOwnTenant = (): Pattern => at('https://admin.microsoft.com/AdminPortal/Home#/support', true);

/** [confirmed] GCC High / DoD admin center (Defender for Office 365 docs); deep pages under it are not documented. */
export const adminCenterUsGov = (): Pattern => at('https://portal.office365.us/adminportal/home', true);

/** [confirmed] Microsoft 365 operated by 21Vianet admin center (M365 docs, `o365-21vianet` moniker). */
export const adminCenter21Vianet = (): Pattern => at('https://portal.partner.microsoftonline.cn/adminportal', true);

// ---- Azure portal (domain-facts §1.4, §1.5, §1.6) ----

const azurePortalHost: Record<Cloud, string> = {
  commercial: 'https://portal.azure.com',
  usgov: 'https://portal.azure.us',
  china21v: 'https://portal.azure.cn',
};

/** [confirmed] all three portal hosts (domain-facts §1.6). Opens in the signed-in user's own directory. */
export const azurePortalHome = (cloud: Cloud): Pattern => at(`${azurePortalHost[cloud]}/`, true);

/**
 * [confirmed] partner doc procedure without admin rights / Azure only: "go to https://portal.azure.com/[customerdomainname]"
 * (seed 001). Documented for the commercial portal only.
 */
export const azurePortalAtDomain = (domain: string): Pattern => at(`https://portal.azure.com/${enc(domain)}`, true);

/** [3rd-party, widely used] `#@{tenant}` pins the portal to a directory. */
export const azurePortalAtTenant = (tenant: string): Pattern => at(`https://portal.azure.com/#@${enc(tenant)}`, false);

/**
 * New support request blade V3 [confirmed, many Azure docs] with `/subscriptionId/{guid}` [confirmed path-style parameter].
 * Prefixed with `#@{tenant}` so it opens in the customer's directory: the combination is [UNCONFIRMED] (domain-facts §1.5),
 * so the whole link counts as undocumented. No issueType: its spelling for technical cases is unconfirmed.
 */
export function azureNewSupportRequest(tenant: string, subscriptionId?: string): Pattern {
  let hash = `@${enc(tenant)}/view/Microsoft_Azure_Support/NewSupportRequestV3Blade`;
  if (subscriptionId !== undefined) hash += `/subscriptionId/${enc(subscriptionId)}`;
  return at(`https://portal.azure.com/#${hash}`, false);
}

/**
 * Seed 001: "review your customer's service requests … by selecting Manage support requests". Help + support's
 * overview blade is the older form still linked by docs (domain-facts §1.5); pinned with `#@{tenant}` [UNCONFIRMED combination].
 */
export const azureManageSupportRequests = (tenant: string): Pattern =>
  at(`https://portal.azure.com/#@${enc(tenant)}/blade/Microsoft_Azure_Support/HelpAndSupportBlade/overview`, false);

// ---- Commercial marketplace (domain-facts §5) ----

/** [confirmed] Azure Marketplace and AppSource storefront hosts; product pages `?tab=Overview`. */
export const marketplaceHosts = ['azuremarketplace.microsoft.com', 'appsource.microsoft.com'] as const;
export type MarketplaceHost = (typeof marketplaceHosts)[number];

export function marketplaceProductPage(host: MarketplaceHost, path: string): Pattern {
  const url = new URL(`https://${host}`);
  url.pathname = path;
  url.search = '?tab=Overview';
  return { url: url.href, documented: true };
}

/** [confirmed] `https://azuremarketplace.microsoft.com/marketplace/apps/{publisherId}.{offerId}?tab=Overview`. */
export const azureMarketplaceOffer = (offerId: string): Pattern =>
  marketplaceProductPage('azuremarketplace.microsoft.com', `/marketplace/apps/${enc(offerId)}`);

/** The storefront's app list, where seed 001 tells the partner to pick the product; host [confirmed], page [3rd-party]. */
export const azureMarketplaceApps = (): Pattern => at('https://azuremarketplace.microsoft.com/marketplace/apps', false);
