import { describe, expect, it } from 'vitest';
import { SendLimiter } from '../../src/reminders/limiter.js';
import { retryDecision, defaultRetryPolicy } from '../../src/reminders/delivery.js';

describe('client-side pacing under Teams limits (domain-facts §4.1)', () => {
  function fakeTime() {
    let now = 0;
    const slept: number[] = [];
    return { now: () => now, sleep: async (ms: number) => void (slept.push(ms), (now += ms)), slept, advance: (ms: number) => (now += ms) };
  }

  it('the 8th send to one thread within a second waits until the first leaves the window', async () => {
    const clock = fakeTime();
    const limiter = new SendLimiter({ perThread: 7, perTenant: 50, windowMs: 1_000, now: clock.now, sleep: clock.sleep });
    for (let i = 0; i < 7; i++) await limiter.acquire('tenant', 'thread-1');
    expect(clock.slept).toEqual([]);
    await limiter.acquire('tenant', 'thread-2'); // another thread is not held back
    expect(clock.slept).toEqual([]);
    await limiter.acquire('tenant', 'thread-1');
    expect(clock.slept).toEqual([1_000]);
  });

  it('the 51st request in a tenant within a second waits, whatever the thread', async () => {
    const clock = fakeTime();
    const limiter = new SendLimiter({ perThread: 7, perTenant: 50, windowMs: 1_000, now: clock.now, sleep: clock.sleep });
    for (let i = 0; i < 50; i++) {
      await limiter.acquire('tenant-a', `thread-${i}`);
      clock.advance(10);
    }
    await limiter.acquire('tenant-b', 'thread-x');
    expect(clock.slept).toEqual([]);
    await limiter.acquire('tenant-a', 'thread-new');
    // The first of the 50 went at t=0; now is t=500: room again at t=1000.
    expect(clock.slept).toEqual([500]);
  });
});

describe('retry decisions', () => {
  it.each([
    [{ status: 429, retryAfterMs: 7_000 }, 1, { retry: true, delayMs: 7_000 }],
    [{ status: 503 }, 1, { retry: true, delayMs: 2_000 }],
    [{ status: 502 }, 3, { retry: true, delayMs: 8_000 }],
    [{ status: 412 }, 1, { retry: true, delayMs: 2_000 }],
    [{ status: 504 }, 1, { retry: true, delayMs: 2_000 }],
    [{}, 2, { retry: true, delayMs: 4_000 }],
    [{ status: 403 }, 1, { retry: false }],
    [{ status: 404 }, 1, { retry: false }],
    [{ status: 400 }, 1, { retry: false }],
    [{ status: 503 }, 6, { retry: false }],
    [{ status: 429, retryAfterMs: 86_400_000 }, 1, { retry: true, delayMs: 3_600_000 }],
  ])('%j at attempt %i → %j', (failure, attempts, expected) => {
    expect(retryDecision(failure, attempts, defaultRetryPolicy, () => 0)).toEqual(expected);
  });

  it('jitter only adds (up to 25 %): never below the floor, and the backoff is capped', () => {
    expect(retryDecision({ status: 503 }, 1, defaultRetryPolicy, () => 0)).toEqual({ retry: true, delayMs: 2_000 });
    expect(retryDecision({ status: 503 }, 1, defaultRetryPolicy, () => 0.999999)).toEqual({ retry: true, delayMs: 2_500 });
    for (let i = 0; i < 1000; i++) {
      const d = retryDecision({ status: 503 }, 2, defaultRetryPolicy);
      expect(d.retry && d.delayMs >= 4_000 && d.delayMs <= 5_000).toBe(true);
    }
    expect(retryDecision({ status: 503 }, 5, { ...defaultRetryPolicy, maxMs: 10_000 }, () => 0.999999)).toEqual({ retry: true, delayMs: 10_000 });
  });
});
