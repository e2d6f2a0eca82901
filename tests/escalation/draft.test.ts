import { describe, expect, it } from 'vitest';
import type { Case, Intake } from '../../src/flow/case.js';
import type { Locale } from '../../src/i18n/index.js';
import { buildDrafts, buildServiceRequestDraft, maxTitleLength, type PartnerContact } from '../../src/escalation/draft.js';

const agent = { id: '29:agent', name: 'Mei Lin', aadObjectId: '00000000-0000-0000-0000-0000000000a1' };
const partner: PartnerContact = { company: 'Northwind Cloud Services', name: 'Mei Lin', email: 'support@northwind.example', phone: '+886 2 1234 5678' };

function aCase(intake: Partial<Intake> = {}, extra: Partial<Case> = {}): Case {
  return {
    id: 'C-20261103-0042',
    tenantId: 'partner-tenant',
    version: 7,
    step: 'decide',
    createdAt: '2026-11-03T02:30:00.000Z',
    updatedAt: '2026-11-03T02:50:00.000Z',
    createdBy: agent,
    owner: agent,
    updatedBy: agent,
    locale: 'zh-TW',
    intake: {
      customer: {
        name: 'Contoso Ltd',
        tenantId: '4b2e0f6c-1d3a-4c8e-9f21-7a5b3c9d0e11',
        domain: 'contoso.onmicrosoft.com',
        subscriptionId: 'f0e1d2c3-b4a5-4968-8776-655443322110',
      },
      cloud: 'commercial',
      product: 'azure',
      symptoms: 'VMs in West Europe fail to start with AllocationFailed.\nSince 09:50 local time; production web shop down.',
      severity: 'A',
      supportLanguage: 'english',
      relationship: { hasAdminRights: true, azureOnly: false, indirectReseller: false, role: 'adminAgent' },
      ...intake,
    },
    healthChecks: [
      {
        checkedAt: '2026-11-03T02:42:10.000Z',
        items: [],
        failures: [{ source: 'azure', reason: 'forbidden' }],
        demo: false,
      },
      {
        checkedAt: '2026-11-03T02:48:00.000Z',
        items: [],
        failures: [],
        demo: false,
      },
    ],
    troubleshooting: { tried: ['restartVm', 'checkQuota'], notes: 'Redeploy to another size also failed.' },
    ...extra,
  };
}

const labels: Record<Locale, Record<string, string>> = {
  en: { restartVm: 'Restarted the virtual machine', checkQuota: 'Checked the subscription quota' },
  'zh-TW': { restartVm: '已重新啟動虛擬機器', checkQuota: '已檢查訂閱配額' },
  'zh-CN': { restartVm: '已重新启动虚拟机', checkQuota: '已检查订阅配额' },
};
const labelForTried = (key: string, locale: Locale) => labels[locale][key] ?? key;

