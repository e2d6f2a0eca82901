import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cardOf, cardText, startHarness, type Harness } from '../support/botHarness.js';
import { cardRef, urlsOf } from '../support/cards.js';
import { channelId, execute, installInTeam, message, tenantId, type Where } from '../support/activities.js';

/** Issue 4 point 5 over HTTP: marketplace case → ISV card in the channel thread; unknown product → form → saved. */

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: '2026-11-20T02:00:00Z' });
  await h.post(installInTeam({ serviceUrl: h.stub.url }));
  await h.post(message('help', { serviceUrl: h.stub.url, kind: 'channel' }));
  await h.post(execute('channel.useForEscalations', { verb: 'channel.useForEscalations' }, { serviceUrl: h.stub.url, kind: 'channel' }));
});
afterAll(async () => h.close());
beforeEach(() => h.stub.reset());

const w = (): Where => ({ serviceUrl: h.stub.url, locale: 'en-US' });
const intake = (product: string) => ({
  customerPick: 'contoso',
  product: 'marketplace',
  marketplaceProduct: product,
  symptoms: 'Backups stopped.',
  severity: 'C',
  supportLanguage: 'english',
  role: 'adminAgent',
});
const caseRef = cardRef;
async function click(verb: string, ref: { caseId: string; version: number }, inputs: Record<string, unknown> = {}) {
  const res = await h.post(execute(verb, { verb, ...ref, ...inputs }, w()));
  expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
  return res.body.value;
}
async function toIsv(product: string) {
  await h.post(message('new case', w()));
  const [call] = await h.stub.waitFor((c) => c.some((x) => x.op === 'reply'));
  let card = cardOf(call!.body);
  card = await click('flow.intake.submit', caseRef(card), intake(product));
  card = await click('flow.health.continue', caseRef(card));
  card = await click('flow.troubleshoot.continue', caseRef(card), { notes: 'n' });
  card = await click('flow.decide.contactIsv', caseRef(card));
  return (await h.app.services.store.cases.get(caseRef(card).caseId))!;
}

describe('the ISV route', () => {
  it('a product in the directory (typed in Chinese): the ISV card with its contact goes to the channel thread', async () => {
    const c = await toIsv('Contoso 備份');
    expect(c.step).toBe('waitingOnIsv');
    expect(c.isv?.productName).toBe('Contoso Backup for Microsoft 365');
    const post = h.stub.calls.find((x) => x.op === 'createConversation')!;
    expect(post.body.channelData.channel.id).toBe(channelId);
    const card = cardOf(post.body.activity);
    const text = cardText(card);
    expect(text).toContain('backup-support@contoso.example.com');
    expect(text).toContain('+1 425 555 0100');
    expect(urlsOf(card)).toEqual([
      'https://support.contoso.example.com/backup',
      'mailto:backup-support@contoso.example.com',
      'https://azuremarketplace.microsoft.com/marketplace/apps/contoso-demo.contoso-backup-m365?tab=Overview',
    ]);
    expect(card.msteams.entities[0].mentioned.id).toBe('29:agent-1');
    expect(c.escalation?.thread?.tenantId).toBe(tenantId);
  });

  it('an unknown product: enter the contact (errors kept next to fields), save it, the thread updates; later lookups find it', async () => {
    const c = await toIsv('Tailspin Analytics');
    expect(c.isv).toBeUndefined();
    const thread = c.escalation!.thread!;
    h.stub.reset();
    const form = await click('isv.form', { caseId: c.id, version: c.version });
    expect(JSON.stringify(form)).toContain('"value":"Tailspin Analytics"');
    const bad = await click('isv.save', { caseId: c.id, version: c.version }, { productName: 'Tailspin Analytics', supportUrl: 'javascript:alert(1)' });
    expect(cardText(bad)).toContain('Enter a plain https:// address');
    expect(JSON.stringify(bad)).toContain('"value":"javascript:alert(1)"');
    const ok = await click('isv.save', { caseId: c.id, version: c.version }, {
      productName: 'Tailspin Analytics',
      supportUrl: 'https://tailspin.example.com/help',
      supportEmail: 'help@tailspin.example.com',
      saveToDirectory: 'true',
    });
    expect(cardText(ok)).toContain('Saved to the ISV directory.');
    const update = h.stub.calls.find((x) => x.op === 'update')!;
    expect(update.activityId).toBe(thread.rootActivityId);
    expect(cardText(cardOf(update.body))).toContain('help@tailspin.example.com');
    expect(h.stub.calls.find((x) => x.op === 'reply')!.conversationId).toBe(thread.conversationId);
    expect(await h.app.services.store.isvContacts.list(tenantId)).toEqual([
      { productName: 'Tailspin Analytics', supportUrl: 'https://tailspin.example.com/help', supportEmail: 'help@tailspin.example.com' },
    ]);

    // ISV resolved it → closed with that outcome, thread card updated, no actions left.
    const saved = (await h.app.services.store.cases.get(c.id))!;
    h.stub.reset();
    const closed = await click('isv.resolved', { caseId: c.id, version: saved.version });
    expect(cardText(closed)).toContain('Resolved by the ISV');
    expect((await h.app.services.store.cases.get(c.id))!.closed?.outcome).toBe('resolvedByIsv');
    expect(cardOf(h.stub.calls.find((x) => x.op === 'update')!.body).actions).toEqual([]);

    h.stub.reset();
    const next = await toIsv('tailspin');
    expect(next.isv?.supportEmail).toBe('help@tailspin.example.com');
  });
});
