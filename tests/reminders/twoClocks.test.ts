import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../src/app/services.js';
import { startHarness, cardOf, cardText, type Harness } from '../support/botHarness.js';
import type { ConnectorCall } from '../support/connectorStub.js';
import { channelId } from '../support/activities.js';
import { digestCard } from '../../src/reminders/digest.js';
import { policiesForCase } from '../../src/reminders/teamPolicies.js';
import { escalatedCase, fileCase, lead, teamSettings, worker } from './fixtures.js';

let h: Harness;
let app: AppServices;
let seq = 0;
const filed = '2026-11-20T02:00:00.000Z'; // Friday 10:00 in Taipei
const taipei = {
  timeZone: 'Asia/Taipei',
  weeklyHours: { mon: ['09:00-18:00'], tue: ['09:00-18:00'], wed: ['09:00-18:00'], thu: ['09:00-18:00'], fri: ['09:00-18:00'], sat: [], sun: [] },
  customHolidays: [],
  makeUpWorkdays: [],
};

beforeAll(async () => {
  h = await startHarness({ now: filed });
  app = h.app.services;
  // The partner promises its customers an answer within 30 business minutes on Sev A: tighter than Microsoft's 2 h.
  await teamSettings(app, (s) => ({ ...s, locale: 'en', leads: [lead], calendar: taipei, partnerPromise: { A: 0.5 } }));
});
afterAll(async () => h.close());
beforeEach(() => {
  h.stub.reset();
  h.clock.set(filed);
});

const replies = (caseId: string) => h.stub.calls.filter((c) => c.op === 'reply' && c.conversationId === `${channelId};messageid=root-${caseId}`);
/** The card's title line (the first line that names the case). */
const titleOf = (c: ConnectorCall) => cardText(cardOf(c.body)).split('\n').find((l) => l.startsWith('Case ')) ?? '';

describe('two clocks: a reminder for each, naming which clock is approaching', () => {
  it("the partner's promise reminds first and once at its breach; Microsoft's clock keeps its own points and repeats", async () => {
    const c = await fileCase(app, escalatedCase({ id: `TC-${++seq}`, serviceUrl: h.stub.url, filedAt: filed, severity: 'A' }));
    expect(c.partnerResponseDue).toBe('2026-11-20T02:30:00.000Z');
    expect(c.initialResponseDue).toBe('2026-11-20T04:00:00.000Z');
    expect(c.partnerResponseRule).toBe('Your promise to the customer: severity A within 0.5 business hours (Asia/Taipei), counted from when the case was opened');
    const rows = await app.store.reminders.forCase(c.id);
    expect(rows.filter((r) => r.kind.startsWith('partner:')).map((r) => [r.kind, r.dueAt.slice(11, 16)])).toEqual([
      ['partner:halfway', '02:15'],
      ['partner:before', '02:20'],
      ['partner:due', '02:30'],
    ]);

    const w = worker(app, { id: 'w1', clock: () => h.clock.now });
    const sent: [string, string][] = [];
    for (const minute of [15, 20, 30, 45, 60, 90, 110, 120, 150]) {
      h.clock.set(new Date(Date.parse(filed) + minute * 60_000));
      const before = replies(c.id).length;
      await w.tick();
      const now = replies(c.id);
      if (now.length > before) sent.push([h.clock.now.toISOString().slice(11, 16), titleOf(now.at(-1)!)]);
    }
    expect(sent).toEqual([
      ['02:15', `Case ${c.id}: half the time of YOUR promise to the customer has passed, 15 min left`],
      ['02:20', `Case ${c.id}: YOUR promise to the customer is due soon, 10 min left`],
      ['02:30', `Case ${c.id}: YOUR promise to the customer is due now`],
      ['03:00', `Case ${c.id}: half the time to Microsoft's initial response has passed, 1 h left`],
      ['03:30', `Case ${c.id}: Microsoft's initial response is due soon, 30 min left`],
      ['03:50', `Case ${c.id}: Microsoft's initial response is due soon, 10 min left`],
      ['04:00', `Case ${c.id}: Microsoft's initial response is due now`],
      ['04:30', `Case ${c.id}: Microsoft's initial response is overdue by 30 min`],
    ]);
    // The mention line names the partner's promise too, not Microsoft's response; at the exact deadline it agrees with
    // the card's "due now" and does not call it passed yet (issue 9 point 8).
    expect(`${replies(c.id)[2]!.body.text ?? ''}\n${cardText(cardOf(replies(c.id)[2]!.body))}`).toContain(`<at>Mei Lin</at>, case ${c.id}: your promise to the customer is coming due.`);
    // The partner reminder says its own deadline and rule.
    const partnerReminder = cardText(cardOf(replies(c.id)[0]!.body));
    expect(partnerReminder).toContain('Your promise to the customer: respond by');
    expect(partnerReminder).toContain('0.5 business hours');
    // The thread card shows both deadlines.
    const update = h.stub.calls.filter((x) => x.op === 'update' && x.activityId === `root-${c.id}`).at(-1)!;
    const card = cardText(cardOf(update.body));
    expect(card).toContain('Your promise to the customer: respond by {{DATE(2026-11-20T02:30:00Z, SHORT)}}');
    expect(card).toContain('{{DATE(2026-11-20T04:00:00Z, SHORT)}}');
  });

  it('the daily digest counts breaches of each clock', async () => {
    const a = await fileCase(app, escalatedCase({ id: `TC-${++seq}`, serviceUrl: h.stub.url, filedAt: filed, severity: 'A' }));
    const b = await fileCase(app, escalatedCase({ id: `TC-${++seq}`, serviceUrl: h.stub.url, filedAt: filed, severity: 'B' }));
    const p = await policiesForCase(app, a);
    // 03:00: A's partner promise (02:30) has passed, Microsoft's (04:00) not; B has no promise.
    const at3 = cardText(digestCard('Helpdesk', [a, b], p, new Date('2026-11-20T03:00:00Z')));
    expect(at3).toContain("Breaches: Microsoft's initial response 0 · your promise to customers 1");
    const at5 = cardText(digestCard('Helpdesk', [a, b], p, new Date('2026-11-20T05:00:00Z')));
    expect(at5).toContain("Breaches: Microsoft's initial response 1 · your promise to customers 1");
  });
});
