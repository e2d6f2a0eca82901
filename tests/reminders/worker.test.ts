import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import type { AppServices } from '../../src/app/services.js';
import { startHarness, cardOf, cardText, type Harness } from '../support/botHarness.js';
import type { ConnectorCall } from '../support/connectorStub.js';
import { channelId, message } from '../support/activities.js';
import { escalatedCase, fileCase, lead, owner, teamSettings, worker } from './fixtures.js';

let h: Harness;
let app: AppServices;
let seq = 0;
const nextId = () => `RM-${String(++seq).padStart(4, '0')}`;
const filed = '2026-11-20T02:00:00.000Z'; // Friday 10:00 in Taipei

beforeAll(async () => {
  h = await startHarness({ now: filed });
  app = h.app.services;
});
afterAll(async () => h.close());
beforeEach(async () => {
  h.stub.reset();
  h.clock.set(filed);
  await teamSettings(app, (s) => ({ ...s, locale: undefined, leads: [lead] }));
});

const replies = (caseId?: string) =>
  h.stub.calls.filter((c) => c.op === 'reply' && (!caseId || c.conversationId === `${channelId};messageid=root-${caseId}`));
const textOf = (c: ConnectorCall) => `${c.body.text ?? ''}\n${cardText(cardOf(c.body))}`;
/** Mentions travel inside the card (msteams.entities): one post per reminder, no separate text message (issue 13). */
const mentionsOf = (c: ConnectorCall): any[] => cardOf(c.body)?.msteams?.entities ?? [];

async function tickAt(w: ReturnType<typeof worker>, iso: string) {
  h.clock.set(iso);
  return w.tick();
}

describe('reminders arrive in the right thread, at the right points, in the team language', () => {
  it('Sev A in English: halfway, 30 and 10 minutes before, at due, then every 30 minutes with the lead @mentioned', async () => {
    await teamSettings(app, (s) => ({ ...s, locale: 'zh-TW' }));
    const c = await fileCase(app, escalatedCase({ id: nextId(), serviceUrl: h.stub.url, filedAt: filed, severity: 'A' }));
    expect(c.initialResponseDue).toBe('2026-11-20T04:00:00.000Z');
    expect(c.initialResponseRule).toBe('嚴重性 A，英文支援：全天候 2 小時');
    const w = worker(app, { id: 'w1', clock: () => h.clock.now });

    const sentAt: string[] = [];
    for (const minute of [0, 59, 60, 61, 89, 90, 110, 119, 120, 149, 150, 180]) {
      const iso = new Date(Date.parse(filed) + minute * 60_000).toISOString();
      const before = replies(c.id).length;
      await tickAt(w, iso);
      if (replies(c.id).length > before) sentAt.push(iso.slice(11, 16));
    }
    expect(sentAt).toEqual(['03:00', '03:30', '03:50', '04:00', '04:30', '05:00']);

    const all = replies(c.id);
    for (const r of all) {
      expect(r.path.startsWith(`/v3/conversations/${channelId};messageid=root-${c.id}/activities/`)).toBe(true);
      // The thread is addressed by its conversation id ("<channel>;messageid=<root>"), which is how Teams threads a reply.
      expect(r.conversationId).toBe(`${channelId};messageid=root-${c.id}`);
      expect(mentionsOf(r)).toContainEqual({ type: 'mention', text: '<at>Mei Lin</at>', mentioned: { id: owner.id, name: 'Mei Lin' } });
      expect(r.body.text ?? '').toBe('');
      expect(r.body.attachments).toHaveLength(1);
      // The <at> text the entity names is in the card, so Teams turns it into a real mention.
      expect(cardText(cardOf(r.body))).toContain('<at>Mei Lin</at>');
    }
    expect(textOf(all[0]!)).toContain(`案例 ${c.id}：距 Microsoft 初始回應的時間已過一半，剩餘 1 小時`);
    expect(textOf(all[1]!)).toContain('即將到期，剩餘 30 分鐘');
    expect(textOf(all[3]!)).toContain('Microsoft 初始回應現在到期');
    // Before the breach only the owner; after it the team lead too.
    expect(all.slice(0, 4).every((r) => mentionsOf(r).length === 1)).toBe(true);
    expect(mentionsOf(all[4]!)).toContainEqual({ type: 'mention', text: '<at>Chen Wei</at>', mentioned: { id: lead.id, name: 'Chen Wei' } });
    expect(textOf(all[4]!)).toContain('已逾期 30 分鐘');
    // The root card is refreshed after each reminder (time left / overdue by).
    expect(h.stub.calls.filter((x) => x.op === 'update' && x.activityId === `root-${c.id}`).length).toBe(all.length);
  });

  it('without a team language the case language is used (zh-CN), and a closed case gets nothing more', async () => {
    const c = await fileCase(app, escalatedCase({ id: nextId(), serviceUrl: h.stub.url, filedAt: filed, severity: 'B', locale: 'zh-CN' }));
    const w = worker(app, { id: 'w1', clock: () => h.clock.now });
    await tickAt(w, '2026-11-20T04:00:00.000Z');
    expect(replies(c.id)).toHaveLength(1);
    expect(textOf(replies(c.id)[0]!)).toContain('距 Microsoft 初始响应的时间已过一半');
    const stored = (await app.store.cases.get(c.id))!;
    await app.store.cases.save({ ...stored, version: stored.version + 1, step: 'closed', closed: { at: '2026-11-20T04:10:00.000Z', outcome: 'resolved', by: owner } }, stored.version, []);
    await tickAt(w, '2026-11-20T05:30:00.000Z');
    await tickAt(w, '2026-11-20T09:00:00.000Z');
    expect(replies(c.id)).toHaveLength(1);
    const rows = await app.store.reminders.forCase(c.id);
    expect(rows.filter((r) => r.state === 'pending')).toEqual([]);
  });
});