describe('draft service request (golden)', () => {
  it('Azure, severity A, in English', () => {
    const d = buildServiceRequestDraft(aCase(), partner, 'en', labelForTried);
    expect(d.parts).toEqual([
      { key: 'title', label: 'Title', text: 'Contoso Ltd: VMs in West Europe fail to start with AllocationFailed.' },
      {
        key: 'severity',
        label: 'Severity',
        text: 'Critical Impact (severity A): Significant loss or degradation of services. Production services down.',
      },
      { key: 'supportPlan', label: 'Support plan', text: 'Cloud Solution Provider' },
      {
        key: 'description',
        label: 'Description',
        text: [
          'Symptoms:',
          'VMs in West Europe fail to start with AllocationFailed.',
          'Since 09:50 local time; production web shop down.',
          '',
          'Business impact: Critical Impact (severity A): Significant loss or degradation of services. Production services down.',
          '',
          'Service health checked before filing:',
          '- 2026-11-03 02:42 UTC: Azure Service Health could not be checked (forbidden).',
          '- 2026-11-03 02:48 UTC (service health): no active incident or advisory found.',
          '',
          'Troubleshooting already done by the partner:',
          '- Restarted the virtual machine',
          '- Checked the subscription quota',
          'Notes: Redeploy to another size also failed.',
          '',
          'Customer: Contoso Ltd',
          'Tenant ID: 4b2e0f6c-1d3a-4c8e-9f21-7a5b3c9d0e11',
          'Domain: contoso.onmicrosoft.com',
          'Azure subscription ID: f0e1d2c3-b4a5-4968-8776-655443322110',
          'Partner case reference: C-20261103-0042',
        ].join('\n'),
      },
      {
        key: 'contact',
        label: "Contact information (the partner's, not the customer's)",
        text: 'Name: Mei Lin\nCompany: Northwind Cloud Services\nE-mail: support@northwind.example\nPhone: +886 2 1234 5678',
      },
    ]);
    expect(d.severity).toEqual({
      code: 'A',
      text: 'Critical Impact (severity A): Significant loss or degradation of services. Production services down.',
    });
    expect(d.supportPlan).toBe('Cloud Solution Provider');
    expect(d.contact).toMatchObject({ name: 'Mei Lin', email: 'support@northwind.example', phone: '+886 2 1234 5678' });
  });

  it('Azure, severity A, in Traditional Chinese with Microsoft\'s terms', () => {
    const d = buildServiceRequestDraft(aCase(), partner, 'zh-TW', labelForTried);
    expect(d.parts.map((p) => [p.key, p.label, p.text])).toEqual([
      ['title', '標題', 'Contoso Ltd：VMs in West Europe fail to start with AllocationFailed.'],
      ['severity', '嚴重性', '嚴重影響 (嚴重性 A)：顯著的服務中斷或品質降低。生產服務關閉。'],
      ['supportPlan', '支援方案', '雲端解決方案提供者'],
      [
        'description',
        '描述',
        [
          '症狀：',
          'VMs in West Europe fail to start with AllocationFailed.',
          'Since 09:50 local time; production web shop down.',
          '',
          '對業務造成的影響：嚴重影響 (嚴重性 A)：顯著的服務中斷或品質降低。生產服務關閉。',
          '',
          '提交前已檢查服務健康狀況：',
          '- 2026-11-03 02:42 UTC：無法檢查 Azure 服務健康狀況（forbidden）。',
          '- 2026-11-03 02:48 UTC（服務健康狀況）：未發現作用中的事件或諮詢。',
          '',
          '合作夥伴已進行的疑難排解：',
          '- 已重新啟動虛擬機器',
          '- 已檢查訂閱配額',
          '備註：Redeploy to another size also failed.',
          '',
          '客戶：Contoso Ltd',
          '租用戶識別碼：4b2e0f6c-1d3a-4c8e-9f21-7a5b3c9d0e11',
          '網域：contoso.onmicrosoft.com',
          'Azure 訂閱識別碼：f0e1d2c3-b4a5-4968-8776-655443322110',
          '合作夥伴案例參考：C-20261103-0042',
        ].join('\n'),
      ],
      ['contact', '連絡人資訊（您的資訊，而不是客戶的資訊）', '姓名：Mei Lin\n公司：Northwind Cloud Services\n電子郵件：support@northwind.example\n電話：+886 2 1234 5678'],
    ]);
  });

  it('Microsoft 365, severity B, with an attached incident, in English: no support plan, no subscription line', () => {
    const c = aCase(
      { product: 'm365', severity: 'B', symptoms: 'Some users cannot send mail.' },
      {
        healthChecks: [
          {
            checkedAt: '2026-11-03T02:42:00.000Z',
            items: [
              {
                id: 'EX226792',
                source: 'microsoft365',
                title: 'Limited number of users unable to send or receive email',
                service: 'Exchange Online',
                classification: 'incident',
                status: 'serviceDegradation',
                lastUpdated: '2026-11-03T01:15:00.000Z',
              },
            ],
            failures: [],
            demo: false,
          },
        ],
        attachedIncident: {
          id: 'EX226792',
          source: 'microsoft365',
          title: 'Limited number of users unable to send or receive email',
          service: 'Exchange Online',
          classification: 'incident',
          status: 'serviceDegradation',
          lastUpdated: '2026-11-03T01:15:00.000Z',
        },
        troubleshooting: { tried: [], notes: '' },
      },
    );
    const d = buildServiceRequestDraft(c, { company: 'Northwind', name: 'Ana', email: 'ana@northwind.example' }, 'en', labelForTried);
    expect(d.supportPlan).toBeUndefined();
    expect(d.parts.map((p) => p.key)).toEqual(['title', 'severity', 'description', 'contact']);
    expect(d.sections.businessImpact).toBe(
      'Business impact: Moderate Impact (severity B): Moderate loss or degradation of services. Production services partially affected.',
    );
    expect(d.sections.healthEvidence).toBe(
      [
        'Service health checked before filing:',
        '- 2026-11-03 02:42 UTC (Microsoft 365 service health): checked; the matching incident is attached below.',
        '- Matching incident attached to this case: EX226792 "Limited number of users unable to send or receive email" – Exchange Online, status Service degradation, last updated 2026-11-03 01:15 UTC',
      ].join('\n'),
    );
    expect(d.sections.troubleshooting).toBe('Troubleshooting already done by the partner:\nNo steps recorded.');
    expect(d.sections.customer).toBe('Customer: Contoso Ltd\nTenant ID: 4b2e0f6c-1d3a-4c8e-9f21-7a5b3c9d0e11\nDomain: contoso.onmicrosoft.com');
    expect(d.contact.text).toBe('Name: Ana\nCompany: Northwind\nE-mail: ana@northwind.example');
  });

  it('severity wording for C and non-break-fix, in all three languages', () => {
    const sev = (severity: Intake['severity'], locale: Locale) =>
      buildServiceRequestDraft(aCase({ severity }), partner, locale, labelForTried).severity.text;
    expect(sev('C', 'en')).toBe(
      'Minimal Impact (severity C): Minimal loss or degradation of services. Services still available or non-production services affected.',
    );
    expect(sev('C', 'zh-TW')).toBe('輕微影響 (嚴重性 C)：輕微的服務中斷或品質降低。服務仍然可用，或僅非生產服務受到影響。');
    expect(sev('A', 'zh-CN')).toBe('严重影响（严重性 A）：重大损失或服务质量下降。生产服务关闭。');
    expect(sev('nonBreakFix', 'en')).toBe(
      'Within the boundaries of the support entitlement, not a break-fix incident (initial response may take up to one business day).',
    );
  });

  it('no health check recorded, demo data labelled as such', () => {
    expect(buildServiceRequestDraft(aCase({}, { healthChecks: [] }), partner, 'en', labelForTried).sections.healthEvidence).toBe(
      'Service health checked before filing:\n- No service health check recorded.',
    );
    const demo = aCase({}, { healthChecks: [{ checkedAt: '2026-11-03T02:42:00.000Z', items: [], failures: [], demo: true }] });
    expect(buildServiceRequestDraft(demo, partner, 'en', labelForTried).sections.healthEvidence).toBe(
      'Service health checked before filing:\n- 2026-11-03 02:42 UTC (demo data, not a live check): no active incident or advisory found.',
    );
  });

  it('21Vianet Azure: no "Cloud Solution Provider" plan line (seed 003 has no such field)', () => {
    expect(buildServiceRequestDraft(aCase({ cloud: 'china21v' }), partner, 'en', labelForTried).supportPlan).toBeUndefined();
    expect(buildServiceRequestDraft(aCase({ cloud: 'usgov' }), partner, 'en', labelForTried).supportPlan).toBe('Cloud Solution Provider');
  });

  it('the contact is the partner\'s, never the customer\'s', () => {
    const d = buildServiceRequestDraft(aCase(), partner, 'en', labelForTried);
    const contactPart = d.parts.find((p) => p.key === 'contact')!;
    expect(contactPart.text).toContain('support@northwind.example');
    expect(contactPart.text).not.toContain('Contoso');
  });

  it('a case without intake cannot be drafted', () => {
    const c = aCase();
    delete c.intake;
    expect(() => buildServiceRequestDraft(c, partner, 'en')).toThrow(/no intake/);
  });
});

