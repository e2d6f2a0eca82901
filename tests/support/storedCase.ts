import type { Case, CaseListRow, Intake } from '../../src/flow/case.js';

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

/** A Microsoft 365 intake for Contoso (severity B), with `over` on top. */
export const storedIntake = (over: Partial<Intake> = {}): Intake => ({
  customer: { name: 'Contoso Ltd', tenantId: '435bb064-3ad9-4a2a-803c-abb2aa428026' },
  cloud: 'commercial',
  product: 'm365',
  symptoms: 'Mail flow stopped.',
  severity: 'B',
  supportLanguage: 'english',
  relationship: { hasAdminRights: true, azureOnly: false, indirectReseller: false, role: 'adminAgent' },
  ...over,
});

/** What a case list should show of a case: the expectation for the rows CaseRepository.openPage reads. */
export const listRowOf = (c: Case): CaseListRow => ({
  id: c.id,
  step: c.step,
  updatedAt: c.updatedAt,
  ownerName: c.owner.name,
  ...(c.intake ? { customerName: c.intake.customer.name, severity: c.intake.severity } : {}),
  reminderFailed: c.reminderFailure !== undefined,
});
