import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clouds, products } from '../../src/flow/case.js';
import { adminPortalLinks, buildCaseLinks, safeExternalUrl, type CaseLink, type LinkInput } from '../../src/links/index.js';

const guid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const domain = '(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z][a-z0-9-]*';
const tenant = `(?:${guid}|${domain})`;
const bcs = (dest: string) => new RegExp(`^https://portal\\.office\\.com/Partner/BeginClientSession\\.aspx\\?CTID=${guid}&CSDEST=${dest}$`);
const exact = (url: string) => new RegExp(`^${url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);

/** The only shape each link may ever have, whatever the input: scheme, host and path prefix fixed; variable parts from a tiny alphabet. */
const shapes: Record<string, RegExp> = {
  'links.partnerCenter.customers': exact('https://partner.microsoft.com/commerce/customers/list'),
  'links.partnerCenter.customerAccount': new RegExp(`^https://partner\\.microsoft\\.com/dashboard/commerce2/customers/${guid}/account$`),
  'links.partnerCenter.customerRequests': exact('https://partner.microsoft.com/dashboard/v2/support/customers'),
  'links.azure.newSupportRequest': new RegExp(
    `^https://portal\\.azure\\.com/#@${tenant}/view/Microsoft_Azure_Support/NewSupportRequestV3Blade(?:/subscriptionId/${guid})?$`,
  ),
  'links.azure.customerDirectory': new RegExp(`^https://portal\\.azure\\.com/${domain}$`),
  'links.azure.customerTenant': new RegExp(`^https://portal\\.azure\\.com/#@${guid}$`),
  'links.azure.manageSupportRequests': new RegExp(`^https://portal\\.azure\\.com/#@${tenant}/blade/Microsoft_Azure_Support/HelpAndSupportBlade/overview$`),
  'links.azure.portalHome.usgov': exact('https://portal.azure.us/'),
  'links.azure.portalHome.china21v': exact('https://portal.azure.cn/'),
  'links.m365.newServiceRequest': bcs('Support'),
  'links.m365.supportTickets': bcs('Support'),
  'links.m365.adminCenter': bcs('o365admincenter'),
  'links.m365.serviceHealth': bcs('ServiceStatus'),
  'links.m365.adminCenter.usgov': exact('https://portal.office365.us/adminportal/home'),
  'links.m365.adminCenter.china21v': exact('https://portal.partner.microsoftonline.cn/adminportal'),
  'links.ownTenant.azurePortal.commercial': exact('https://portal.azure.com/'),
  'links.ownTenant.azurePortal.usgov': exact('https://portal.azure.us/'),
  'links.ownTenant.azurePortal.china21v': exact('https://portal.azure.cn/'),
  'links.ownTenant.adminCenter.commercial': exact('https://admin.microsoft.com/AdminPortal/Home#/support'),
  'links.ownTenant.adminCenter.usgov': exact('https://portal.office365.us/adminportal/home'),
  'links.ownTenant.adminCenter.china21v': exact('https://portal.partner.microsoftonline.cn/adminportal'),
  'links.marketplace.productPage':
    /^https:\/\/(?:azuremarketplace\.microsoft\.com\/(?:[a-z]{2}-[a-z]{2}\/)?marketplace\/apps|appsource\.microsoft\.com\/(?:[a-z]{2}-[a-z]{2}\/)?product\/[a-z0-9-]+)\/[A-Za-z0-9][A-Za-z0-9._-]*\/?\?tab=Overview$/,
  'links.marketplace.apps': exact('https://azuremarketplace.microsoft.com/marketplace/apps'),
};

function assertShape(link: CaseLink): void {
  const shape = shapes[link.key];
  expect(shape, `unknown link key ${link.key}`).toBeDefined();
  expect(link.url).toMatch(shape!);
  // What the browser will open is what we checked: parsing and re-serialising changes nothing.
  const u = new URL(link.url);
  expect(u.href).toBe(link.url);
  expect(u.protocol).toBe('https:');
  expect(u.username + u.password + u.port).toBe('');
}

const hostile = [
  'evil.com/#',
  'contoso.onmicrosoft.com/#@evil.com',
  '@evil.com',
  'contoso.com@evil.com',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '../../evil',
  'contoso.com/../../x',
  '%2F%2Fevil.com',
  'contoso%2Eonmicrosoft%2Ecom',
  'contoso.com?x=1',
  'contoso.com\\evil.com',
  '\u202Emoc.live\u202C',
  'contoso\u200B.onmicrosoft.com',
  'contoso.onmicrosoft.com\u200E',
  'ⅽontoso.com',
  'conto\u0301so.com',
  '${customer.tenantId}',
  '{{tenant}}',
  '<img src=x onerror=alert(1)>',
  '[x](https://evil.com)',
  ' 4b2e0f6c-1d3a-4c8e-9f21-7a5b3c9d0e11\n',
  '4b2e0f6c-1d3a-4c8e-9f21-7a5b3c9d0e11/../../evil',
  '4b2e0f6c-1d3a-4c8e-9f21-7a5b3c9d0e11&CSDEST=evil',
  'https://azuremarketplace.microsoft.com@evil.com/marketplace/apps/a.b',
  'https://appsource.microsoft.com/en-us/product/office/%2F%2Fevil.com',
  'a'.repeat(10 * 1024),
  'a'.repeat(10 * 1024) + '.com',
  'contoso.onmicrosoft.com' + '\u200B'.repeat(5000),
  'x.' .repeat(5000) + 'com',
];

