import type { Product } from './case.js';

/**
 * What a partner checks with delegated admin rights before escalating (seed 002: "use your admin
 * privileges to troubleshoot the software, settings, and configuration"; seed 004: partners resolve
 * what is within baseline support). Data, not logic: add or reorder items here; each item's label is
 * the i18n key `flow.check.<product>.<key>` in flow.json, and `portal` names the admin portal the
 * troubleshoot card offers next to it (links come from src/links/).
 */
export type AdminPortal = 'm365AdminCenter' | 'azurePortal' | 'powerPlatformAdmin' | 'intuneAdmin' | 'entraAdmin' | 'partnerCenter';

export interface ChecklistItem {
  key: string;
  portal?: AdminPortal;
}

export const checklists: Record<Product, readonly ChecklistItem[]> = {
  m365: [
    { key: 'licences', portal: 'm365AdminCenter' },
    { key: 'serviceSettings', portal: 'm365AdminCenter' },
    { key: 'dnsDomain', portal: 'm365AdminCenter' },
    { key: 'userClient' },
    { key: 'messageCenter', portal: 'm365AdminCenter' },
  ],
  azure: [
    { key: 'resourceHealth', portal: 'azurePortal' },
    { key: 'recentChanges', portal: 'azurePortal' },
    { key: 'quotas', portal: 'azurePortal' },
    { key: 'rbac', portal: 'azurePortal' },
    { key: 'networkConfig', portal: 'azurePortal' },
  ],
  dynamics365: [
    { key: 'licencesRoles', portal: 'm365AdminCenter' },
    { key: 'environmentState', portal: 'powerPlatformAdmin' },
    { key: 'recentCustomizations', portal: 'powerPlatformAdmin' },
    { key: 'browserClient' },
  ],
  ems: [
    { key: 'licences', portal: 'm365AdminCenter' },
    { key: 'conditionalAccess', portal: 'entraAdmin' },
    { key: 'signInLogs', portal: 'entraAdmin' },
    { key: 'deviceEnrollment', portal: 'intuneAdmin' },
  ],
  marketplace: [
    { key: 'subscriptionActive', portal: 'partnerCenter' },
    { key: 'publisherDocs' },
    { key: 'configuration' },
  ],
  billing: [
    { key: 'invoiceReconciled', portal: 'partnerCenter' },
    { key: 'subscriptionStatus', portal: 'partnerCenter' },
    { key: 'usageRecords', portal: 'partnerCenter' },
  ],
  fraud: [
    { key: 'suspiciousSignIns', portal: 'entraAdmin' },
    { key: 'credentialsReset', portal: 'entraAdmin' },
    { key: 'unexpectedResources', portal: 'azurePortal' },
    { key: 'spendingAlerts', portal: 'partnerCenter' },
  ],
  ownTenant: [
    { key: 'entitlementAvailable' },
    { key: 'ownContext' },
  ],
};

export const checklistFor = (product: Product): readonly ChecklistItem[] => checklists[product];
export const checklistLabelKey = (product: Product, key: string): string => `flow.check.${product}.${key}`;
