import type { Product } from '../flow/case.js';

/**
 * Which Microsoft 365 service-health entries concern a case, by the `service` display name Graph returns
 * (serviceHealthIssue.service, domain-facts §2.1; the same names the admin center's Service health page shows).
 *
 * The M365 catalogue is long and grows (Exchange Online, Microsoft Teams, SharePoint Online, OneDrive for Business,
 * Planner, Microsoft Forms, Power BI, Microsoft Viva, …), so Microsoft 365 is "everything that is not clearly
 * Dynamics 365 or EMS": a renamed or new service still reaches the agent instead of silently vanishing.
 * Sign-in and tenant-wide entries matter to every product, because a user who cannot sign in cannot use any of them.
 */
const tenantWide = ['microsoft 365 suite', 'microsoft entra', 'microsoft entra id', 'identity service', 'azure active directory'];

/** Seed 001 groups "Dynamics 365 (CRM Online)"; its apps run on the Power Platform, whose incidents hit them too. */
const dynamicsPatterns = [/^dynamics 365\b/, /^microsoft dynamics\b/, /^power apps\b/, /^(microsoft )?power automate\b/, /^microsoft dataverse\b/];

/** Enterprise Mobility + Security: Intune, Entra ID P1/P2 (tenant-wide above), Information Protection, Defender for Cloud Apps / Identity. */
const emsPatterns = [
  /^(microsoft )?intune\b/,
  /^mobile device management\b/,
  /^azure information protection\b/,
  /^microsoft purview information protection\b/,
  /^microsoft defender for cloud apps\b/,
  /^microsoft defender for identity\b/,
];

function normalise(service: string): string {
  return service.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Products whose health the Microsoft 365 (Graph) source reports. */
export const graphProducts: readonly Product[] = ['m365', 'dynamics365', 'ems'];

export function serviceConcerns(product: Product, service: string): boolean {
  const name = normalise(service);
  if (tenantWide.includes(name)) return graphProducts.includes(product);
  const isDynamics = dynamicsPatterns.some((p) => p.test(name));
  const isEms = emsPatterns.some((p) => p.test(name));
  switch (product) {
    case 'dynamics365':
      return isDynamics;
    case 'ems':
      return isEms;
    case 'm365':
      return !isDynamics && !isEms;
    default:
      return false;
  }
}
