import { describe, expect, it } from 'vitest';
import { parseDomain, parseGuid, parseOfferId } from '../../src/links/index.js';

describe('customer values a link may carry', () => {
  it.each([
    ['contoso.onmicrosoft.com', 'contoso.onmicrosoft.com'],
    ['Contoso.Partner.OnMSChina.cn', 'contoso.partner.onmschina.cn'],
    ['fabrikam-gov.onmicrosoft.us', 'fabrikam-gov.onmicrosoft.us'],
    [' contoso.com ', 'contoso.com'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
  ])('domain %s → %s', (raw, value) => expect(parseDomain(raw)).toBe(value));

  it.each(['bücher.example', '1.2.3.4', 'localhost', 'a..b.com', '-a.com', 'a-.com', 'contoso.com.', 'evil.com/#', '@evil.com', 'a.b_c.com', `${'a'.repeat(64)}.com`, `${'a.'.repeat(130)}com`])(
    'domain %s is rejected',
    (raw) => expect(parseDomain(raw)).toBeUndefined(),
  );

  it('GUIDs: any case accepted and returned lower case; braces, URNs and near misses rejected', () => {
    expect(parseGuid('4B2E0F6C-1D3A-4C8E-9F21-7A5B3C9D0E11')).toBe('4b2e0f6c-1d3a-4c8e-9f21-7a5b3c9d0e11');
    for (const bad of ['{4b2e0f6c-1d3a-4c8e-9f21-7a5b3c9d0e11}', 'urn:uuid:4b2e0f6c-1d3a-4c8e-9f21-7a5b3c9d0e11', '4b2e0f6c1d3a4c8e9f217a5b3c9d0e11', '4b2e0f6c-1d3a-4c8e-9f21-7a5b3c9d0e1g', 'contoso.com']) {
      expect(parseGuid(bad), bad).toBeUndefined();
    }
  });

  it('offer IDs are publisher.offer', () => {
    expect(parseOfferId('Contoso.Backup-Pro_2')).toBe('contoso.backup-pro_2');
    for (const bad of ['contoso', 'contoso.', '.offer', 'contoso/offer', 'contoso.offer?x', 'contoso.off er']) expect(parseOfferId(bad), bad).toBeUndefined();
  });
});