describe('drafts in English plus the agent\'s language', () => {
  it('zh-TW agent: English and Traditional Chinese', () => {
    const { english, local } = buildDrafts(aCase(), partner, 'zh-TW', labelForTried);
    expect(english.locale).toBe('en');
    expect(local?.locale).toBe('zh-TW');
    expect(local?.supportPlan).toBe('雲端解決方案提供者');
  });

  it('zh-CN agent gets Microsoft\'s Simplified Chinese plan name', () => {
    expect(buildDrafts(aCase(), partner, 'zh-CN', labelForTried).local?.supportPlan).toBe('云解决方案提供商');
  });

  it('English agent: one draft', () => {
    expect(buildDrafts(aCase(), partner, 'en', labelForTried)).toEqual({ english: buildServiceRequestDraft(aCase(), partner, 'en', labelForTried) });
  });

  it('without a label function, checklist labels come from the checklist catalog, and a key no checklist has is left out (never shown raw)', () => {
    const c = aCase({}, { troubleshooting: { tried: ['resourceHealth', 'restartVm', 'quotas'], notes: '' } });
    expect(buildServiceRequestDraft(c, partner, 'en').sections.troubleshooting).toBe(
      'Troubleshooting already done by the partner:\n- Resource health of the affected resources\n- Quotas and limits in the region',
    );
    expect(buildServiceRequestDraft(c, partner, 'zh-TW').sections.troubleshooting).not.toMatch(/restartVm|resourceHealth|quotas/);
  });
});

