import { describe, expect, it } from 'vitest';
import { parseClose, parseDecision, parseHealthAttach, parseIntake, parseResolution, parseTroubleshoot } from '../../src/flow/forms.js';
import { intakeInputs } from './fixtures.js';
import type { DirectoryCustomer } from '../../src/customers/directory.js';

const errorsOf = (r: { ok: boolean; errors?: unknown }) => (r.ok ? [] : r.errors);
const tenKb = 'x'.repeat(10 * 1024);

describe('intake form', () => {
  it('a typed customer becomes the case intake (GUID lower-cased, domain lower-cased, flags from the multi-select)', () => {
    const r = parseIntake(
      intakeInputs({ tenantId: ' 435BB064-3AD9-4A2A-803C-ABB2AA428026 ', domain: 'Contoso.OnMicrosoft.com', relationship: 'hasAdminRights,indirectReseller', unknownKey: 'ignored' }),
    );
    expect(r).toEqual({
      ok: true,
      value: {
        customer: { name: 'Contoso Ltd', tenantId: '435bb064-3ad9-4a2a-803c-abb2aa428026', domain: 'contoso.onmicrosoft.com' },
        cloud: 'commercial',
        product: 'm365',
        symptoms: 'Users in the Taipei office get error 0x80070005 when opening shared mailboxes since 08:30.',
        severity: 'B',
        supportLanguage: 'english',
        relationship: { hasAdminRights: true, azureOnly: false, indirectReseller: true, role: 'adminAgent' },
      },
    });
  });

  it('empty form → every required field says so', () => {
    expect(errorsOf(parseIntake({}))).toEqual([
      { field: 'product', key: 'flow.error.required' },
      { field: 'symptoms', key: 'flow.error.required' },
      { field: 'severity', key: 'flow.error.required' },
      { field: 'supportLanguage', key: 'flow.error.required' },
      { field: 'role', key: 'flow.error.required' },
      { field: 'cloud', key: 'flow.error.required' },
      { field: 'customerName', key: 'flow.error.required' },
      { field: 'tenantId', key: 'flow.error.tenantOrDomain' },
    ]);
  });

  it.each([
    ['tenantId', '435bb064-3ad9-4a2a-803c', 'flow.error.guid'],
    ['tenantId', '{435bb064-3ad9-4a2a-803c-abb2aa428026}', 'flow.error.guid'],
    ['subscriptionId', 'not-a-guid', 'flow.error.guid'],
    ['domain', 'evil.com/#', 'flow.error.domain'],
    ['domain', 'https://contoso.com', 'flow.error.domain'],
    ['domain', 'contoso.com/admin', 'flow.error.domain'],
    ['domain', 'contoso .com', 'flow.error.domain'],
    ['domain', 'javascript:alert(1)', 'flow.error.domain'],
    ['domain', 'wingtip.partner.onmschina.cn', 'flow.error.domainNot21Vianet'],
    ['cloud', 'moon', 'flow.error.invalidChoice'],
    ['severity', 'D', 'flow.error.invalidChoice'],
    ['relationship', 'hasAdminRights,godMode', 'flow.error.invalidChoice'],
  ])('%s = %j → %s', (field, value, key) => {
    expect(errorsOf(parseIntake(intakeInputs({ [field]: value })))).toEqual([{ field, key }]);
  });

  it('accepts 21Vianet and US Gov domains in their clouds, and a tenant ID without a domain', () => {
    expect(parseIntake(intakeInputs({ cloud: 'china21v', domain: 'wingtipsh.partner.onmschina.cn' })).ok).toBe(true);
    expect(parseIntake(intakeInputs({ cloud: 'usgov', domain: 'tailspingov.onmicrosoft.com' })).ok).toBe(true);
    expect(parseIntake(intakeInputs({ domain: '' })).ok).toBe(true);
    expect(parseIntake(intakeInputs({ tenantId: '' })).ok).toBe(true);
    expect(errorsOf(parseIntake(intakeInputs({ cloud: 'china21v' })))).toEqual([{ field: 'domain', key: 'flow.error.domainIs21Vianet' }]);
  });

  it('10 KB of symptoms → a length error, not a crash', () => {
    expect(errorsOf(parseIntake(intakeInputs({ symptoms: tenKb })))).toEqual([
      { field: 'symptoms', key: 'flow.error.tooLong', params: { max: 4000, length: 10240 } },
    ]);
    expect(errorsOf(parseIntake(intakeInputs({ customerName: tenKb })))).toEqual([
      { field: 'customerName', key: 'flow.error.tooLong', params: { max: 200, length: 10240 } },
    ]);
  });

  it('non-string values (a hand-made invoke) are errors, not coercions', () => {
    expect(errorsOf(parseIntake({ ...intakeInputs(), symptoms: { $ne: 1 } as unknown as string }))).toEqual([{ field: 'symptoms', key: 'flow.error.invalid' }]);
  });

  it('marketplace needs the product name', () => {
    expect(errorsOf(parseIntake(intakeInputs({ product: 'marketplace' })))).toEqual([{ field: 'marketplaceProduct', key: 'flow.error.required' }]);
  });

  it('a customer picked from the directory brings tenant, domain, cloud and relationship; typed fields are not needed', () => {
    const wingtip: DirectoryCustomer = {
      id: 'wingtip-cn',
      name: 'Wingtip Toys 上海',
      tenantId: '0d1f7c3e-7c55-4a39-9d62-3b0c1d2e4f50',
      domain: 'wingtipsh.partner.onmschina.cn',
      cloud: 'china21v',
      relationship: { hasAdminRights: true, azureOnly: false, indirectReseller: false },
    };
    const inputs = { customerPick: 'wingtip-cn', product: 'azure', symptoms: 'Portal blade fails', severity: 'C', supportLanguage: 'local', role: 'adminAgent' };
    const r = parseIntake(inputs, wingtip);
    expect(r.ok && r.value.customer).toEqual({ name: 'Wingtip Toys 上海', tenantId: '0d1f7c3e-7c55-4a39-9d62-3b0c1d2e4f50', domain: 'wingtipsh.partner.onmschina.cn' });
    expect(r.ok && r.value.cloud).toBe('china21v');
    expect(errorsOf(parseIntake(inputs, undefined))).toEqual([{ field: 'customerPick', key: 'flow.error.customerUnknown' }]);
  });
});

