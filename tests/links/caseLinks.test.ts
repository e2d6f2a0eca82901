import { describe, expect, it } from 'vitest';
import { clouds, products, type Cloud, type Product } from '../../src/flow/case.js';
import { adminPortalLinks, buildCaseLinks, linkInputOf, type CaseLink, type LinkInput } from '../../src/links/index.js';

const tenantId = '4b2e0f6c-1d3a-4c8e-9f21-7a5b3c9d0e11';
const subscriptionId = 'f0e1d2c3-b4a5-4968-8776-655443322110';
const domainOf: Record<Cloud, string> = {
  commercial: 'contoso.onmicrosoft.com',
  usgov: 'contosogov.onmicrosoft.com',
  china21v: 'contoso.partner.onmschina.cn',
};

function input(cloud: Cloud, product: Product, extra: Partial<LinkInput> = {}): LinkInput {
  return { cloud, product, customerTenantId: tenantId, customerDomain: domainOf[cloud], subscriptionId, ...extra };
}

/** A link as the agent's browser sees it: compared by parsed parts, not by string spelling. */
function parsed(l: Pick<CaseLink, 'key' | 'purpose' | 'documented' | 'url'>) {
  const u = new URL(l.url);
  return {
    key: l.key,
    purpose: l.purpose,
    documented: l.documented,
    protocol: u.protocol,
    host: u.host,
    pathname: u.pathname,
    params: [...u.searchParams.entries()],
    hash: decodeURIComponent(u.hash),
  };
}
type Expected = [key: string, purpose: CaseLink['purpose'], documented: boolean, url: string];
const expectLinks = (actual: CaseLink[], expected: Expected[]) =>
  expect(actual.map(parsed)).toEqual(expected.map(([key, purpose, documented, url]) => parsed({ key, purpose, documented, url })));

const pcCommercial: Expected[] = [
  ['links.partnerCenter.customers', 'partnerCenter', true, 'https://partner.microsoft.com/commerce/customers/list'],
  ['links.partnerCenter.customerAccount', 'partnerCenter', false, `https://partner.microsoft.com/dashboard/commerce2/customers/${tenantId}/account`],
  ['links.partnerCenter.customerRequests', 'partnerCenter', true, 'https://partner.microsoft.com/dashboard/v2/support/customers'],
];
const pcUsGov: Expected[] = [
  ['links.partnerCenter.customers', 'partnerCenter', false, 'https://partner.microsoft.com/commerce/customers/list'],
  ['links.partnerCenter.customerRequests', 'partnerCenter', false, 'https://partner.microsoft.com/dashboard/v2/support/customers'],
];
const m365Commercial: Expected[] = [
  ['links.m365.newServiceRequest', 'escalate', true, `https://portal.office.com/Partner/BeginClientSession.aspx?CTID=${tenantId}&CSDEST=Support`],
  ['links.m365.supportTickets', 'review', true, `https://portal.office.com/Partner/BeginClientSession.aspx?CTID=${tenantId}&CSDEST=Support`],
];

const golden: Record<Cloud, Record<Product, Expected[]>> = {
  commercial: {
    azure: [
      ...pcCommercial,
      ['links.azure.newSupportRequest', 'escalate', false, `https://portal.azure.com/#@${tenantId}/view/Microsoft_Azure_Support/NewSupportRequestV3Blade/subscriptionId/${subscriptionId}`],
      ['links.azure.customerDirectory', 'escalate', true, 'https://portal.azure.com/contoso.onmicrosoft.com'],
      ['links.azure.manageSupportRequests', 'review', false, `https://portal.azure.com/#@${tenantId}/blade/Microsoft_Azure_Support/HelpAndSupportBlade/overview`],
    ],
    m365: [...pcCommercial, ...m365Commercial],
    dynamics365: [...pcCommercial, ...m365Commercial],
    ems: [...pcCommercial, ...m365Commercial],
    billing: pcCommercial,
    fraud: pcCommercial,
    marketplace: [['links.marketplace.apps', 'marketplace', false, 'https://azuremarketplace.microsoft.com/marketplace/apps']],
    ownTenant: [
      ['links.ownTenant.azurePortal.commercial', 'escalate', true, 'https://portal.azure.com/'],
      ['links.ownTenant.adminCenter.commercial', 'escalate', true, 'https://admin.microsoft.com/AdminPortal/Home#/support'],
    ],
  },
  usgov: {
    azure: [...pcUsGov, ['links.azure.portalHome.usgov', 'escalate', true, 'https://portal.azure.us/']],
    m365: [...pcUsGov, ['links.m365.adminCenter.usgov', 'escalate', true, 'https://portal.office365.us/adminportal/home']],
    dynamics365: [...pcUsGov, ['links.m365.adminCenter.usgov', 'escalate', true, 'https://portal.office365.us/adminportal/home']],
    ems: [...pcUsGov, ['links.m365.adminCenter.usgov', 'escalate', true, 'https://portal.office365.us/adminportal/home']],
    billing: pcUsGov,
    fraud: pcUsGov,
    marketplace: [['links.marketplace.apps', 'marketplace', false, 'https://azuremarketplace.microsoft.com/marketplace/apps']],
    ownTenant: [
      ['links.ownTenant.azurePortal.usgov', 'escalate', true, 'https://portal.azure.us/'],
      ['links.ownTenant.adminCenter.usgov', 'escalate', true, 'https://portal.office365.us/adminportal/home'],
    ],
  },
  china21v: {
    azure: [['links.azure.portalHome.china21v', 'escalate', true, 'https://portal.azure.cn/']],
    m365: [['links.m365.adminCenter.china21v', 'escalate', true, 'https://portal.partner.microsoftonline.cn/adminportal']],
    dynamics365: [['links.m365.adminCenter.china21v', 'escalate', true, 'https://portal.partner.microsoftonline.cn/adminportal']],
    ems: [['links.m365.adminCenter.china21v', 'escalate', true, 'https://portal.partner.microsoftonline.cn/adminportal']],
    billing: [],
    fraud: [],
    marketplace: [['links.marketplace.apps', 'marketplace', false, 'https://azuremarketplace.microsoft.com/marketplace/apps']],
    ownTenant: [
      ['links.ownTenant.azurePortal.china21v', 'escalate', true, 'https://portal.azure.cn/'],
      ['links.ownTenant.adminCenter.china21v', 'escalate', true, 'https://portal.partner.microsoftonline.cn/adminportal'],
    ],
  },
};