describe('delivery under throttling and outages', () => {
  it('a 429 with Retry-After waits exactly that long, then delivers', async () => {
    const c = await fileCase(app, escalatedCase({ id: nextId(), serviceUrl: h.stub.url, filedAt: filed }));
    const w = worker(app, { id: 'w1', clock: () => h.clock.now });
    h.stub.failNext({ status: 429, retryAfter: '7', op: 'reply' });
    const first = await tickAt(w, '2026-11-20T03:00:00.000Z');
    expect(first).toMatchObject({ sent: 0, retried: 1 });
    const row = (await app.store.reminders.forCase(c.id)).find((r) => r.kind === 'halfway')!;
    expect(row.state).toBe('pending');
    const raw = await app.store.db.kysely.selectFrom('reminders').select('next_attempt_at').where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(raw.next_attempt_at).toBe('2026-11-20T03:00:07.000Z');
    expect((await tickAt(w, '2026-11-20T03:00:06.999Z')).claimed).toBe(0);
    expect(await tickAt(w, '2026-11-20T03:00:07.000Z')).toMatchObject({ sent: 1 });
    expect(replies(c.id)).toHaveLength(1);
  });

  it('503s back off exponentially (2 s, 4 s with jitter fixed), then succeed', async () => {
    const c = await fileCase(app, escalatedCase({ id: nextId(), serviceUrl: h.stub.url, filedAt: filed }));
    const w = worker(app, { id: 'w1', clock: () => h.clock.now });
    h.stub.failNext({ status: 503, op: 'reply' }, { status: 503, op: 'reply' });
    expect(await tickAt(w, '2026-11-20T03:00:00.000Z')).toMatchObject({ retried: 1 });
    expect((await tickAt(w, '2026-11-20T03:00:01.999Z')).claimed).toBe(0);
    expect(await tickAt(w, '2026-11-20T03:00:02.000Z')).toMatchObject({ retried: 1 });
    expect((await tickAt(w, '2026-11-20T03:00:05.999Z')).claimed).toBe(0);
    expect(await tickAt(w, '2026-11-20T03:00:06.000Z')).toMatchObject({ sent: 1 });
    expect(replies(c.id)).toHaveLength(1);
    expect(h.stub.calls.filter((x) => x.path.includes('(failed 503)'))).toHaveLength(2);
  });

  it('a 403 (bot removed from the team) fails at once and is recorded on the case; the next success clears it', async () => {
    const c = await fileCase(app, escalatedCase({ id: nextId(), serviceUrl: h.stub.url, filedAt: filed }));
    const w = worker(app, { id: 'w1', clock: () => h.clock.now });
    h.stub.failNext({ status: 403, op: 'reply' });
    expect(await tickAt(w, '2026-11-20T03:00:00.000Z')).toMatchObject({ failed: 1, sent: 0 });
    const failed = (await app.store.cases.get(c.id))!;
    expect(failed.reminderFailure).toBe('2026-11-20T03:00:00.000Z 403: connector answered 403');
    const events = await app.store.cases.events(c.id);
    expect(events.map((e) => e.kind)).toContain('reminder.failed');
    await tickAt(w, '2026-11-20T03:30:00.000Z');
    expect(replies(c.id)).toHaveLength(1);
    expect((await app.store.cases.get(c.id))!.reminderFailure).toBeUndefined();
  });

  it('capped attempts: a thread that keeps answering 502 is given up after the limit', async () => {
    const c = await fileCase(app, escalatedCase({ id: nextId(), serviceUrl: h.stub.url, filedAt: filed }));
    const w = worker(app, { id: 'w1', clock: () => h.clock.now, maxAttempts: 3 });
    h.stub.failNext(...Array.from({ length: 3 }, () => ({ status: 502, op: 'reply' as const })));
    expect(await tickAt(w, '2026-11-20T03:00:00.000Z')).toMatchObject({ retried: 1 });
    expect(await tickAt(w, '2026-11-20T03:00:02.000Z')).toMatchObject({ retried: 1 });
    expect(await tickAt(w, '2026-11-20T03:00:06.000Z')).toMatchObject({ failed: 1 });
    const row = (await app.store.reminders.forCase(c.id)).find((r) => r.kind === 'halfway')!;
    expect(row).toMatchObject({ state: 'failed', attempts: 3 });
    expect((await app.store.cases.get(c.id))!.reminderFailure).toContain('502');
  });
});

