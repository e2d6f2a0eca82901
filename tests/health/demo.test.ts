import { describe, expect, it } from 'vitest';
import { createDemoHealthProvider } from '../../src/health/demo.js';
import { checkHealth } from '../../src/health/service.js';

const now = new Date('2026-11-02T10:42:00Z');
const demo = createDemoHealthProvider(() => now);
const query = (product: 'azure' | 'm365' | 'dynamics365' | 'ems' | 'billing') => ({ cloud: 'commercial' as const, product, customerTenantId: 'x' });

describe('demo health provider', () => {
  it('shows Microsoft 365 incidents first, dated relative to the injected clock, and marks the check as demo', async () => {
    const check = await checkHealth([demo], query('m365'), now);
    expect(check.demo).toBe(true);
    expect(check.failures).toEqual([]);
    expect(check.items.map((i) => [i.id, i.classification, i.service, i.lastUpdated])).toEqual([
      ['EX1187342', 'incident', 'Exchange Online', '2026-11-02T10:24:00.000Z'],
      ['TM1190215', 'incident', 'Microsoft Teams', '2026-11-02T10:00:00.000Z'],
      ['SP1185506', 'advisory', 'SharePoint Online', '2026-11-02T08:37:00.000Z'],
      ['MO1189987', 'advisory', 'Microsoft 365 suite', '2026-11-02T06:52:00.000Z'],
    ]);
    expect(check.items.every((i) => i.source === 'demo')).toBe(true);
  });

  it.each([
    ['azure', ['7NBR-9TG', '4L2V-5HZ', 'QK0S-1PD']],
    ['dynamics365', ['CR1186650', 'MO1189987']],
    ['ems', ['IT1188123', 'MO1189987']],
  ] as const)('matches by product: %s', async (product, ids) => {
    const check = await checkHealth([demo], query(product), now);
    expect(check.items.map((i) => i.id)).toEqual(ids);
  });

  it('has nothing to say about billing', async () => {
    expect(demo.appliesTo(query('billing'))).toBe(false);
    expect(await checkHealth([demo], query('billing'), now)).toEqual({ checkedAt: now.toISOString(), items: [], failures: [], demo: false });
  });
});
