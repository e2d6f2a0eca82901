import type { HealthFailureReason, SourceResult } from './provider.js';

/** The subset of `fetch` the providers use; injected so tests and proxies can stand in for the network. */
export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

export interface RetryOptions {
  /** Longest wait we accept from a `Retry-After`; past it we still retry once, sooner, rather than blow the provider's timeout. */
  retryAfterCapMs: number;
  signal?: AbortSignal;
  /** Wall clock for HTTP-date `Retry-After` values. */
  nowMs?: () => number;
}

/** Wait when a throttled or failing answer names no `Retry-After`. */
const defaultRetryDelayMs = 1000;

export function isRetryable(status: number): boolean {
  return status === 429 || status >= 500;
}

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3); the result is clamped to [0, cap]. */
export function retryDelayMs(header: string | null, capMs: number, nowMs: number): number {
  let ms = defaultRetryDelayMs;
  const value = header?.trim();
  if (value) {
    if (/^\d+$/.test(value)) ms = Number(value) * 1000;
    else {
      const at = Date.parse(value);
      if (!Number.isNaN(at)) ms = at - nowMs;
    }
  }
  return Math.min(Math.max(ms, 0), capMs);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Graph and ARM both ask clients to back off on 429 and tolerate transient 5xx; one retry is enough
 * for an interactive card: the agent can press "check again" (issue 6, Resilience).
 */
export async function fetchWithRetry(fetchImpl: FetchLike, url: string, init: RequestInit, opts: RetryOptions): Promise<Response> {
  const withSignal: RequestInit = opts.signal ? { ...init, signal: opts.signal } : init;
  const first = await fetchImpl(url, withSignal);
  if (!isRetryable(first.status)) return first;
  const delay = retryDelayMs(first.headers.get('retry-after'), opts.retryAfterCapMs, (opts.nowMs ?? Date.now)());
  await first.body?.cancel().catch(() => undefined);
  await sleep(delay, opts.signal);
  return fetchImpl(url, withSignal);
}

export function reasonForStatus(status: number): HealthFailureReason {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 429) return 'throttled';
  return 'serverError';
}

export class HealthTimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'HealthTimeoutError';
  }
}

/** A thrown fetch error, in our reason codes: our own abort is a timeout, anything else the network. */
export function reasonForError(err: unknown, signal?: AbortSignal): HealthFailureReason {
  if (signal?.aborted || err instanceof HealthTimeoutError) return 'timeout';
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return 'timeout';
  return 'network';
}

/**
 * Runs one provider with its own deadline. The provider gets an AbortSignal, but we also stop waiting
 * ourselves, so a provider that ignores the signal cannot hold the health step hostage.
 */
export async function withTimeout(
  ms: number,
  run: (signal: AbortSignal) => Promise<SourceResult>,
  onTimeout: () => SourceResult,
): Promise<SourceResult> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<SourceResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new HealthTimeoutError(ms));
      resolve(onTimeout());
    }, ms);
  });
  try {
    return await Promise.race([run(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Short per-tenant memory of successful answers, so a busy team re-opening cards does not hammer Graph
 * (issue 6: about two minutes). Failures are not kept: "check again" must really check again.
 */
export class HealthCache {
  private readonly entries = new Map<string, { at: number; result: SourceResult }>();

  constructor(
    readonly ttlMs: number,
    private readonly maxEntries = 1000,
  ) {}

  get(key: string, now: Date): SourceResult | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    const age = now.getTime() - hit.at;
    if (age < 0 || age >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.result;
  }

  set(key: string, result: SourceResult, now: Date): void {
    if (!result.ok) return;
    if (this.entries.size >= this.maxEntries) {
      for (const [k, v] of this.entries) if (now.getTime() - v.at >= this.ttlMs) this.entries.delete(k);
      if (this.entries.size >= this.maxEntries) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
    }
    this.entries.set(key, { at: now.getTime(), result });
  }

  clear(): void {
    this.entries.clear();
  }
}