describe('escalation links per cloud × product (golden)', () => {
  for (const cloud of clouds) {
    for (const product of products) {
      it(`${cloud} / ${product}`, () => expectLinks(buildCaseLinks(input(cloud, product)), golden[cloud][product]));
    }
  }
});

describe('escalation links with partial customer data', () => {
  it('Azure without a subscription: the support blade opens without one', () => {
    const links = buildCaseLinks(input('commercial', 'azure', { subscriptionId: undefined }));
    expect(links.find((l) => l.key === 'links.azure.newSupportRequest')?.url).toBe(
      `https://portal.azure.com/#@${tenantId}/view/Microsoft_Azure_Support/NewSupportRequestV3Blade`,
    );
  });

  it('Azure with only the domain: the blade is pinned to the domain, the account page is left out', () => {
    expectLinks(buildCaseLinks({ cloud: 'commercial', product: 'azure', customerDomain: 'Contoso.OnMicrosoft.com' }), [
      pcCommercial[0]!,
      pcCommercial[2]!,
      ['links.azure.newSupportRequest', 'escalate', false, 'https://portal.azure.com/#@contoso.onmicrosoft.com/view/Microsoft_Azure_Support/NewSupportRequestV3Blade'],
      ['links.azure.customerDirectory', 'escalate', true, 'https://portal.azure.com/contoso.onmicrosoft.com'],
      ['links.azure.manageSupportRequests', 'review', false, 'https://portal.azure.com/#@contoso.onmicrosoft.com/blade/Microsoft_Azure_Support/HelpAndSupportBlade/overview'],
    ]);
  });

  it('Microsoft 365 without a tenant ID: only Partner Center, never the admin center in the partner\'s own context', () => {
    expectLinks(buildCaseLinks({ cloud: 'commercial', product: 'm365', customerDomain: 'contoso.com' }), [pcCommercial[0]!, pcCommercial[2]!]);
  });

  it('an upper-case tenant ID is accepted and written lower case', () => {
    const links = buildCaseLinks(input('commercial', 'm365', { customerTenantId: tenantId.toUpperCase() }));
    expect(new URL(links.find((l) => l.key === 'links.m365.newServiceRequest')!.url).searchParams.get('CTID')).toBe(tenantId);
  });
});

