/**
 * The reminder worker (issue 5 point 3): claims due rows atomically with a lease, so a crashed worker's claims are
 * retried after the lease and two workers never both send; sends one message per case per tick (several due points
 * after downtime become one catch-up message); retries throttling and transient failures with the row's
 * next_attempt_at, never with a long-lived timer; and records a final failure on the case.
 * `tick()` does one round and is what tests call; `start()` only polls.
 */
import { z } from 'zod';
import type { AppServices } from '../app/services.js';
import type { Case } from '../flow/case.js';
import { nextOverdueAt } from '../sla/reminderPlan.js';
import type { Reminder } from '../store/reminders.js';
import { SendError, type ChannelMessenger, type PostedMessage } from '../channel/port.js';
import { defaultRetryPolicy, retryDecision, type RetryPolicy } from './delivery.js';
import { SendLimiter } from './limiter.js';
import { reminderMessage } from './message.js';
import { deadlineFor, isOpenForReminders, type ReminderPayload } from './schedule.js';
import { policiesForCase, type TeamPolicies } from './teamPolicies.js';
import { reminderAudience, type ReminderAudience } from './quietHours.js';
import { workingTeam } from './workingPeople.js';
import { digestKind, sendDigest, ensureDigestRows } from './digest.js';
import { recordOnCase } from './caseUpdates.js';
import { recordClaim, recordReminderOutcome, recordReminderRetry, recordReminderSent, spanNames, withSpan } from '../telemetry/index.js';
import { updateThreadCard } from '../escalation/runners.js';

const payloadSchema = z.object({
  kind: z.enum(['halfway', 'before', 'due', 'overdue']),
  minutesBefore: z.number().optional(),
  mentionLeads: z.boolean().default(false),
  catchUp: z.boolean().optional(),
  missed: z.number().optional(),
  catchUpReason: z.enum(['late', 'plannedLate', 'snoozed', 'merged']).optional(),
  due: z.string(),
  clock: z.literal('partner').optional(),
});

export interface WorkerOptions {
  app: AppServices;
  messenger: ChannelMessenger;
  workerId: string;
  /** Defaults to the app's clock; tests move it. */
  clock?: () => Date;
  /** How long a claim holds before another worker may take the row (longer than one send with its timeout). */
  leaseMs?: number;
  batchSize?: number;
  /**
   * Cases handled at once within a tick (REMINDER_CONCURRENCY); the limiter paces the sends. Also the crash bound: a
   * send in flight when the process dies cannot be confirmed, so after a kill at most this many reminders go out twice.
   */
  concurrency?: number;
  retry?: RetryPolicy;
  random?: () => number;
  limiter?: SendLimiter;
  /** How often digest rows are (re)planned; every tick when 0. */
  digestPlanEveryMs?: number;
}

export interface TickResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
  superseded: number;
  /** Wall-clock lag from each sent row's due time to its delivery, in ms (for the benchmark). */
  lagsMs: number[];
}

/** A point sent more than this after its time was late (the poll interval is seconds; this is downtime or backlog). */
const lateAfterMs = 5 * 60_000;

const emptyResult = (): TickResult => ({ claimed: 0, sent: 0, retried: 0, failed: 0, skipped: 0, superseded: 0, lagsMs: [] });

export class ReminderWorker {
  private readonly clock: () => Date;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly retry: RetryPolicy;
  private readonly random: () => number;
  readonly limiter: SendLimiter;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private lastDigestPlan = -Infinity;

  constructor(private readonly opts: WorkerOptions) {
    this.clock = opts.clock ?? opts.app.clock;
    this.leaseMs = opts.leaseMs ?? 2 * 60_000;
    this.batchSize = opts.batchSize ?? 100;
    this.concurrency = opts.concurrency ?? 8;
    this.retry = opts.retry ?? defaultRetryPolicy;
    this.random = opts.random ?? Math.random;
    this.limiter = opts.limiter ?? new SendLimiter();
  }

