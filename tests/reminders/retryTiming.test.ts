import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { AppServices } from '../../src/app/services.js';
import { createReminderMessenger } from '../../src/teams/reminderConnector.js';
import { SendLimiter } from '../../src/reminders/limiter.js';
import { ReminderWorker } from '../../src/reminders/worker.js';
import { startHarness, type Harness } from '../support/botHarness.js';
import type { ConnectorCall } from '../support/connectorStub.js';
import { escalatedCase, fileCase } from './fixtures.js';

/**
 * Issue 9 point 4 on the wall clock: a connector stub throttles (429 Retry-After) or fails (503) for a period while
 * each answer takes longer than a send, so a worker round is slower than one send. The next attempt for a reminder
 * must come at least Retry-After (or the backoff floor) after the failed answer arrived, and all are delivered.
 */

let h: Harness;
let app: AppServices;
let seq = 0;

beforeAll(async () => {
  h = await startHarness();
  app = h.app.services;
});
afterAll(async () => h.close());
beforeEach(() => h.stub.reset());

function realWorker(id: string, baseMs = 2_000) {
  return new ReminderWorker({
    app,
    messenger: createReminderMessenger(app.env, pino({ level: 'silent' })),
    workerId: id,
    clock: () => new Date(),
    leaseMs: 120_000,
    concurrency: 4,
    retry: { maxAttempts: 12, baseMs, maxMs: 60_000, maxRetryAfterMs: 3_600_000 },
    limiter: new SendLimiter({ perThread: 1_000, perTenant: 1_000, windowMs: 1_000 }),
    digestPlanEveryMs: 3_600_000,
  });
}

/** Cases whose reminder points are due now on the wall clock (filed 90 min ago, severity A: 2 h). */
async function dueCases(n: number): Promise<string[]> {
  const now = new Date();
  h.clock.set(now);
  const filedAt = new Date(now.getTime() - 90 * 60_000).toISOString();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = await fileCase(app, escalatedCase({ id: `RT${process.pid % 1000}-${String(++seq).padStart(3, '0')}`, serviceUrl: h.stub.url, filedAt, severity: 'A' }));
    ids.push(c.id);
  }
  return ids;
}

const conversationOf = (c: ConnectorCall) => c.conversationId ?? '';
const replyAttempts = (conv: string) => h.stub.calls.filter((c) => conversationOf(c) === conv && (c.op === 'reply' || c.intended === 'reply'));

async function runUntil(w: ReminderWorker, done: () => boolean, limitMs: number) {
  const end = Date.now() + limitMs;
  while (!done() && Date.now() < end) {
    await w.tick();
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('retry timing against a throttling connector', () => {
  it('429 Retry-After (seconds or HTTP-date): every next attempt comes after the wait, counted from the answer; all delivered after', async () => {
    const ids = await dueCases(8);
    const convs = ids.map((id) => `19:escalations-channel@thread.tacv2;messageid=root-${id}`);
    const start = Date.now();
    h.stub.delayMs = 150;
    // Throttled for 4 s; half the threads get Retry-After as seconds, half as an HTTP-date 3 s ahead.
    h.stub.policy = (call) => {
      if (call.op !== 'reply' || Date.now() - start > 4_000) return undefined;
      const i = convs.indexOf(conversationOf(call));
      return { status: 429, op: 'reply', retryAfter: i % 2 ? new Date(Date.now() + 3_000 + 1_000).toUTCString() : '3' };
    };
    const w = realWorker('rt-429');
    await runUntil(w, () => convs.every((c) => replyAttempts(c).some((x) => x.op === 'reply')), 25_000);

    let gaps = 0;
    for (const conv of convs) {
      const attempts = replyAttempts(conv);
      expect(attempts.filter((a) => a.op === 'reply')).toHaveLength(1);
      for (let i = 0; i + 1 < attempts.length; i++) {
        const failed = attempts[i]!;
        if (failed.failedWith !== 429) continue;
        gaps++;
        // The next request starts at least 3 s after the 429 answer was sent (HTTP-dates have whole seconds; +1 s given).
        expect(attempts[i + 1]!.at - failed.answeredAt!).toBeGreaterThanOrEqual(3_000);
      }
    }
    expect(gaps).toBeGreaterThanOrEqual(convs.length);
  }, 40_000);

  it('503 without Retry-After: exponential backoff never below its floor, then delivered', async () => {
    const ids = await dueCases(6);
    const convs = ids.map((id) => `19:escalations-channel@thread.tacv2;messageid=root-${id}`);
    const start = Date.now();
    h.stub.delayMs = 150;
    h.stub.policy = (call) => (call.op === 'reply' && Date.now() - start < 5_000 ? { status: 503, op: 'reply' } : undefined);
    const baseMs = 1_000;
    const w = realWorker('rt-503', baseMs);
    await runUntil(w, () => convs.every((c) => replyAttempts(c).some((x) => x.op === 'reply')), 30_000);

    for (const conv of convs) {
      const attempts = replyAttempts(conv);
      expect(attempts.filter((a) => a.op === 'reply')).toHaveLength(1);
      expect(attempts.length).toBeGreaterThan(1);
      for (let i = 0; i + 1 < attempts.length; i++) {
        const floor = baseMs * 2 ** i;
        expect(attempts[i + 1]!.at - attempts[i]!.answeredAt!).toBeGreaterThanOrEqual(floor);
      }
    }
  }, 45_000);
});