describe('several workers, crashes and downtime', () => {
  it('a worker that claimed and died: another sends the reminder once the lease has run out', async () => {
    const c = await fileCase(app, escalatedCase({ id: nextId(), serviceUrl: h.stub.url, filedAt: filed }));
    const claimed = await app.store.reminders.claimDue('crashed-worker', '2026-11-20T03:00:00.000Z', '2026-11-20T03:02:00.000Z', 10);
    expect(claimed.map((r) => r.caseId)).toContain(c.id);
    const b = worker(app, { id: 'w2', clock: () => h.clock.now });
    expect((await tickAt(b, '2026-11-20T03:01:59.000Z')).claimed).toBe(0);
    expect(replies(c.id)).toHaveLength(0);
    expect(await tickAt(b, '2026-11-20T03:02:00.001Z')).toMatchObject({ sent: 1 });
    const row = (await app.store.reminders.forCase(c.id)).find((r) => r.kind === 'halfway')!;
    expect(row).toMatchObject({ state: 'sent', claimedBy: 'w2', attempts: 2 });
  });

  it('two workers on the same SQLite file, ticking together: every point is sent exactly once', async () => {
    const other: Store = await openStore({ sqlitePath: h.sqlitePath });
    try {
      const appB: AppServices = { ...app, store: other };
      const cases = [];
      for (let i = 0; i < 6; i++) cases.push(await fileCase(app, escalatedCase({ id: nextId(), serviceUrl: h.stub.url, filedAt: filed, severity: i % 2 ? 'A' : 'B' })));
      const a = worker(app, { id: 'wa', clock: () => h.clock.now });
      const b = worker(appB, { id: 'wb', clock: () => h.clock.now });
      let byA = 0;
      let byB = 0;
      for (let minute = 0; minute <= 6 * 60; minute += 5) {
        h.clock.set(new Date(Date.parse(filed) + minute * 60_000));
        const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
        byA += ra.sent;
        byB += rb.sent;
      }
      for (const c of cases) {
        const rows = await app.store.reminders.forCase(c.id);
        const sent = rows.filter((r) => r.state === 'sent');
        // A: 03:00 03:30 03:50 04:00, then every 30 min until 08:00; B: 04:00 05:30 05:50 06:00, then hourly.
        const expected = c.serviceRequest!.severity === 'A' ? 4 + 8 : 4 + 2;
        expect(replies(c.id)).toHaveLength(expected);
        expect(sent).toHaveLength(expected);
        expect(new Set(sent.map((r) => r.dueAt)).size).toBe(expected);
      }
      // Whoever claims first sends; the other finds nothing. Between them, each point once.
      expect(byA + byB).toBeGreaterThanOrEqual(cases.length * 6);
    } finally {
      await other.close();
    }
  });

  it('a long downtime gives one catch-up message (not a burst), then the overdue repetition continues', async () => {
    const c = await fileCase(app, escalatedCase({ id: nextId(), serviceUrl: h.stub.url, filedAt: filed }));
    const w = worker(app, { id: 'w1', clock: () => h.clock.now });
    // Down from 02:00 to 07:10: halfway, 30 and 10 minutes before, at due were all missed.
    const r = await tickAt(w, '2026-11-20T07:10:00.000Z');
    expect(r).toMatchObject({ sent: 1, superseded: 3 });
    const [only] = replies(c.id);
    expect(replies(c.id)).toHaveLength(1);
    expect(textOf(only!)).toContain('Catch-up: 3 reminders could not be sent on time; this message replaces them.');
    expect(textOf(only!)).toContain('Team lead: <at>Chen Wei</at>');
    expect(textOf(only!)).toContain("Microsoft's initial response is overdue by 3 h 10 min");
    expect(mentionsOf(only!).map((e: any) => e.mentioned.id)).toEqual([owner.id, lead.id]);
    const pending = (await app.store.reminders.forCase(c.id)).filter((x) => x.state === 'pending');
    expect(pending.map((x) => x.dueAt)).toEqual(['2026-11-20T07:30:00.000Z']);
    // The root case card now says how late Microsoft is (rendered by the escalation package with our line).
    const update = h.stub.calls.filter((x) => x.op === 'update' && x.activityId === `root-${c.id}`).at(-1)!;
    expect(cardText(cardOf(update.body))).toContain('Initial response: overdue by 3 h 10 min');
    await tickAt(w, '2026-11-20T07:30:00.000Z');
    expect(replies(c.id)).toHaveLength(2);
  });

  it('a snoozed case stays quiet until the snooze ends', async () => {
    const c = await fileCase(app, escalatedCase({ id: nextId(), serviceUrl: h.stub.url, filedAt: filed }));
    const stored = (await app.store.cases.get(c.id))!;
    await app.store.cases.save({ ...stored, version: stored.version + 1, snoozedUntil: '2026-11-20T03:45:00.000Z' }, stored.version, []);
    const w = worker(app, { id: 'w1', clock: () => h.clock.now });
    await tickAt(w, '2026-11-20T03:00:00.000Z');
    await tickAt(w, '2026-11-20T03:30:00.000Z');
    expect(replies(c.id)).toHaveLength(0);
    await tickAt(w, '2026-11-20T03:45:00.000Z');
    expect(replies(c.id)).toHaveLength(1);
    expect(textOf(replies(c.id)[0]!)).toContain('Catch-up');
  });
});
