/**
 * Client-side pacing under Teams' limits (domain-facts §4.1): 7 sends per second per bot per thread, and 50 requests
 * per second per app per tenant. Sliding one-second windows; a send waits for room instead of drawing a 429.
 * Real elapsed time, not the injected business clock: the limits are about the wire.
 */
export interface LimiterOptions {
  perThread: number;
  perTenant: number;
  windowMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const teamsLimits: LimiterOptions = { perThread: 7, perTenant: 50, windowMs: 1_000 };

export class SendLimiter {
  private readonly windows = new Map<string, number[]>();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Sends are admitted one at a time, so two concurrent acquires cannot both take the last slot. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly opts: LimiterOptions = teamsLimits) {
    this.now = opts.now ?? (() => performance.now());
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Resolves when one more request to `thread` in `tenant` stays under both limits; records it. */
  acquire(tenant: string, thread?: string): Promise<void> {
    const run = this.queue.then(() => this.admit(tenant, thread));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async admit(tenant: string, thread?: string): Promise<void> {
    const keys: [string, number][] = [[`tenant:${tenant}`, this.opts.perTenant]];
    if (thread) keys.push([`thread:${thread}`, this.opts.perThread]);
    for (;;) {
      const now = this.now();
      let wait = 0;
      for (const [key, limit] of keys) {
        const w = this.prune(key, now);
        if (w.length >= limit) wait = Math.max(wait, (w[w.length - limit] ?? now) + this.opts.windowMs - now);
      }
      if (wait <= 0) {
        for (const [key] of keys) this.windows.get(key)?.push(now) ?? this.windows.set(key, [now]);
        return;
      }
      await this.sleep(wait);
    }
  }

  private prune(key: string, now: number): number[] {
    const w = this.windows.get(key) ?? [];
    let i = 0;
    while (i < w.length && (w[i] ?? 0) <= now - this.opts.windowMs) i++;
    const kept = i ? w.slice(i) : w;
    if (kept.length) this.windows.set(key, kept);
    else this.windows.delete(key);
    return kept;
  }
}