describe('other forms', () => {
  it('health: attaching needs an incident id', () => {
    expect(errorsOf(parseHealthAttach({}))).toEqual([{ field: 'incidentId', key: 'flow.error.required' }]);
    expect(errorsOf(parseHealthAttach({ incidentId: tenKb }))).toEqual([{ field: 'incidentId', key: 'flow.error.tooLong', params: { max: 200, length: 10240 } }]);
  });

  it('troubleshoot: ticked items of this checklist only; solved needs notes; notes capped', () => {
    expect(parseTroubleshoot({ 'tried.rbac': 'true', 'tried.quotas': 'false', 'tried.hack': 'true', notes: ' ok ' }, ['rbac', 'quotas'], false)).toEqual({
      ok: true,
      value: { tried: ['rbac'], notes: 'ok' },
    });
    expect(errorsOf(parseTroubleshoot({ 'tried.rbac': 'true' }, ['rbac'], true))).toEqual([{ field: 'notes', key: 'flow.error.solvedNeedsNotes' }]);
    expect(errorsOf(parseTroubleshoot({ notes: tenKb }, [], false))).toEqual([{ field: 'notes', key: 'flow.error.tooLong', params: { max: 4000, length: 10240 } }]);
  });

  it('decide: reasons from the list, override capped, confirmations from toggles', () => {
    expect(parseDecision({ reasons: 'billingDispute,fraudConcern,billingDispute', 'confirm.asfp': 'true', 'confirm.other': 'true' })).toEqual({
      ok: true,
      value: { reasons: ['billingDispute', 'fraudConcern'], confirmed: ['asfp'] },
    });
    expect(errorsOf(parseDecision({ reasons: 'becauseISaidSo' }))).toEqual([{ field: 'reasons', key: 'flow.error.invalidChoice' }]);
    expect(errorsOf(parseDecision({ overrideReason: tenKb }))).toEqual([{ field: 'overrideReason', key: 'flow.error.tooLong', params: { max: 2000, length: 10240 } }]);
  });

  it('resolution and close', () => {
    expect(errorsOf(parseResolution({ resolution: '' }))).toEqual([{ field: 'resolution', key: 'flow.error.required' }]);
    expect(errorsOf(parseClose({ closeNote: tenKb }))).toEqual([{ field: 'closeNote', key: 'flow.error.tooLong', params: { max: 1000, length: 10240 } }]);
    expect(parseClose({})).toEqual({ ok: true, value: { note: '' } });
  });
});
