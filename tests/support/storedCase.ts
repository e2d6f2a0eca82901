import type { Case } from '../../src/flow/case.js';

/** The agent the store tests write as. */
export const storeAgent = { id: '29:agent', name: 'Mei Lin' };

/** A case as the store holds it (tenant t1, opened by storeAgent), with `over` on top: the store tests' fixture. */
export const storedCase = (id: string, over: Partial<Case> = {}): Case => ({
  id,
  tenantId: 't1',
  version: 1,
  step: 'intake',
  createdAt: '2026-11-20T02:00:00.000Z',
  updatedAt: '2026-11-20T02:00:00.000Z',
  createdBy: storeAgent,
  owner: storeAgent,
  updatedBy: storeAgent,
  locale: 'en',
  healthChecks: [],
  troubleshooting: { tried: [], notes: '' },
  ...over,
});
