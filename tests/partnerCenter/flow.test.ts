import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cardOf, cardText, startHarness, type Harness } from '../support/botHarness.js';
import { message, tenantId, type Where } from '../support/activities.js';
import { actionsOf, clickCard } from '../support/cases.js';
import { json, PartnerCenterStandIn, serviceRequest } from './standIn.js';

/**
 * Issue 14 through the HTTP entry point: Partner Center (the stand-in on 127.0.0.1) → `sync customers` → type-ahead
 * in the intake card → pick → the decide step lists the customer's open requests → attach one instead of filing.
 */
const litware = { id: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d', name: 'Litware Inc', domain: 'litware.onmicrosoft.com', allowDelegatedAccess: true };
const woodgrove = { id: '6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e', name: 'Woodgrove Bank', domain: 'woodgrove.onmicrosoft.com' };
const coho = { id: '7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f', name: 'Coho Winery', domain: 'coho.onmicrosoft.com' };

let pc: PartnerCenterStandIn;
let h: Harness;
beforeAll(async () => {
  pc = await new PartnerCenterStandIn().start();
  pc.customers = [litware, woodgrove, coho];
  pc.refreshTokens.add('rt-admin-mfa');
  pc.serviceRequests.set(litware.id, [
    serviceRequest('2611190040001234', 'Exchange Online: shared mailboxes cannot be opened', 1, '2026-11-19T22:15:00'),
    serviceRequest('2610010040000001', 'Closed last month', 2, '2026-10-01T08:00:00'),
  ]);
  h = await startHarness({
    now: '2026-11-20T02:00:00Z',
    env: {
      PARTNER_CENTER_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
      PARTNER_CENTER_CLIENT_SECRET: 'app-secret',
      PARTNER_CENTER_TENANT_ID: tenantId,
      PARTNER_CENTER_TOKEN_KEY: Buffer.alloc(32, 3).toString('base64'),
      PARTNER_CENTER_REFRESH_TOKEN: 'rt-admin-mfa',
      PARTNER_CENTER_SYNC_MINUTES: '0',
      PARTNER_CENTER_API_URL: pc.base,
      PARTNER_CENTER_LOGIN_URL: pc.base,
      PARTNER_CENTER_RETRY_AFTER_CAP_MS: '20',
    },
  });
});
afterAll(async () => {
  await h.close();
  await pc.stop();
});
beforeEach(() => h.stub.reset());

const en = (): Where => ({ serviceUrl: h.stub.url, locale: 'en-US' });

async function say(text: string, w: Where) {
  await h.post(message(text, w));
  const [call] = await h.stub.waitFor((c) => c.some((x) => x.op === 'reply'));
  h.stub.reset();
  return call!.body;
}

/** What Teams sends while the agent types in a Data.Query ChoiceSet. */
function searchInvoke(queryText: string, w: Where, tenant = tenantId) {
  const a = message('', { ...w, tenant });
  return { ...a, type: 'invoke', name: 'application/search', text: undefined, value: { queryText, dataset: 'customers', queryOptions: { skip: 0, top: 15 } } };
}

async function decideFor(pick: string) {
  const opened = cardOf(await say('new case', en()));
  let card = await clickCard(h, 'flow.intake.submit', opened, { customerPick: pick, product: 'm365', symptoms: 'Shared mailboxes fail to open.', severity: 'B', supportLanguage: 'english', role: 'adminAgent' }, en());
  card = await clickCard(h, 'flow.health.continue', card, {}, en());
  return clickCard(h, 'flow.troubleshoot.continue', card, { notes: 'Checked mailbox permissions.' }, en());
}

describe('Partner Center customers in the intake card', () => {
  it('an admin syncs customers; a synced customer shows in the type-ahead, only for the partner\'s tenant, and can be picked', async () => {
    const reply = await say('sync customers', en());
    expect(reply.text).toBe('Synced 3 customers from Partner Center. 0 that Partner Center no longer lists were removed.');

    const card = cardOf(await say('new case', en()));
    const inputs = JSON.stringify(card);
    expect(inputs).toContain('"choices.data":{"type":"Data.Query","dataset":"customers"}');

    const res = await h.post(searchInvoke('wood', en()));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.search.searchResponse',
      value: { results: [{ title: 'Woodgrove Bank (woodgrove.onmicrosoft.com · Partner Center)', value: `pc:${woodgrove.id}` }] },
    });
    // Customers from the customer file answer too (the demo file has Contoso).
    expect((await h.post(searchInvoke('contoso', en()))).body.value.results.map((r: any) => r.value)).toEqual(['contoso']);
    // Another tenant's agents never see this partner's Partner Center customers.
    expect((await h.post(searchInvoke('wood', en(), '0e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b'))).body.value.results).toEqual([]);
    // An empty query (the list opened before typing) is answered, not refused.
    expect((await h.post(searchInvoke('', en()))).body.value.results.length).toBeGreaterThan(3);

    const health = await clickCard(h, 'flow.intake.submit', card, { customerPick: `pc:${woodgrove.id}`, product: 'm365', symptoms: 'Mail flow stopped.', severity: 'B', supportLanguage: 'english', role: 'adminAgent' }, en());
    expect(health.body[0].text).toBe('Check service health');
    expect(cardText(health)).toContain('Woodgrove Bank · woodgrove.onmicrosoft.com');
  });

  it('a pc: value of a customer that is not this tenant\'s is refused like an unknown pick', async () => {
    const card = cardOf(await say('new case', en()));
    const back = await clickCard(h, 'flow.intake.submit', card, { customerPick: 'pc:0e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b', product: 'm365', symptoms: 'x', severity: 'B', supportLanguage: 'english', role: 'adminAgent' }, en());
    expect(back.body[0].text).toBe('New case: intake');
  });
});

