/**
 * When to try a failed reminder send again (domain-facts §4.1, Teams "Rate limiting for agents"): 429, 412, 502, 503
 * and 504 are retried, waiting Retry-After when the connector gives it, else exponential backoff with random jitter;
 * a send that timed out or never reached the connector (no status) is retried the same way. Anything else (400, 401,
 * 403 bot removed, 404 thread gone) will not get better by waiting. Attempts are capped; then the failure is recorded.
 */
export const retryableStatuses: readonly number[] = [429, 412, 502, 503, 504];

export interface RetryPolicy {
  maxAttempts: number;
  /** First backoff and floor; doubles per attempt, plus up to 25 % random jitter on top (never below the step). */
  baseMs: number;
  maxMs: number;
  /** Longest Retry-After we honour as given; a longer one is capped so a reminder is not parked for a day. */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 6, baseMs: 2_000, maxMs: 5 * 60_000, maxRetryAfterMs: 60 * 60_000 };

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

/**
 * `attempts` counts this one (1 after the first failed send). `random` in [0, 1) is injected for tests. The delay is
 * counted from when the failed answer arrived (the worker adds it to that moment, not to the start of its round).
 */
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
  // The floor is the exponential step itself; jitter only adds (up to +25 %), so a retry is never earlier than the
  // documented backoff (issue 9: a ±20 % jitter let 503 retries come 1.6 s after a 2 s floor).
  const floor = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return { retry: true, delayMs: Math.round(floor + (Math.min(policy.maxMs, floor * 1.25) - floor) * random()) };
}
