import type { HealthItem, Product } from '../flow/case.js';
import type { HealthProvider, HealthQuery, SourceResult } from './provider.js';
import { graphProducts, serviceConcerns } from './services.js';

/**
 * Invented incidents and advisories in the shapes the live sources produce (Microsoft 365 IDs like EX1187342,
 * Azure tracking IDs like 7NBR-9TG), for local runs without credentials. The health check built from them
 * carries `demo: true`, so cards label them as demo data and nobody tells a customer about a fake outage.
 */
interface DemoEntry {
  id: string;
  /** Azure events are kept for Azure cases; Microsoft 365 entries go through the same service filter as Graph's. */
  kind: 'microsoft365' | 'azure';
  title: string;
  service: string;
  classification: HealthItem['classification'];
  status: string;
  /** Updates are relative to the injected clock so the card always shows a fresh-looking "last updated". */
  minutesAgo: number;
}

const entries: readonly DemoEntry[] = [
  {
    id: 'EX1187342',
    kind: 'microsoft365',
    title: 'Some users may experience delays when receiving email from external senders',
    service: 'Exchange Online',
    classification: 'incident',
    status: 'serviceDegradation',
    minutesAgo: 18,
  },
  {
    id: 'TM1190215',
    kind: 'microsoft365',
    title: 'Users may be unable to join Microsoft Teams meetings from the Teams web client',
    service: 'Microsoft Teams',
    classification: 'incident',
    status: 'investigating',
    minutesAgo: 42,
  },
  {
    id: 'SP1185506',
    kind: 'microsoft365',
    title: 'Users may see slow uploads to SharePoint Online document libraries',
    service: 'SharePoint Online',
    classification: 'advisory',
    status: 'serviceDegradation',
    minutesAgo: 125,
  },
  {
    id: 'MO1189987',
    kind: 'microsoft365',
    title: 'Admins may see delayed data in Microsoft 365 admin center usage reports',
    service: 'Microsoft 365 suite',
    classification: 'advisory',
    status: 'investigating',
    minutesAgo: 230,
  },
  {
    id: 'CR1186650',
    kind: 'microsoft365',
    title: 'Users may experience slow form loading in Dynamics 365 customer engagement apps',
    service: 'Dynamics 365 Apps',
    classification: 'incident',
    status: 'restoringService',
    minutesAgo: 70,
  },
  {
    id: 'IT1188123',
    kind: 'microsoft365',
    title: 'Admins may see delayed device compliance status in Microsoft Intune',
    service: 'Microsoft Intune',
    classification: 'advisory',
    status: 'investigating',
    minutesAgo: 55,
  },
  {
    id: '7NBR-9TG',
    kind: 'azure',
    title: 'Virtual Machines - West Europe - Allocation failures for some VM sizes',
    service: 'Virtual Machines',
    classification: 'incident',
    status: 'active',
    minutesAgo: 25,
  },
  {
    id: '4L2V-5HZ',
    kind: 'azure',
    title: 'Action recommended: upgrade Azure Kubernetes Service clusters before Kubernetes 1.29 support ends',
    service: 'Azure Kubernetes Service',
    classification: 'advisory',
    status: 'active',
    minutesAgo: 3 * 24 * 60,
  },
  {
    id: 'QK0S-1PD',
    kind: 'azure',
    title: 'Security advisory: move App Service apps off TLS 1.0 and 1.1',
    service: 'App Service',
    classification: 'advisory',
    status: 'active',
    minutesAgo: 6 * 24 * 60,
  },
];

const demoProducts: readonly Product[] = ['azure', ...graphProducts];

function concerns(entry: DemoEntry, product: Product): boolean {
  return entry.kind === 'azure' ? product === 'azure' : serviceConcerns(product, entry.service);
}

export function createDemoHealthProvider(clock: () => Date = () => new Date()): HealthProvider {
  return {
    source: 'demo',
    appliesTo: (query) => demoProducts.includes(query.product),
    async check(query: HealthQuery): Promise<SourceResult> {
      const now = clock().getTime();
      const items = entries
        .filter((e) => concerns(e, query.product))
        .map(
          (e): HealthItem => ({
            id: e.id,
            source: 'demo',
            title: e.title,
            service: e.service,
            classification: e.classification,
            status: e.status,
            lastUpdated: new Date(now - e.minutesAgo * 60_000).toISOString(),
          }),
        );
      return { source: 'demo', ok: true, items };
    },
  };
}