describe('existing service requests at the decide step', () => {
  it('shows the customer\'s open request from Partner Center; attaching it records the number and creation time and moves on', async () => {
    await say('sync customers', en());
    const decide = await decideFor(`pc:${litware.id}`);
    const text = cardText(decide);
    expect(text).toContain('Open service requests in Partner Center');
    expect(text).toContain('2611190040001234 · Exchange Online: shared mailboxes cannot be opened');
    expect(text).not.toContain('Closed last month');
    const attach = actionsOf(decide, 'Action.Execute').find((a) => a.verb === 'flow.decide.attachRequest');
    expect(attach?.data.requestNumber).toBe('2611190040001234');
    // App+User: the service-request call used the token redeemed from the sealed refresh token.
    const srCall = pc.apiRequests(`/v1/customers/${litware.id}/servicerequests`).at(-1)!;
    expect(String(srCall.headers.authorization)).toMatch(/^Bearer user-/);

    const after = await clickCard(h, 'flow.decide.attachRequest', decide, { requestNumber: '2611190040001234' }, en());
    expect(after.body[0].text).toBe('Escalated');
    expect(cardText(after)).toContain('Existing service request 2611190040001234 from Partner Center is attached to this case');
    const caseId = attach!.data.caseId as string;
    const stored = await h.app.services.store.cases.get(caseId);
    expect(stored?.step).toBe('escalated');
    expect(stored?.serviceRequest).toMatchObject({ number: '2611190040001234', filedAt: '2026-11-19T22:15:00.000Z', severity: 'B' });
    // Reminders run from the request's creation time (severity B: 4 h → 02:15 UTC).
    expect(stored?.initialResponseDue).toBe('2026-11-20T02:15:00.000Z');
  });

  it('when Partner Center fails, the decide card says it could not check and why, in the agent\'s language, and the flow goes on', async () => {
    for (let i = 0; i < 2; i++) pc.once((r) => r.pathname.endsWith('/servicerequests'), (res) => json(res, 503, { code: 503, description: 'busy' }, { 'retry-after': '0' }));
    const zh: Where = { serviceUrl: h.stub.url, locale: 'zh-TW' };
    const opened = cardOf(await say('new case', zh));
    let card = await clickCard(h, 'flow.intake.submit', opened, { customerPick: `pc:${litware.id}`, product: 'm365', symptoms: '共用信箱無法開啟', severity: 'B', supportLanguage: 'english', role: 'adminAgent' }, zh);
    card = await clickCard(h, 'flow.health.continue', card, {}, zh);
    card = await clickCard(h, 'flow.troubleshoot.continue', card, { notes: '已檢查權限' }, zh);
    expect(cardText(card)).toContain('無法在合作夥伴中心檢查此客戶的未結要求：合作夥伴中心發生伺服器錯誤。');
    const verbs = actionsOf(card, 'Action.Execute').map((a) => a.verb);
    expect(verbs).toContain('flow.decide.escalate');
    expect(verbs).toContain('flow.decide.recheckRequests');
    const again = await clickCard(h, 'flow.decide.recheckRequests', card, {}, zh);
    expect(cardText(again)).toContain('2611190040001234');
  });
});

describe('with Partner Center settings empty (the demo quick start)', () => {
  it('the intake card has only the static list, and "sync customers" says Partner Center is not set up', async () => {
    const plain = await startHarness();
    try {
      await plain.post(message('new case', { serviceUrl: plain.stub.url }));
      const [call] = await plain.stub.waitFor((c) => c.some((x) => x.op === 'reply'));
      const card = cardOf(call!.body);
      expect(JSON.stringify(card)).not.toContain('Data.Query');
      expect(JSON.stringify(card)).toContain('"value":"contoso"');
      plain.stub.reset();
      await plain.post(message('同步客戶', { serviceUrl: plain.stub.url, locale: 'zh-TW' }));
      const [reply] = await plain.stub.waitFor((c) => c.some((x) => x.op === 'reply'));
      expect(reply!.body.text).toContain('此 Bot 尚未設定合作夥伴中心');
      expect(plain.app.services.partnerCenter).toBeUndefined();
    } finally {
      await plain.close();
    }
  });

  it('only admins may sync', async () => {
    const guarded = await startHarness({
      env: {
        ADMIN_USER_IDS: '29:someone-else',
        PARTNER_CENTER_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
        PARTNER_CENTER_CLIENT_SECRET: 'app-secret',
        PARTNER_CENTER_TENANT_ID: tenantId,
        PARTNER_CENTER_SYNC_MINUTES: '0',
        PARTNER_CENTER_API_URL: pc.base,
        PARTNER_CENTER_LOGIN_URL: pc.base,
      },
    });
    try {
      const before = pc.apiRequests('/v1/customers').length;
      await guarded.post(message('sync customers', { serviceUrl: guarded.stub.url }));
      const [reply] = await guarded.stub.waitFor((c) => c.some((x) => x.op === 'reply'));
      expect(reply!.body.text).toBe("Only the bot's admins can sync customers from Partner Center.");
      expect(pc.apiRequests('/v1/customers').length).toBe(before);
    } finally {
      await guarded.close();
    }
  });
});