const anyText = fc.oneof(
  fc.constantFrom(...hostile),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.tuple(fc.constantFrom('contoso.onmicrosoft.com', '4b2e0f6c-1d3a-4c8e-9f21-7a5b3c9d0e11', 'https://azuremarketplace.microsoft.com/marketplace/apps/a.b'), fc.constantFrom(...hostile), fc.boolean())
    .map(([ok, bad, before]) => (before ? bad + ok : ok + bad)),
  fc.domain(),
  fc.uuid(),
  fc.webUrl(),
);
const maybe = fc.option(anyText, { nil: undefined });

const linkInput: fc.Arbitrary<LinkInput> = fc.record({
  cloud: fc.constantFrom(...clouds),
  product: fc.constantFrom(...products),
  customerTenantId: maybe,
  customerDomain: maybe,
  subscriptionId: maybe,
  marketplaceProductUrl: maybe,
  marketplaceOfferId: maybe,
});

describe('no input changes a link\'s scheme, host or path prefix', () => {
  it('buildCaseLinks and adminPortalLinks, arbitrary strings in every field', () => {
    fc.assert(
      fc.property(linkInput, (input) => {
        for (const link of [...buildCaseLinks(input), ...adminPortalLinks(input)]) assertShape(link);
      }),
      { numRuns: 2000 },
    );
  });

  it.each(hostile.map((h) => [h.length > 60 ? `${h.slice(0, 30)}… (${h.length} chars)` : h, h]))(
    'hostile value %s in every field of every route',
    (_, h) => {
      for (const cloud of clouds) {
        for (const product of products) {
          const input = { cloud, product, customerTenantId: h, customerDomain: h, subscriptionId: h, marketplaceProductUrl: h, marketplaceOfferId: h };
          const links = [...buildCaseLinks(input), ...adminPortalLinks(input)];
          for (const link of links) {
            assertShape(link);
            expect(link.url).not.toContain('evil');
          }
        }
      }
    },
  );

  it('a domain that ends in "/#" does not become the portal path', () => {
    const links = buildCaseLinks({ cloud: 'commercial', product: 'azure', customerDomain: 'evil.com/#' });
    expect(links.map((l) => l.key)).toEqual(['links.partnerCenter.customers', 'links.partnerCenter.customerRequests']);
  });
});

describe('safeExternalUrl (ISV support and product pages)', () => {
  it.each([
    ['https://support.fabrikam.com/help?product=sso#contact', 'https://support.fabrikam.com/help?product=sso#contact'],
    ['  https://FABRIKAM.com  ', 'https://fabrikam.com/'],
    ['https://bücher.example/support', 'https://xn--bcher-kva.example/support'],
  ])('accepts %s', (raw, href) => {
    expect(safeExternalUrl(raw)?.href).toBe(href);
  });

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'http://fabrikam.com/',
    'https://user:pass@fabrikam.com/',
    'https://fabrikam.com@evil.com/',
    'https://fabrikam.com:8443/',
    'https://127.0.0.1/',
    'https://[::1]/',
    'https://localhost/',
    'https://fabrikam.com/\u202Efdp.exe',
    'https://fab\u200Brikam.com/',
    'https://fabrikam.com/a b',
    'https://fabrikam.com/a\nb',
    '\u0000https://fabrikam.com/',
    '//evil.com/',
    'evil.com/#',
    'fabrikam.com',
    `https://fabrikam.com/${'a'.repeat(10 * 1024)}`,
    '',
  ])('rejects %s', (raw) => {
    expect(safeExternalUrl(raw)).toBeNull();
  });

  it('rejects non-strings', () => {
    expect(safeExternalUrl(undefined)).toBeNull();
    expect(safeExternalUrl({ href: 'https://fabrikam.com' })).toBeNull();
  });

  it('never returns anything but an https URL without credentials or port', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.webUrl({ withQueryParameters: true, withFragments: true, validSchemes: ['https', 'http', 'ftp'] })), (raw) => {
        const u = safeExternalUrl(raw);
        if (u === null) return;
        expect(u.protocol).toBe('https:');
        expect(u.username + u.password + u.port).toBe('');
        expect(u.hostname).toMatch(/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*$/);
      }),
      { numRuns: 1000 },
    );
  });
});
