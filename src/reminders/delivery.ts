/**
 * When to try a failed reminder send again (domain-facts §4.1, Teams "Rate limiting for agents"): 429, 412, 502, 503
 * and 504 are retried, waiting Retry-After when the connector gives it, else exponential backoff with random jitter;
 * a send that timed out or never reached the connector (no status) is retried the same way. Anything else (400, 401,
 * 403 bot removed, 404 thread gone) will not get better by waiting. Attempts are capped; then the failure is recorded.
 */
export const retryableStatuses: readonly number[] = [429, 412, 502, 503, 504];

export interface RetryPolicy {
  maxAttempts: number;
  /** First backoff; doubles per attempt. The older Teams C# sample used 2 s min, 20 s max, ±20 % jitter. */
  baseMs: number;
  maxMs: number;
  /** Longest Retry-After we honour as given; a longer one is capped so a reminder is not parked for a day. */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 6, baseMs: 2_000, maxMs: 5 * 60_000, maxRetryAfterMs: 60 * 60_000 };

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

/** `attempts` counts this one (1 after the first failed send). `random` in [0, 1) is injected for tests. */
export function retryDecision(
  failure: { status?: number; retryAfterMs?: number },
  attempts: number,
  policy: RetryPolicy = defaultRetryPolicy,
  random: () => number = Math.random,
): RetryDecision {
  const transient = failure.status === undefined || retryableStatuses.includes(failure.status);
  if (!transient || attempts >= policy.maxAttempts) return { retry: false };
  if (failure.retryAfterMs !== undefined && failure.retryAfterMs >= 0) {
    return { retry: true, delayMs: Math.min(failure.retryAfterMs, policy.maxRetryAfterMs) };
  }
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  const jitter = 0.8 + 0.4 * random();
  return { retry: true, delayMs: Math.round(Math.min(policy.maxMs, exp * jitter)) };
}
