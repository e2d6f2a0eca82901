import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../src/app/services.js';
import { reminderMessage } from '../../src/reminders/message.js';
import { policiesFrom } from '../../src/reminders/teamPolicies.js';
import { teamSettingsSchema } from '../../src/settings/teamSettings.js';
import { cardOf, cardText, startHarness, type Harness } from '../support/botHarness.js';
import { escalatedCase, fileCase, worker } from './fixtures.js';

/** Issue 9 point 8: what a reminder says at the edges agrees with the card and with what really happened. */

const due = '2026-11-20T04:00:00.000Z';
const c = { ...escalatedCase({ id: 'WD-0001', serviceUrl: 'http://127.0.0.1:1/', filedAt: '2026-11-20T02:00:00.000Z' }), initialResponseDue: due };
const policies = policiesFrom(teamSettingsSchema.parse({}), 'en');
const at = (iso: string) => reminderMessage(c, { kind: 'due', mentionLeads: false, due }, policies, new Date(iso));
// One post per reminder (issue 13): the mention line is the card's line that carries the <at> mention.
const mentionLine = (m: ReturnType<typeof at>): string => (m.content.card as any).body.find((b: any) => b.type === 'TextBlock' && String(b.text).includes('<at>'))?.text ?? '';

describe('at the exact deadline', () => {
  it('the card says due now and the mention text does not say overdue yet (a response now is in time)', () => {
    const m = at(due);
    expect(cardText(m.content.card)).toContain("Microsoft's initial response is due now");
    expect(mentionLine(m)).not.toMatch(/overdue/i);
    expect(mentionLine(m)).toContain('is waiting for');
  });

  it('within the deadline minute both still agree; from one minute past both say overdue', () => {
    expect(mentionLine(at('2026-11-20T04:00:59.000Z'))).not.toMatch(/overdue/i);
    const late = at('2026-11-20T04:01:00.000Z');
    expect(mentionLine(late)).toMatch(/overdue/);
    expect(cardText(late.content.card)).toMatch(/overdue by 1 min/);
  });
});

describe('catch-up wording', () => {
  let h: Harness;
  let app: AppServices;
  beforeAll(async () => {
    h = await startHarness({ now: '2026-11-20T03:40:00.000Z' });
    app = h.app.services;
  });
  afterAll(async () => h.close());
  beforeEach(() => h.stub.reset());

  const replyText = () => h.stub.calls.filter((x) => x.op === 'reply').map((x) => `${x.body.text}\n${cardText(cardOf(x.body))}`).join('\n');

  it('an SR recorded after points had passed: one message that says so, never "could not be sent on time"', async () => {
    h.clock.set('2026-11-20T03:40:00.000Z');
    // Filed at 02:00 (Sev A, due 04:00) but recorded at 03:40: halfway (03:00) and 30 min before (03:30) already passed.
    await fileCase(app, escalatedCase({ id: 'WD-0002', serviceUrl: h.stub.url, filedAt: '2026-11-20T02:00:00.000Z' }));
    const w = worker(app, { id: 'w-wording', clock: () => h.clock.now });
    await w.tick();
    const text = replyText();
    expect(h.stub.calls.filter((x) => x.op === 'reply')).toHaveLength(1);
    expect(text).toMatch(/recorded after \d reminder points? had already passed/);
    expect(text).not.toMatch(/could not be sent on time/);
  });

  it('points the worker really sent late (it was down for hours) do say so', async () => {
    h.clock.set('2026-11-20T02:00:00.000Z');
    await fileCase(app, escalatedCase({ id: 'WD-0003', serviceUrl: h.stub.url, filedAt: '2026-11-20T02:00:00.000Z' }));
    h.clock.set('2026-11-20T03:55:00.000Z');
    const w = worker(app, { id: 'w-wording-2', clock: () => h.clock.now });
    await w.tick();
    expect(replyText()).toMatch(/could not be sent on time/);
  });
});
