import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cardText, startHarness, type Harness } from '../support/botHarness.js';
import { execute, message, type Where } from '../support/activities.js';
import { cardRef, clickCard, m365Intake } from '../support/cases.js';
import { cardOf } from '../support/botHarness.js';

/** Issue 9 point 7: the click that loses a race gets the fresh card with what its agent typed, and who changed the case when. */

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());
beforeEach(() => h.stub.reset());

const mei = (): Where => ({ serviceUrl: h.stub.url, locale: 'en-US' });
const raj = (): Where => ({ serviceUrl: h.stub.url, locale: 'en-US', user: { id: '29:agent-2', name: 'Raj Patel' } });

/** Input values of a card by id. */
function inputs(card: any): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (typeof n.type === 'string' && n.type.startsWith('Input.') && n.id) out[n.id] = n.value;
    Object.values(n).forEach(walk);
  };
  walk(card);
  return out;
}

async function newCase(): Promise<any> {
  await h.post(message('new case', mei()));
  const [call] = await h.stub.waitFor((c) => c.some((x) => x.op === 'reply'));
  h.stub.reset();
  return cardOf(call!.body);
}

async function post(verb: string, card: any, typed: Record<string, unknown>, w: Where) {
  const res = await h.post(execute(verb, { verb, ...cardRef(card), ...typed }, w));
  expect(res.status).toBe(200);
  return res.body.value;
}

describe('losing a race keeps your typing', () => {
  it('troubleshoot: a stale click at the same step gets the fresh card with its notes and ticks, and the changed line', async () => {
    let card = await newCase();
    card = await clickCard(h, 'flow.intake.submit', card, m365Intake, mei());
    card = await clickCard(h, 'flow.health.continue', card, {}, mei());
    const { caseId, version } = cardRef(card);
    // Meanwhile Raj changed the case on another instance (same step, new version).
    const c = (await h.app.services.store.cases.get(caseId))!;
    await h.app.services.store.cases.save({ ...c, version: c.version + 1, updatedBy: { id: '29:agent-2', name: 'Raj Patel' }, updatedAt: '2026-11-20T02:05:00Z' }, c.version, []);

    const tick = Object.keys(inputs(card)).find((k) => k.startsWith('tried.'))!;
    const answer = await post('flow.troubleshoot.continue', card, { notes: 'Checked DNS and MX records', [tick]: 'true' }, mei());
    expect(cardText(answer)).toContain('This case was changed by Raj Patel');
    expect(inputs(answer).notes).toBe('Checked DNS and MX records');
    expect(inputs(answer)[tick]).toBe('true');
    expect(cardRef(answer).version).toBe(version + 1);
    // Nothing of the losing click was stored.
    const stored = (await h.app.services.store.cases.get(caseId))!;
    expect(stored.step).toBe('troubleshoot');
    expect(stored.troubleshooting.notes).toBe('');
  });

  it('two concurrent SR submits with typed values: exactly one applies; the loser gets the form back with its typing', async () => {
    let card = await newCase();
    card = await clickCard(h, 'flow.intake.submit', card, m365Intake, mei());
    card = await clickCard(h, 'flow.health.continue', card, {}, mei());
    card = await clickCard(h, 'flow.troubleshoot.continue', card, { notes: 'Restarted the mailbox service' }, mei());
    card = await clickCard(h, 'flow.decide.escalate', card, { reasons: 'serviceUnavailable' }, mei());
    const form = await clickCard(h, 'sr.form', card, {}, mei());
    const typedMei = { srNumber: '2611200010001111', filedDate: '2026-11-20', filedTime: '02:00', severity: 'B', timeZone: 'UTC' };
    const typedRaj = { srNumber: '2611200010002222', filedDate: '2026-11-20', filedTime: '01:59', severity: 'A', timeZone: 'UTC' };
    const [a, b] = await Promise.all([post('sr.record', form, typedMei, mei()), post('sr.record', form, typedRaj, raj())]);

    const stored = (await h.app.services.store.cases.get(cardRef(form).caseId))!;
    const winner = stored.serviceRequest!.number === typedMei.srNumber ? 'mei' : 'raj';
    expect([typedMei.srNumber, typedRaj.srNumber]).toContain(stored.serviceRequest!.number);
    const events = await h.app.services.store.cases.events(stored.id);
    expect(events.filter((e) => e.kind === 'sr.recorded' || e.kind.startsWith('serviceRequest'))).toHaveLength(1);

    const [won, lost, lostTyped, winnerName] = winner === 'mei' ? [a, b, typedRaj, 'Mei Lin'] : [b, a, typedMei, 'Raj Patel'];
    expect(cardText(won)).not.toContain('This case was changed by');
    expect(cardText(lost)).toContain(`changed by ${winnerName}`);
    const kept = inputs(lost);
    expect(kept.srNumber).toBe(lostTyped.srNumber);
    expect(kept.filedTime).toBe(lostTyped.filedTime);
    expect(kept.severity).toBe(lostTyped.severity);
  });
});
