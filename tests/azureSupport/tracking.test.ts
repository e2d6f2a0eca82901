import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../src/app/services.js';
import { cardOf, cardText, type Harness } from '../support/botHarness.js';
import { channelId, execute } from '../support/activities.js';
import { readerTime } from '../../src/cards/readerTime.js';
import { worker } from '../reminders/fixtures.js';
import { communication, type FakeSupportApi, subscriptionId } from './fakeSupportApi.js';
import { azureCase, caseIds, customerTenantId, startAzureHarness } from './harness.js';

let h: Harness;
let fake: FakeSupportApi;
let app: AppServices;
let seq = 0;
const caseId = caseIds('AZK-2');
// seq also numbers the ticket each test files for its case.
const nextId = () => (++seq, caseId());
const filed = '2026-11-20T02:00:00.000Z';
const where = () => ({ serviceUrl: h.stub.url, kind: 'channel' as const, user: { id: '29:agent-2', name: 'Chen Hao' } });
const replies = (caseId: string) => h.stub.calls.filter((c) => c.op === 'reply' && c.conversationId === `${channelId};messageid=root-${caseId}`);

beforeAll(async () => {
  ({ h, fake } = await startAzureHarness(filed));
  app = h.app.services;
});
afterAll(async () => {
  await h.close();
  await fake.stop();
});
beforeEach(() => {
  h.stub.reset();
  h.clock.set(filed);
  fake.seen.length = 0;
  fake.failures.length = 0;
  fake.malformed.clear();
});

async function tracked(id: string, ticketProps: Record<string, unknown> = {}) {
  const c = await azureCase(app, id, h.stub.url, filed);
  fake.addTicket(subscriptionId, `ticket-${id.toLowerCase()}`, {
    supportTicketId: `26112000100${String(seq).padStart(5, '0')}`,
    severity: 'critical',
    createdDate: filed,
    modifiedDate: filed,
    serviceLevelAgreement: { startTime: filed, expirationTime: '2026-11-20T03:00:00Z', slaMinutes: 60 },
    ...ticketProps,
  });
  const form = await h.post(execute('azure.track.form', { verb: 'azure.track.form', caseId: c.id, version: c.version }, where()));
  const res = await h.post(execute('azure.track.save', { verb: 'azure.track.save', caseId: c.id, version: c.version, subscriptionId, ticketPick: `ticket-${id.toLowerCase()}`, ticketNumber: '' }, where()));
  return { c, form: cardOf(form.body), card: cardOf(res.body) };
}

