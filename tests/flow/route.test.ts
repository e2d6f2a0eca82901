import { describe, expect, it } from 'vitest';
import { applyAction } from '../../src/flow/transitions.js';
import { route } from '../../src/flow/route.js';
import { t } from '../../src/i18n/index.js';
import { agent, caseAtDecide, intakeInputs, minutes } from './fixtures.js';
import { azure, rows } from './routeTable.js';

const actionType = {
  escalate: 'decide.escalate',
  contactIsv: 'decide.contactIsv',
  recordOwnTenant: 'decide.ownTenant',
  resolved: 'decide.resolved',
} as const;

describe('decide step, one row per route', () => {
  it.each(rows)('$name', (row) => {
    const c = caseAtDecide(intakeInputs(row.intake));
    expect(c.step).toBe('decide');

    // What the decide card shows before the agent ticks anything.
    const before = route(c.intake!);
    expect(before.rules.map((r) => r.key).filter((k) => k !== 'flow.rule.overrideRecorded')).toEqual(
      row.rules.filter((k) => k !== 'flow.rule.overrideRecorded'),
    );
    expect(before.confirmations).toEqual(row.confirmations ?? []);
    expect(before.remediationWarning).toBe(row.route === 'escalate21Vianet');

    // With what the agent ticked.
    const decision = { reasons: (row.decide.reasons ?? '').split(',').filter(Boolean) as never[], confirmed: Object.keys(row.decide).filter((k) => k.startsWith('confirm.')).map((k) => k.slice(8)) } as { reasons: never[]; confirmed: string[]; overrideReason?: string };
    if (row.decide.overrideReason) decision.overrideReason = row.decide.overrideReason;
    const advice = route(c.intake!, decision);
    expect(advice.route).toBe(row.route);
    expect(advice.rules.map((r) => r.key)).toEqual(row.rules);
    expect(advice.nextActions).toEqual(row.next);
    // Partner solves: escalating would still need a category or a written reason.
    expect(advice.blockers).toEqual(row.route === 'partnerSolves' ? [{ field: 'overrideReason', key: 'flow.block.noCategory' }] : []);
    // Never a phone route: no action and no rule offers one; the only phone line says it isn't offered.
    expect(advice.nextActions.join()).not.toMatch(/phone/i);
    expect(advice.rules.filter((r) => /phone/i.test(r.key)).map((r) => r.key)).toEqual(advice.route.startsWith('escalate') || advice.route === 'partnerSolves' ? ['flow.rule.noPhone'] : []);

    const primary = row.next[0] as keyof typeof actionType;
    const type = actionType[primary];
    const res = applyAction(c, { type, inputs: row.decide } as never, { now: minutes(30), actor: agent });
    if (!res.ok) throw new Error(JSON.stringify(res.errors));
    expect(res.case.step).toBe(row.outcome);
    expect(res.case.version).toBe(c.version + 1);
    if (row.outcome === 'escalated') {
      expect(res.effects).toEqual([{ type: 'postEscalation' }]);
      expect(res.case.escalation).toEqual({ escalatedAt: '2026-11-03T09:30:00.000Z' });
      expect(res.event.detail.route).toBe(row.route);
    }
  });

  it('override reason stays on the case and in its event', () => {
    const c = caseAtDecide(intakeInputs());
    const res = applyAction(c, { type: 'decide.escalate', inputs: { overrideReason: '  Customer insists; Microsoft to confirm.  ' } }, { now: minutes(30), actor: agent });
    if (!res.ok) throw new Error('refused');
    expect(res.case.decision).toEqual({ reasons: [], confirmed: [], overrideReason: 'Customer insists; Microsoft to confirm.' });
    expect(res.event).toEqual({
      kind: 'decide.escalated',
      detail: { route: 'escalateMicrosoft', reasons: [], overrideReason: 'Customer insists; Microsoft to confirm.', confirmed: [] },
    });
  });

  it('Azure without admin rights shows the portal at the customer domain, in the right cloud', () => {
    const c = caseAtDecide(intakeInputs({ ...azure, relationship: 'azureOnly', cloud: 'usgov', domain: 'tailspingov.onmicrosoft.com' }));
    const line = route(c.intake!).rules.find((r) => r.key === 'flow.rule.azureWithoutAdminRights');
    expect(line?.params).toEqual({ portal: 'https://portal.azure.us/tailspingov.onmicrosoft.com' });
  });

  it.each([
    ['en', /customer's domain name from their account page in Partner Center/],
    ['zh-TW', /合作夥伴中心中客戶的帳戶頁面/],
    ['zh-CN', /合作伙伴中心中客户的帐户页面/],
  ] as const)('Azure without admin rights and only the tenant ID known asks for the domain (%s), no placeholder link', (locale, where) => {
    const c = caseAtDecide(intakeInputs({ ...azure, relationship: '', domain: '' }));
    expect(c.intake!.customer.domain).toBeUndefined();
    const rules = route(c.intake!).rules;
    expect(rules.map((r) => r.key)).not.toContain('flow.rule.azureWithoutAdminRights');
    const line = rules.find((r) => r.key === 'experience.rule.azureWithoutAdminRights.noDomain');
    const text = t(locale, line!.key, line!.params);
    expect(text).toMatch(where);
    expect(text).toContain('https://portal.azure.com/');
    expect(text).not.toContain('…');
    expect(line!.tone).toBe('attention');
  });
});

describe('decide step refuses what the rules forbid', () => {
  const escalate = (inputs: Record<string, string>, intake: Record<string, string> = {}) => {
    const c = caseAtDecide(intakeInputs(intake));
    return { c, res: applyAction(c, { type: 'decide.escalate', inputs }, { now: minutes(30), actor: agent }) };
  };

  it('no category and no override → partner is expected to solve it', () => {
    const { c, res } = escalate({ overrideReason: '   ' });
    expect(res).toEqual({ ok: false, errors: [{ field: 'overrideReason', key: 'flow.block.noCategory' }], case: { ...c, draftInputs: { overrideReason: '   ' } } });
  });

  it('Dynamics 365 without the ASfP confirmation', () => {
    const { res } = escalate({ reasons: 'serviceUnavailable' }, { product: 'dynamics365' });
    expect(res.ok ? [] : res.errors).toEqual([{ field: 'confirm.asfp', key: 'flow.block.asfp' }]);
  });

  it('Azure indirect reseller without the access confirmation, and a Helpdesk agent without a support group', () => {
    const { res } = escalate({ reasons: 'serviceUnavailable' }, { ...azure, relationship: 'indirectReseller', role: 'helpdeskAgent' });
    expect(res.ok ? [] : res.errors).toEqual([
      { field: 'confirm.indirectProviderAccess', key: 'flow.block.indirectProviderAccess' },
      { field: 'confirm.azureSupportGroup', key: 'flow.block.azureSupportGroup' },
    ]);
  });

  it('marketplace and own tenant can never be escalated to Microsoft', () => {
    const intakes: Record<string, string>[] = [{ product: 'marketplace', marketplaceProduct: 'Fabrikam CRM Connector' }, { product: 'ownTenant' }];
    for (const intake of intakes) {
      const { res } = escalate({ reasons: 'serviceUnavailable' }, intake);
      expect(res.ok ? [] : res.errors).toEqual([{ field: '', key: 'flow.error.notOffered' }]);
    }
  });

  it('ISV and own-tenant buttons are refused on a Microsoft 365 case', () => {
    const c = caseAtDecide(intakeInputs());
    for (const type of ['decide.contactIsv', 'decide.ownTenant'] as const) {
      const res = applyAction(c, { type }, { now: minutes(30), actor: agent });
      expect(res.ok ? [] : res.errors).toEqual([{ field: '', key: 'flow.error.notOffered' }]);
    }
  });
});
