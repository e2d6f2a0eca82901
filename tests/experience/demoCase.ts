import type { Case, Product } from '../../src/flow/case.js';
import { checklists } from '../../src/flow/checklists.js';

const agent = { id: '29:agent', name: 'Mei Lin' };

/** A case at decide with a demo health check listing an incident nobody attached, and two checklist items ticked. */
export function demoIncidents(product: Product): Case {
  const tried = checklists[product].slice(0, 2).map((i) => i.key);
  return {
    id: 'K7Q-X2M',
    tenantId: 't',
    version: 5,
    step: 'decide',
    createdAt: '2026-11-20T02:00:00.000Z',
    updatedAt: '2026-11-20T02:20:00.000Z',
    createdBy: agent,
    owner: agent,
    updatedBy: agent,
    locale: 'zh-TW',
    intake: {
      customer: { name: 'Contoso Ltd', tenantId: '435bb064-3ad9-4a2a-803c-abb2aa428026' },
      cloud: 'commercial',
      product,
      symptoms: 'Users cannot open shared mailboxes.',
      severity: 'nonBreakFix',
      supportLanguage: 'local',
      relationship: { hasAdminRights: false, azureOnly: false, indirectReseller: false, role: 'helpdeskAgent' },
    },
    healthChecks: [
      {
        checkedAt: '2026-11-20T02:10:00.000Z',
        items: [{ id: 'EX900001', source: 'demo', title: 'Delays in mail delivery', service: 'Exchange Online', classification: 'incident', status: 'serviceDegradation', lastUpdated: '2026-11-20T01:00:00.000Z' }],
        failures: [{ source: 'azure', reason: 'notConfigured' }],
        demo: true,
      },
    ],
    troubleshooting: { tried, notes: '' },
  };
}