describe('hostile text in the draft', () => {
  it('markdown, HTML and template syntax stay literal; placeholders in user text are not expanded', () => {
    const symptoms = '**bold** <script>alert(1)</script> ${customer.tenantId} {{name}} {customer} {summary} [x](https://evil.com)';
    const d = buildServiceRequestDraft(aCase({ symptoms }), partner, 'en', labelForTried);
    expect(d.sections.symptoms).toBe(`Symptoms:\n${symptoms}`);
    expect(d.title).toBe(`Contoso Ltd: ${symptoms}`.slice(0, maxTitleLength - 1).trimEnd() + '…');
  });

  it('right-to-left overrides, zero-width and control characters are removed; Arabic text and ZWJ emoji stay', () => {
    const symptoms = 'Mail\u202E fails\u202C\u200B here\u0007\u0000 مرحبا 👩\u200D💻\r\nline two\u2028line three';
    const d = buildServiceRequestDraft(aCase({ symptoms }), partner, 'en', labelForTried);
    expect(d.sections.symptoms).toBe('Symptoms:\nMail fails here مرحبا 👩\u200D💻\nline two\nline three');
  });

  it('a 10 KB paste is capped, and the customer and case reference still follow', () => {
    const huge = 'x'.repeat(10 * 1024);
    const d = buildServiceRequestDraft(
      aCase({ symptoms: huge, customer: { name: huge, tenantId: huge } }, { troubleshooting: { tried: Array(100).fill('restartVm'), notes: huge } }),
      { company: huge, name: huge, email: huge },
      'en',
      labelForTried,
    );
    expect([...d.title].length).toBeLessThanOrEqual(maxTitleLength);
    expect(d.sections.symptoms.length).toBeLessThan(4100);
    expect(d.sections.troubleshooting.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(30);
    expect(d.description.endsWith('Partner case reference: C-20261103-0042')).toBe(true);
    expect(d.description.length).toBeLessThan(15_000);
    expect(d.contact.text.length).toBeLessThan(1_000);
  });

  it('newlines in one-line fields (customer name, contact) cannot forge extra lines', () => {
    const d = buildServiceRequestDraft(
      aCase({ customer: { name: 'Contoso\nTenant ID: 00000000-0000-0000-0000-000000000000' } }),
      { ...partner, email: 'a@b.example\nPhone: 123' },
      'en',
      labelForTried,
    );
    expect(d.sections.customer.split('\n')[0]).toBe('Customer: Contoso Tenant ID: 00000000-0000-0000-0000-000000000000');
    expect(d.contact.text.split('\n')).toHaveLength(4);
  });
});

describe('draft per cloud × product route', () => {
  const clouds = ['commercial', 'usgov', 'china21v'] as const;
  const routes = ['azure', 'm365', 'dynamics365', 'ems', 'billing', 'fraud'] as const;
  for (const cloud of clouds) {
    for (const product of routes) {
      it(`${cloud} / ${product}: support plan only for Azure outside 21Vianet, subscription line only for Azure`, () => {
        for (const locale of ['en', 'zh-TW'] as const) {
          const d = buildServiceRequestDraft(aCase({ cloud, product }), partner, locale, labelForTried);
          const azurePlan = product === 'azure' && cloud !== 'china21v';
          expect(d.parts.map((p) => p.key)).toEqual(azurePlan ? ['title', 'severity', 'supportPlan', 'description', 'contact'] : ['title', 'severity', 'description', 'contact']);
          expect(d.description.includes('f0e1d2c3-b4a5-4968-8776-655443322110')).toBe(product === 'azure');
          expect(d.description.endsWith(locale === 'en' ? 'Partner case reference: C-20261103-0042' : '合作夥伴案例參考：C-20261103-0042')).toBe(true);
        }
      });
    }
  }
});
