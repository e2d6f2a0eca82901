import type { Span } from '@opentelemetry/api';

export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface Queued<J, R> {
  job: J;
  span: Span | undefined;
  resolve: (r: R) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit (issue 11): the jobs asked for while the event loop handles one round of I/O (many agents clicking at
 * once) are handed to `run` together, so the store does one transaction or one round trip for all of them instead
 * of one each; the cost per click falls as the load rises. Every job keeps its own outcome. A lone job waits one
 * event-loop turn (setImmediate). Jobs with the same key (`keyOf`, e.g. the case id) never share a batch: the
 * later one goes in the next, so each sees the one before it exactly as if they had run one after the other.
 */
export class EventLoopBatcher<J, R> {
  private queue: Array<Queued<J, R>> = [];
  private scheduled = false;

  constructor(
    private readonly run: (jobs: J[]) => Promise<Array<Settled<R>>>,
    private readonly keyOf?: (job: J) => string,
  ) {}

  /** `span`: started by the caller in its own context (the turn's), which the batch no longer has; ended here. */
  submit(job: J, span?: Span): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ job, span, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    let batch = this.queue;
    this.queue = [];
    if (this.keyOf) {
      const seen = new Set<string>();
      const now: Array<Queued<J, R>> = [];
      for (const q of batch) {
        const key = this.keyOf(q.job);
        if (seen.has(key)) this.queue.push(q);
        else {
          seen.add(key);
          now.push(q);
        }
      }
      batch = now;
      if (this.queue.length) this.schedule();
    }
    let outcomes: Array<Settled<R>>;
    try {
      outcomes = await this.run(batch.map((q) => q.job));
    } catch (error) {
      outcomes = batch.map(() => ({ ok: false, error }));
    }
    batch.forEach((q, i) => {
      q.span?.end();
      const o = outcomes[i] ?? { ok: false, error: new Error('batch returned no outcome for this job') };
      if (o.ok) q.resolve(o.value);
      else q.reject(o.error);
    });
  }
}

/** Runs `one` per job, each settling on its own: the fallback when a shared batch failed. */
export async function oneByOne<J, R>(jobs: J[], one: (job: J) => Promise<R>): Promise<Array<Settled<R>>> {
  return Promise.all(
    jobs.map((job) =>
      one(job).then(
        (value): Settled<R> => ({ ok: true, value }),
        (error: unknown): Settled<R> => ({ ok: false, error }),
      ),
    ),
  );
}