  get id(): string {
    return this.opts.workerId;
  }

  /** Polls every `pollMs`; a tick never overlaps the previous one. Only the poll is a timer: the work is in the store. */
  start(pollMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.tick()
        .catch((err) => this.opts.app.log.error({ err }, 'reminder tick failed'))
        .finally(() => (this.running = undefined));
    }, pollMs);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  async tick(): Promise<TickResult> {
    const { app } = this.opts;
    const now = this.clock();
    const result = emptyResult();
    if (now.getTime() - this.lastDigestPlan >= (this.opts.digestPlanEveryMs ?? 10 * 60_000)) {
      this.lastDigestPlan = now.getTime();
      await ensureDigestRows(app, now).catch((err) => app.log.error({ err }, 'digest planning failed'));
    }
    const claimStart = performance.now();
    const rows = await app.store.reminders.claimDue(this.id, now.toISOString(), new Date(now.getTime() + this.leaseMs).toISOString(), this.batchSize);
    recordClaim(performance.now() - claimStart, rows.length);
    result.claimed = rows.length;
    const groups = new Map<string, Reminder[]>();
    for (const r of rows) groups.set(r.caseId, [...(groups.get(r.caseId) ?? []), r]);
    const queue = [...groups.values()];
    const workers = Array.from({ length: Math.min(this.concurrency, queue.length) }, async () => {
      for (let g = queue.shift(); g; g = queue.shift()) {
        try {
          await withSpan(spanNames.reminder, { 'reminder.kind': g.at(-1)?.kind ?? 'unknown', 'reminder.rows': g.length, 'case.id': g[0]?.caseId ?? '' }, () =>
            this.handle(g, now, result),
          );
        } catch (err) {
          app.log.error({ err, caseId: g[0]?.caseId }, 'reminder handling failed; the lease will expire and another tick retries');
        }
      }
    });
    await Promise.all(workers);
    return result;
  }

  private async handle(rows: Reminder[], now: Date, result: TickResult): Promise<void> {
    const first = rows[0];
    if (!first) return;
    if (first.kind === digestKind) {
      for (const r of rows) {
        // Once today's digest is out, the next business day's is planned at once.
        const planNext = async () => void (await ensureDigestRows(this.opts.app, new Date(now.getTime() + 1_000)));
        await this.deliver([r], now, result, () => sendDigest(this.opts.app, this.opts.messenger, this.limiter, r, now), planNext);
      }
      return;
    }
    const { app } = this.opts;
    const ids = rows.map((r) => r.id);
    const c = await app.store.cases.get(first.caseId);
    if (!c || !isOpenForReminders(c)) {
      // Closed or answered since planning: the reminders' job is done (DESIGN §2.6).
      await app.store.reminders.cancelClaimed(ids, this.id);
      if (c) await app.store.reminders.cancelForCase(c.id);
      result.skipped += rows.length;
      recordReminderOutcome(first.kind, 'skipped', rows.length);
      return;
    }
    if (c.snoozedUntil && new Date(c.snoozedUntil) > now) {
      for (const id of ids) await app.store.reminders.markRetry(id, this.id, c.snoozedUntil, 'snoozed');
      result.skipped += rows.length;
      return;
    }
    const thread = c.escalation?.thread;
    const payloads = rows.map((r) => payloadSchema.safeParse(r.payload));
    // A row planned against an earlier deadline (the SR was corrected) says the wrong thing: drop it.
    const current = rows.filter((r, i) => {
      const p = payloads[i];
      if (!p?.success) return false;
      // Each clock's points are checked against that clock's current deadline (issue 14 point 6: two clocks).
      const current = p.data.clock === 'partner' ? c.partnerResponseDue : c.initialResponseDue;
      return p.data.clock === 'partner' ? p.data.due === current : !current || p.data.due === current;
    });
    const stale = ids.filter((id) => !current.some((r) => r.id === id));
    if (stale.length) {
      await app.store.reminders.cancelClaimed(stale, this.id);
      result.skipped += stale.length;
    }
    const chosen = current.at(-1);
    if (!chosen) return;
    if (!thread) {
      await this.fail(current, c, now, result, new SendError('the case has no channel thread'));
      return;
    }
    const others = current.filter((r) => r !== chosen);
    const policies = await policiesForCase(app, c);
    const audience = await this.audienceFor(c, chosen, policies, now);
    if (!audience.send) {
      // Quiet hours: the owner's morning is still early enough for this point; the row comes due again then.
      for (const r of current) await app.store.reminders.markRetry(r.id, this.id, audience.waitUntil.toISOString(), 'quiet hours: waits for the owner\'s working hours');
      result.skipped += current.length;
      return;
    }
    const alsoMissed = await app.store.reminders.supersedePendingDue(c.id, now.toISOString());
    result.superseded += alsoMissed;
    const base = payloadSchema.parse(chosen.payload) as ReminderPayload;
    const missed = others.length + alsoMissed;
    // "Could not be sent on time" only when sending really fell behind: an attempt failed, or a merged point is well
    // past its time (downtime). Points that merely fell due together, or were planned as a catch-up, keep their reason.
    const behind =
      alsoMissed > 0 ||
      current.some((r) => r.attempts > 1 || now.getTime() - Date.parse(r.dueAt) > lateAfterMs);
    const reason: ReminderPayload['catchUpReason'] = behind ? 'late' : (base.catchUpReason ?? 'merged');
    const payload: ReminderPayload = missed > 0 ? { ...base, catchUp: true, missed: (base.missed ?? 0) + missed, catchUpReason: reason } : base.catchUp && behind ? { ...base, catchUpReason: 'late' } : base;
    const posted: PostedMessage = { serviceUrl: thread.serviceUrl, tenantId: thread.tenantId, conversationId: thread.conversationId, activityId: thread.rootActivityId };

    await this.deliver(
      current,
      now,
      result,
      async () => {
        const { content } = reminderMessage(c, payload, policies, this.clock(), audience);
        await this.limiter.acquire(thread.tenantId, thread.conversationId);
        await this.opts.messenger.reply(posted, content);
      },
      async () => {
        if (others.length) await app.store.reminders.supersede(others.map((r) => r.id), now.toISOString());
        result.superseded += others.length;
        await this.afterSent(c, payload, policies, now);
      },
      c,
    );
  }

  /** Quiet hours (issue 13) for the point this tick would send: who to mention, or until when it waits. */
  private async audienceFor(c: Case, chosen: Reminder, policies: TeamPolicies, now: Date): Promise<ReminderAudience> {
    const p = payloadSchema.parse(chosen.payload);
    const { owner, leads } = await workingTeam(this.opts.app, c, policies);
    return reminderAudience({
      severity: c.serviceRequest?.severity ?? c.intake?.severity ?? 'B',
      kind: p.kind,
      pointAt: new Date(chosen.dueAt),
      ...(p.minutesBefore !== undefined ? { minutesBefore: p.minutesBefore } : {}),
      due: new Date(c.initialResponseDue ?? p.due),
      now,
      owner,
      leads,
      leadsAfterBreach: p.mentionLeads || policies.reminders.mentionLeadsAfterBreach,
    });
  }

  /** Sends; on success marks the chosen (last) row sent; on failure retries or fails every row of the group. */
  private async deliver(rows: Reminder[], now: Date, result: TickResult, send: () => Promise<void>, onSent: () => Promise<void>, c?: Case): Promise<void> {
    const { app } = this.opts;
    const chosen = rows.at(-1)!;
    try {
      await send();
    } catch (err) {
      const failure = err instanceof SendError ? err : new SendError(err instanceof Error ? err.message : String(err));
      const decision = retryDecision(failure, chosen.attempts, this.retry, this.random);
      if (decision.retry) {
        // Counted from when the answer arrived, not from the start of this round: with a slow round the gap between a
        // 429 and the next attempt would otherwise be shorter than Retry-After (issue 9 point 4).
        const answeredAt = this.clock().getTime();
        const next = new Date(Math.max(now.getTime(), answeredAt) + decision.delayMs).toISOString();
        for (const r of rows) await app.store.reminders.markRetry(r.id, this.id, next, `${failure.status ?? 'no status'}: ${failure.message}`);
        result.retried += rows.length;
        recordReminderRetry(failure.status);
        recordReminderOutcome(chosen.kind, 'retried', rows.length);
        app.log.warn({ caseId: chosen.caseId, status: failure.status, attempts: chosen.attempts, next }, 'reminder send failed; will retry');
        return;
      }
      await this.fail(rows, c, now, result, failure);
      return;
    }
    const settled = await app.store.reminders.markSent(chosen.id, this.id, this.clock().toISOString());
    if (!settled) app.log.warn({ id: chosen.id }, 'reminder sent after its lease ran out');
    result.sent++;
    result.lagsMs.push(Date.now() - Date.parse(chosen.dueAt));
    recordReminderSent(chosen.kind, this.clock().getTime() - Date.parse(chosen.dueAt));
    await onSent();
  }

  private async fail(rows: Reminder[], c: Case | undefined, now: Date, result: TickResult, failure: SendError): Promise<void> {
    const { app } = this.opts;
    const reason = `${failure.status ?? 'no status'}: ${failure.message}`.slice(0, 300);
    for (const r of rows) await app.store.reminders.markFailed(r.id, this.id, reason);
    result.failed += rows.length;
    recordReminderOutcome(rows.at(-1)?.kind ?? 'unknown', 'failed', rows.length);
    app.log.error({ caseId: rows[0]?.caseId, reason }, 'reminder delivery failed for good');
    if (c) {
      await recordOnCase(app, c.id, now, 'reminder.failed', { reason, kind: rows.at(-1)?.kind }, (x) => ({ ...x, reminderFailure: `${now.toISOString()} ${reason}` }));
    }
  }

  private async afterSent(c: Case, payload: ReminderPayload, policies: Awaited<ReturnType<typeof policiesForCase>>, now: Date): Promise<void> {
    const { app } = this.opts;
    const due = c.initialResponseDue ? new Date(c.initialResponseDue) : undefined;
    await recordOnCase(app, c.id, now, 'reminder.sent', { kind: payload.kind, catchUp: payload.catchUp ?? false, missed: payload.missed ?? 0 }, (x) => {
      if (!x.reminderFailure) return undefined;
      const { reminderFailure: _cleared, ...rest } = x;
      return rest;
    });
    // Past the deadline the next overdue point is inserted only now, so the repetition is rows, never a timer.
    if (due && now >= due && !(await app.store.reminders.hasLaterPoint(c.id, now.toISOString()))) {
      const d = deadlineFor(c, policies);
      const at = nextOverdueAt(due, now, policies.reminders, {
        filedAt: c.serviceRequest ? new Date(c.serviceRequest.filedAt) : undefined,
        ...(d?.businessHours ? { calendar: policies.calendar } : {}),
      });
      await app.store.reminders.add(
        [{ caseId: c.id, tenantId: c.tenantId, kind: 'overdue', dueAt: at.toISOString(), payload: { kind: 'overdue', mentionLeads: policies.reminders.mentionLeadsAfterBreach, due: due.toISOString() } satisfies ReminderPayload }],
        now.toISOString(),
      );
    }
    const fresh = (await app.store.cases.get(c.id)) ?? c;
    try {
      await this.limiter.acquire(c.escalation?.thread?.tenantId ?? c.tenantId, c.escalation?.thread?.conversationId);
      await updateThreadCard({ type: 'updateThreadCard' }, fresh, undefined, app);
    } catch (err) {
      app.log.warn({ err, caseId: c.id }, 'thread card update after reminder failed');
    }
  }
}