describe('marketplace product pages', () => {
  const page = (extra: Partial<LinkInput>) => buildCaseLinks({ cloud: 'commercial', product: 'marketplace', ...extra });

  it('an Azure Marketplace page is kept as its product path with ?tab=Overview', () => {
    expectLinks(page({ marketplaceProductUrl: 'https://azuremarketplace.microsoft.com/en-us/marketplace/apps/contoso.backup-pro?tab=PlansAndPrice#x' }), [
      ['links.marketplace.productPage', 'marketplace', true, 'https://azuremarketplace.microsoft.com/en-us/marketplace/apps/contoso.backup-pro?tab=Overview'],
    ]);
  });

  it('an AppSource page is kept', () => {
    expectLinks(page({ marketplaceProductUrl: 'https://appsource.microsoft.com/en-us/product/office/WA104381712?tab=Overview' }), [
      ['links.marketplace.productPage', 'marketplace', true, 'https://appsource.microsoft.com/en-us/product/office/WA104381712?tab=Overview'],
    ]);
  });

  it('an offer ID becomes the Azure Marketplace page', () => {
    expectLinks(page({ marketplaceOfferId: 'fabrikam.fabrikam-sso' }), [
      ['links.marketplace.productPage', 'marketplace', true, 'https://azuremarketplace.microsoft.com/marketplace/apps/fabrikam.fabrikam-sso?tab=Overview'],
    ]);
  });

  it.each([
    'https://evil.com/marketplace/apps/contoso.x',
    'https://azuremarketplace.microsoft.com.evil.com/marketplace/apps/contoso.x',
    'https://azuremarketplace.microsoft.com@evil.com/marketplace/apps/contoso.x',
    'https://azuremarketplace.microsoft.com/marketplace/apps/..%2F..%2Fevil',
    'https://azuremarketplace.microsoft.com/marketplace/apps/../../redirect?to=evil.com',
    'http://azuremarketplace.microsoft.com/marketplace/apps/contoso.x',
    'javascript:alert(1)//azuremarketplace.microsoft.com/marketplace/apps/contoso.x',
  ])('%s is not a storefront product page: the generic list instead', (raw) => {
    expectLinks(page({ marketplaceProductUrl: raw }), [
      ['links.marketplace.apps', 'marketplace', false, 'https://azuremarketplace.microsoft.com/marketplace/apps'],
    ]);
  });
});

describe('admin portals for the troubleshoot step', () => {
  it('commercial Microsoft 365: admin center home and service health through BeginClientSession', () => {
    expectLinks(adminPortalLinks(input('commercial', 'm365')), [
      ['links.m365.adminCenter', 'adminPortal', false, `https://portal.office.com/Partner/BeginClientSession.aspx?CTID=${tenantId}&CSDEST=o365admincenter`],
      ['links.m365.serviceHealth', 'adminPortal', true, `https://portal.office.com/Partner/BeginClientSession.aspx?CTID=${tenantId}&CSDEST=ServiceStatus`],
    ]);
  });

  it('commercial Azure: the portal at the customer domain, or pinned to the tenant ID when no domain is known', () => {
    expectLinks(adminPortalLinks(input('commercial', 'azure')), [
      ['links.azure.customerDirectory', 'adminPortal', true, 'https://portal.azure.com/contoso.onmicrosoft.com'],
    ]);
    expectLinks(adminPortalLinks({ cloud: 'commercial', product: 'azure', customerTenantId: tenantId }), [
      ['links.azure.customerTenant', 'adminPortal', false, `https://portal.azure.com/#@${tenantId}`],
    ]);
  });

  it('billing: both the admin center and the Azure portal', () => {
    expect(adminPortalLinks(input('commercial', 'billing')).map((l) => l.key)).toEqual([
      'links.m365.adminCenter',
      'links.m365.serviceHealth',
      'links.azure.customerDirectory',
    ]);
  });

  it('US Government and 21Vianet: the portal homes, no invented deep links', () => {
    expectLinks(adminPortalLinks(input('usgov', 'fraud')), [
      ['links.m365.adminCenter.usgov', 'adminPortal', true, 'https://portal.office365.us/adminportal/home'],
      ['links.azure.portalHome.usgov', 'adminPortal', true, 'https://portal.azure.us/'],
    ]);
    expectLinks(adminPortalLinks(input('china21v', 'ems')), [
      ['links.m365.adminCenter.china21v', 'adminPortal', true, 'https://portal.partner.microsoftonline.cn/adminportal'],
    ]);
  });

  it('marketplace and own-tenant cases get no customer admin portal', () => {
    expect(adminPortalLinks(input('commercial', 'marketplace'))).toEqual([]);
    expect(adminPortalLinks(input('commercial', 'ownTenant'))).toEqual([]);
  });
});

describe('link input of a case', () => {
  it('takes the intake customer and the ISV product page', () => {
    const c = {
      intake: {
        customer: { name: 'Contoso', tenantId, domain: 'contoso.onmicrosoft.com' },
        cloud: 'commercial',
        product: 'marketplace',
      },
      isv: { productName: 'Backup Pro', productUrl: 'https://azuremarketplace.microsoft.com/marketplace/apps/contoso.backup-pro' },
    } as unknown as Parameters<typeof linkInputOf>[0];
    expect(linkInputOf(c)).toEqual({
      cloud: 'commercial',
      product: 'marketplace',
      customerTenantId: tenantId,
      customerDomain: 'contoso.onmicrosoft.com',
      marketplaceProductUrl: 'https://azuremarketplace.microsoft.com/marketplace/apps/contoso.backup-pro',
    });
  });
});
