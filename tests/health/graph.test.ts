import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeMicrosoft, graphIssue, graphIssuesPath, json } from './fakeMicrosoft.js';
import { clientId, customerTenant, liveProviders } from './setup.js';

let fake: FakeMicrosoft;
beforeEach(async () => {
  fake = await new FakeMicrosoft().start();
});
afterEach(async () => {
  await fake.stop();
});

const m365Case = { cloud: 'commercial' as const, product: 'm365' as const, customerTenantId: customerTenant };

describe('Microsoft 365 service health through Graph', () => {
  it('asks the customer tenant for a token, follows @odata.nextLink and keeps unresolved issues of the case’s services', async () => {
    fake.routes.set(graphIssuesPath, (req, res, base) => {
      if (!req.path.includes('skiptoken')) {
        return json(res, 200, {
          value: [
            graphIssue({ id: 'EX226792', isResolved: true, status: 'ServiceRestored' }),
            graphIssue({ id: 'EX1187342', lastModifiedDateTime: '2026-11-02T09:30:00.767Z' }),
            graphIssue({ id: 'CR1186650', service: 'Dynamics 365 Apps' }),
          ],
          '@odata.nextLink': `${base}${graphIssuesPath}?$skiptoken=page2`,
        });
      }
      json(res, 200, {
        value: [
          graphIssue({ id: 'TM1190215', service: 'Microsoft Teams', classification: 'Advisory', status: 'Investigating', lastModifiedDateTime: '2026-11-02T10:00:00Z' }),
          graphIssue({ id: 'SP1185506', service: 'SharePoint Online', classification: 'incident', status: 'serviceInterruption', lastModifiedDateTime: '2026-11-02T08:00:00+01:00' }),
          // isResolved lags behind the status on some items; a restored service is not an active incident.
          graphIssue({ id: 'OD1180000', service: 'OneDrive for Business', status: 'SERVICERESTORED' }),
        ],
      });
    });
    const { graph } = liveProviders(fake);

    const result = await graph.check(m365Case);

    expect(result).toEqual({
      source: 'microsoft365',
      ok: true,
      items: [
        {
          id: 'EX1187342',
          source: 'microsoft365',
          title: 'Title of EX1187342',
          service: 'Exchange Online',
          classification: 'incident',
          status: 'serviceDegradation',
          lastUpdated: '2026-11-02T09:30:00.767Z',
        },
        {
          id: 'SP1185506',
          source: 'microsoft365',
          title: 'Title of SP1185506',
          service: 'SharePoint Online',
          classification: 'incident',
          status: 'serviceInterruption',
          lastUpdated: '2026-11-02T07:00:00.000Z',
        },
        {
          id: 'TM1190215',
          source: 'microsoft365',
          title: 'Title of TM1190215',
          service: 'Microsoft Teams',
          classification: 'advisory',
          status: 'investigating',
          lastUpdated: '2026-11-02T10:00:00.000Z',
        },
      ],
    });

    const [token] = fake.tokenRequests();
    expect(fake.tokenRequests()).toHaveLength(1);
    expect(token!.pathname).toBe(`/${customerTenant}/oauth2/v2.0/token`);
    expect(token!.form.get('grant_type')).toBe('client_credentials');
    expect(token!.form.get('client_id')).toBe(clientId);
    expect(token!.form.get('client_secret')).toBe('partner-app-secret');
    expect(token!.form.get('scope')).toBe('https://graph.microsoft.com/.default');

    const pages = fake.requestsTo(graphIssuesPath);
    expect(pages.map((p) => p.path)).toEqual([graphIssuesPath, `${graphIssuesPath}?$skiptoken=page2`]);
    for (const p of pages) expect(p.headers.authorization).toBe(`Bearer token-for-${customerTenant}-https://graph.microsoft.com/.default`);
  });

  it('keeps Dynamics 365 and tenant-wide issues for a Dynamics 365 case', async () => {
    fake.routes.set(graphIssuesPath, (_req, res) =>
      json(res, 200, {
        value: [
          graphIssue({ id: 'EX1', service: 'Exchange Online' }),
          graphIssue({ id: 'CR2', service: 'Dynamics 365 Apps' }),
          graphIssue({ id: 'MO3', service: 'Microsoft 365 suite', classification: 'Advisory' }),
          graphIssue({ id: 'IT4', service: 'Microsoft Intune' }),
        ],
      }),
    );
    const { graph } = liveProviders(fake);
    const result = await graph.check({ ...m365Case, product: 'dynamics365' });
    expect(result.ok && result.items.map((i) => i.id)).toEqual(['CR2', 'MO3']);
  });

  it('uses the customer’s domain as the authority when the tenant ID is unknown', async () => {
    fake.routes.set(graphIssuesPath, (_req, res) => json(res, 200, { value: [] }));
    const { graph } = liveProviders(fake);
    const result = await graph.check({ cloud: 'commercial', product: 'ems', customerDomain: 'contoso.onmicrosoft.com' });
    expect(result).toEqual({ source: 'microsoft365', ok: true, items: [] });
    expect(fake.tokenRequests()[0]!.pathname).toBe('/contoso.onmicrosoft.com/oauth2/v2.0/token');
  });

  it('says noTenant without calling anyone when the case names no customer tenant', async () => {
    const { graph } = liveProviders(fake);
    expect(await graph.check({ cloud: 'commercial', product: 'm365' })).toEqual({ source: 'microsoft365', ok: false, reason: 'noTenant' });
    expect(fake.seen).toEqual([]);
  });

  it('turns a refused token into unauthorized (app not consented in the customer tenant)', async () => {
    fake.routes.set('token', (_req, res) =>
      json(res, 400, {
        error: 'invalid_client',
        error_description: "AADSTS7000229: The client application is missing service principal in the tenant.",
        error_codes: [7000229],
      }),
    );
    const { graph } = liveProviders(fake);
    const result = await graph.check(m365Case);
    expect(result).toMatchObject({ source: 'microsoft365', ok: false, reason: 'unauthorized' });
    expect(fake.requestsTo(graphIssuesPath)).toEqual([]);
  });

  it('turns Graph’s 403 into unauthorized (ServiceHealth.Read.All not granted)', async () => {
    fake.routes.set(graphIssuesPath, (_req, res) => json(res, 403, { error: { code: 'Forbidden', message: 'Missing role permissions' } }));
    const { graph } = liveProviders(fake);
    expect(await graph.check(m365Case)).toMatchObject({ ok: false, reason: 'unauthorized' });
    expect(fake.requestsTo(graphIssuesPath)).toHaveLength(1);
  });

  it('reports malformedResponse for a body that is not JSON', async () => {
    fake.routes.set(graphIssuesPath, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"value": [ {"id": "EX1"');
    });
    const { graph } = liveProviders(fake);
    expect(await graph.check(m365Case)).toMatchObject({ ok: false, reason: 'malformedResponse' });
  });

  it('reports malformedResponse for JSON of the wrong shape', async () => {
    fake.routes.set(graphIssuesPath, (_req, res) => json(res, 200, { value: [{ id: 'EX1', title: 'no other fields' }] }));
    const { graph } = liveProviders(fake);
    expect(await graph.check(m365Case)).toMatchObject({ ok: false, reason: 'malformedResponse' });
  });

  it('refuses a nextLink to another host, so the bearer token stays in its cloud', async () => {
    fake.routes.set(graphIssuesPath, (_req, res) =>
      json(res, 200, { value: [], '@odata.nextLink': 'https://elsewhere.example/v1.0/admin/serviceAnnouncement/issues?$skiptoken=x' }),
    );
    const { graph } = liveProviders(fake);
    expect(await graph.check(m365Case)).toMatchObject({ ok: false, reason: 'malformedResponse' });
  });
});
