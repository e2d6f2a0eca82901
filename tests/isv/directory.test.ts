import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IsvDirectoryError, loadIsvDirectory, lookupIsv, parseIsvDirectory } from '../../src/isv/directory.js';
import { projectRoot } from '../../src/paths.js';

describe('ISV directory file', () => {
  const demo = loadIsvDirectory(join(projectRoot, 'config/isv-directory.json'));

  it('the shipped demo file loads; offer IDs become storefront pages', () => {
    expect(demo.map((e) => e.productName)).toEqual(['Contoso Backup for Microsoft 365', 'Fabrikam Firewall Appliance', 'Northwind Invoice Connector']);
    expect(demo[0]!.productUrl).toBe('https://azuremarketplace.microsoft.com/marketplace/apps/contoso-demo.contoso-backup-m365?tab=Overview');
    expect(demo[0]!.supportUrl).toBe('https://support.contoso.example.com/backup');
  });

  it.each([
    ['contoso backup', 'Contoso Backup for Microsoft 365'],
    ['ＦＡＢＲＩＫＡＭ', 'Fabrikam Firewall Appliance'],
    ['Fabrikam 防火牆', 'Fabrikam Firewall Appliance'],
    ['备份', 'Contoso Backup for Microsoft 365'],
    ['Northwind Invoicing', 'Northwind Invoice Connector'],
    ['Fabrikam Firewall Appliance v2 (BYOL)', 'Fabrikam Firewall Appliance'],
  ])('lookup "%s" → %s', (q, name) => expect(lookupIsv(demo, q)[0]?.productName).toBe(name));

  it('no match, or a one-letter query, finds nothing', () => {
    expect(lookupIsv(demo, 'Tailspin')).toEqual([]);
    expect(lookupIsv(demo, 'a')).toEqual([]);
  });

  it('bad entries stop the start with the entry and field named', () => {
    const bad = {
      products: [
        { name: 'Good', supportEmail: 'a@b.com' },
        { name: 'Evil', supportUrl: 'javascript:alert(1)' },
        { name: 'Spoof', supportUrl: 'https://microsoft.com@evil.com/', productUrl: 'https://evil.com/marketplace/apps/x.y' },
        { name: 'Nothing' },
        { name: 'Phone', supportPhone: '[call](https://evil.com)' },
        { supportEmail: 'x@y.com', extra: 1 },
      ],
    };
    let lines: string[] = [];
    try {
      parseIsvDirectory(bad, 'isv.json');
    } catch (e) {
      expect(e).toBeInstanceOf(IsvDirectoryError);
      lines = (e as IsvDirectoryError).lines;
    }
    expect(lines).toEqual([
      'isv.json: products[1] "Evil": supportUrl: not a plain https:// address to a named host',
      'isv.json: products[2] "Spoof": productUrl: not an Azure Marketplace or AppSource product page',
      'isv.json: products[2] "Spoof": supportUrl: not a plain https:// address to a named host',
      'isv.json: products[3] "Nothing": supportUrl: give at least one of supportUrl, supportEmail, supportPhone',
      'isv.json: products[4] "Phone": supportPhone: not a phone number (digits, spaces, + ( ) - .)',
      expect.stringMatching(/^isv\.json: products\[5\]: (name|entry): /),
      expect.stringMatching(/^isv\.json: products\[5\]: (name|entry): /),
    ]);
  });
});