describe('tracking an Azure support ticket from the case thread', () => {
  it("lists the subscription's open tickets, and once tracked the thread card shows Microsoft's expiry beside the computed deadline", async () => {
    const id = nextId();
    const { c, form, card } = await tracked(id);
    expect(cardText(form)).toContain(`26112000100${String(seq).padStart(5, '0')}`);
    const list = fake.arm().find((r) => r.pathname.endsWith('/supportTickets') && r.method === 'GET')!;
    expect(list.search.get('$filter')).toBe("createdDate ge 2026-10-21T02:00:00Z and status eq 'Open'");
    expect(fake.tokenRequests()[0]!.pathname).toBe(`/${customerTenantId}/oauth2/v2.0/token`);

    const stored = (await app.store.cases.get(c.id))!;
    expect(stored.serviceRequest).toMatchObject({ number: `26112000100${String(seq).padStart(5, '0')}`, filedAt: filed, severity: 'A' });
    expect(stored.initialResponseDue).toBe('2026-11-20T04:00:00.000Z');
    expect(stored.azureTicket).toMatchObject({ subscriptionId, name: `ticket-${id.toLowerCase()}`, slaExpiresAt: '2026-11-20T03:00:00.000Z', status: 'Open' });
    const msText = `Microsoft's own initial-response deadline for this ticket: ${readerTime('2026-11-20T03:00:00Z')}.`;
    expect(cardText(card)).toContain(msText);
    expect(cardText(card)).toContain(readerTime('2026-11-20T04:00:00.000Z'));
    // The root card in the channel thread is updated in place with the same lines.
    const update = h.stub.calls.filter((x) => x.op === 'update' && x.activityId === `root-${c.id}`).at(-1)!;
    expect(cardText(cardOf(update.body))).toContain(msText);
    expect(await app.store.azureTickets.get(c.id)).toMatchObject({ state: 'active', nextPollAt: '2026-11-20T02:01:00.000Z' });
  });

  it('a ticket that gains a supportEngineer records "Microsoft responded" at that time; no further reminder reaches the connector', async () => {
    const id = nextId();
    const { c } = await tracked(id);
    const w = worker(app, { id: 'w1', clock: () => h.clock.now });
    // The thread got one line when the ticket was linked ("… linked Azure ticket …").
    expect(replies(c.id).map((r) => r.body.text)).toEqual([expect.stringContaining('linked Azure ticket')]);
    h.clock.set('2026-11-20T03:00:00.000Z');
    await w.tick();
    expect(replies(c.id)).toHaveLength(2); // the halfway reminder: reminders run while Microsoft is silent

    h.clock.set('2026-11-20T03:05:00.000Z');
    expect(await h.app.ticketPoller!.tick()).toMatchObject({ responded: 0 });
    expect(await app.store.azureTickets.get(c.id)).toMatchObject({ state: 'active', nextPollAt: '2026-11-20T03:06:00.000Z' });
    const commsRead = fake.arm().filter((r) => r.pathname.endsWith(`/supportTickets/ticket-${id.toLowerCase()}/communications`));
    expect(commsRead).toHaveLength(1);

    const t = fake.tickets.get(subscriptionId)!.get(`ticket-${id.toLowerCase()}`);
    t.properties.supportEngineer = { emailAddress: 'engineer@microsoft.com' };
    t.properties.modifiedDate = '2026-11-20T03:10:00Z';
    h.clock.set('2026-11-20T03:12:00.000Z');
    expect(await h.app.ticketPoller!.tick()).toMatchObject({ responded: 1 });

    const stored = (await app.store.cases.get(c.id))!;
    expect(stored.microsoftRespondedAt).toBe('2026-11-20T03:10:00.000Z');
    const event = (await app.store.cases.events(c.id)).find((e) => e.kind === 'microsoft.responded')!;
    expect(event.detail).toMatchObject({ source: 'azureSupportApi', evidence: 'engineer', minutesAfterFiling: 70, minutesBeforeDeadline: 50 });
    expect(event.actor.name).toBe('CSP Support Desk');
    expect((await app.store.reminders.forCase(c.id)).filter((r) => r.state === 'pending')).toEqual([]);
    expect(await app.store.azureTickets.get(c.id)).toMatchObject({ state: 'done' });

    const before = replies(c.id).length;
    for (const at of ['2026-11-20T03:30:00.000Z', '2026-11-20T03:50:00.000Z', '2026-11-20T04:00:00.000Z', '2026-11-20T06:00:00.000Z']) {
      h.clock.set(at);
      await w.tick();
      await h.app.ticketPoller!.tick();
    }
    expect(replies(c.id)).toHaveLength(before);
    // The thread card says Microsoft responded.
    const update = h.stub.calls.filter((x) => x.op === 'update' && x.activityId === `root-${c.id}`).at(-1)!;
    expect(cardText(cardOf(update.body))).toContain('Microsoft responded');
  });

  it('the first communication from Microsoft (outbound) counts, with its own time', async () => {
    const id = nextId();
    const { c } = await tracked(id);
    const name = `ticket-${id.toLowerCase()}`;
    fake.communications.set(`${subscriptionId}/${name}`, [
      communication(subscriptionId, name, 'inbound1', { communicationDirection: 'inbound', sender: 'support@fabrikam.example', createdDate: '2026-11-20T02:20:00Z' }),
      communication(subscriptionId, name, 'm1', { createdDate: '2026-11-20T02:41:30Z' }),
    ]);
    h.clock.set('2026-11-20T02:45:00.000Z');
    expect(await h.app.ticketPoller!.tick()).toMatchObject({ responded: 1 });
    // Rounded up to the minute: the responded transition records minutes.
    expect((await app.store.cases.get(c.id))!.microsoftRespondedAt).toBe('2026-11-20T02:42:00.000Z');
  });

  it('429 with Retry-After: the row comes back exactly then, no sooner, and one loop serves every ticket', async () => {
    const a = await tracked(nextId());
    const b = await tracked(nextId());
    fake.failures.push({ status: 429, retryAfter: '120', match: new RegExp(`GET .*/supportTickets/ticket-${a.c.id.toLowerCase()}$`) });
    h.clock.set('2026-11-20T02:01:00.000Z');
    const r = await h.app.ticketPoller!.tick();
    expect(r).toMatchObject({ claimed: 2, throttled: 1, read: 1 });
    expect(await app.store.azureTickets.get(a.c.id)).toMatchObject({ state: 'active', nextPollAt: '2026-11-20T02:03:00.000Z' });
    expect(await app.store.azureTickets.get(b.c.id)).toMatchObject({ nextPollAt: '2026-11-20T02:02:00.000Z' });
    h.clock.set('2026-11-20T02:02:59.000Z');
    const mid = await h.app.ticketPoller!.tick();
    expect(mid.claimed).toBe(1); // only b is due again
    h.clock.set('2026-11-20T02:03:00.000Z');
    expect((await h.app.ticketPoller!.tick()).claimed).toBe(1);
  });

  it('a malformed ticket payload: a clear message on the form, nothing stored', async () => {
    const c = await azureCase(app, nextId(), h.stub.url, filed);
    fake.malformed.set(`/subscriptions/${subscriptionId}/providers/Microsoft.Support/supportTickets/broken`, { name: 'broken', properties: { severity: 'critical' } });
    const res = await h.post(execute('azure.track.save', { verb: 'azure.track.save', caseId: c.id, version: c.version, subscriptionId, ticketPick: 'broken' }, where()));
    expect(cardText(cardOf(res.body))).toContain('The Azure Support API answered with data the bot does not understand; nothing was stored.');
    const stored = (await app.store.cases.get(c.id))!;
    expect(stored.version).toBe(c.version);
    expect(stored.azureTicket).toBeUndefined();
    expect(await app.store.azureTickets.get(c.id)).toBeUndefined();
  });

  it('a typed ticket number is looked up among the subscription tickets by Microsoft number', async () => {
    const c = await azureCase(app, nextId(), h.stub.url, filed);
    fake.addTicket(subscriptionId, 'typed-one', { supportTicketId: '2611200010999999', createdDate: filed, severity: 'moderate' });
    const res = await h.post(execute('azure.track.save', { verb: 'azure.track.save', caseId: c.id, version: c.version, subscriptionId, ticketNumber: '2611200010999999' }, where()));
    expect(cardText(cardOf(res.body))).toContain('The bot now follows Azure ticket 2611200010999999.');
    expect((await app.store.cases.get(c.id))!.azureTicket?.name).toBe('typed-one');
    expect((await app.store.cases.get(c.id))!.serviceRequest?.severity).toBe('B');
  });
});
