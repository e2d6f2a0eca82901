import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadCustomerDirectory, parseDirectoryText } from '../../src/customers/directory.js';
import { projectRoot } from '../../src/paths.js';

describe('customer directory', () => {
  it('the demo file loads: commercial, US Gov, 21Vianet, Azure-only, indirect reseller', () => {
    const dir = loadCustomerDirectory(join(projectRoot, 'config/customers.demo.json'));
    expect(dir.all().map((c) => [c.id, c.cloud])).toEqual([
      ['contoso', 'commercial'],
      ['fabrikam', 'commercial'],
      ['northwind', 'commercial'],
      ['tailspin-gov', 'usgov'],
      ['wingtip-cn', 'china21v'],
      ['adatum', 'commercial'],
    ]);
    expect(dir.find('wingtip-cn')?.domain).toBe('wingtipsh.partner.onmschina.cn');
    expect(dir.find('FABRIKAM INC')?.relationship).toEqual({ hasAdminRights: false, azureOnly: true, indirectReseller: false });
    expect(dir.find('northwind')?.relationship.indirectReseller).toBe(true);
    expect(dir.find('nobody')).toBeUndefined();
  });

  it('CSV with quoting; ids derived from names', () => {
    const csv = '\uFEFFname,tenantId,domain,cloud,hasAdminRights,azureOnly,indirectReseller\r\n"Litware, Inc.",8A0C3E0B-2F6D-4C55-9A3B-6E1D2C3B4A59,litware.onmicrosoft.com,commercial,yes,no,\r\n';
    const dir = parseDirectoryText(csv, 'customers.csv');
    expect(dir.all()).toEqual([
      {
        id: 'litware-inc',
        name: 'Litware, Inc.',
        tenantId: '8a0c3e0b-2f6d-4c55-9a3b-6e1d2c3b4a59',
        domain: 'litware.onmicrosoft.com',
        cloud: 'commercial',
        relationship: { hasAdminRights: true, azureOnly: false, indirectReseller: false },
      },
    ]);
  });

  it('bad rows stop the start with the row and the field named', () => {
    const csv = [
      'name,tenantId,domain,cloud,hasAdminRights',
      'Good Co,,good.onmicrosoft.com,commercial,true',
      'Bad Guid,1234,,commercial,true',
      'Bad Domain,,evil.com/#,commercial,maybe',
      'Wrong Cloud,,wt.partner.onmschina.cn,commercial,',
    ].join('\n');
    expect(() => parseDirectoryText(csv, 'c.csv')).toThrow(
      [
        'customer directory c.csv:',
        '  line 3, field tenantId: not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)',
        '  line 4, field domain: not a domain name such as contoso.onmicrosoft.com',
        '  line 4, field hasAdminRights: expected true or false',
        '  line 5, field domain: a *.partner.onmschina.cn domain belongs to cloud china21v',
      ].join('\n'),
    );
    expect(() => parseDirectoryText('[{"name":"A","domain":"a.com","cloud":"commercial"},{"name":"A","domain":"b.com","cloud":"commercial"}]', 'c.json')).toThrow(
      'row 2, field id: "a" is used by an earlier row',
    );
    expect(() => parseDirectoryText('{"customers": 3}', 'c.json')).toThrow('expected an array of customers');
    expect(() => parseDirectoryText('[{"name":"","cloud":"mars"}]', 'c.json')).toThrow(/row 1, field name: required\n  row 1, field cloud: one of commercial, usgov, china21v/);
  });
});
