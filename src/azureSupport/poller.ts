/**
 * The one poll loop for every tracked Azure ticket (issue 14 point 4). Like the reminder worker: due rows are claimed
 * from the store with a lease (several instances share the loop; a crashed one's claims are retried after the
 * lease), each ticket is read once, and the row goes back with its next due time: the regular interval, or
 * Microsoft's Retry-After after a 429. No timer per ticket: the only timer is the loop's own tick.
 * When Microsoft has responded (engineer assigned or a Microsoft communication), "Microsoft responded" is recorded
 * through the same transition as the button (src/reminders/transitions.ts), which cancels the reminders.
 */
import type { AppServices } from '../app/services.js';
import type { Case } from '../flow/case.js';
import type { Effect } from '../flow/effects.js';
import { botActor } from '../reminders/caseUpdates.js';
import { recordMicrosoftResponse } from '../reminders/transitions.js';
import { AzureSupportError, type AzureSupport, type Communication } from './port.js';
import { isClosedStatus, refreshedTicket, responseEvidence, targetOf, visiblyChanged } from './tracking.js';

/** Runs a stored case's effects (cancel reminders, update the thread card) and stores what they learned. Wired in src/app/. */
export type ApplyEffects = (effects: Effect[], c: Case) => Promise<void>;

export interface TicketPollerOptions {
  app: AppServices;
  /** An adapter that never sleeps on Retry-After (retryAfterCapMs 0): a throttled read goes back to the store instead. */
  support: AzureSupport;
  applyEffects: ApplyEffects;
  workerId: string;
  clock?: () => Date;
  intervalMs: number;
  leaseMs: number;
  batchSize?: number;
  /** Reads that failed for good reasons (no access, ticket gone) this many times in a row stop the polling. */
  maxFailures?: number;
}

export interface PollResult {
  claimed: number;
  read: number;
  responded: number;
  throttled: number;
  failed: number;
  finished: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** The responded transition reads a date and an HH:MM time; rounded UP so a response is never before the filing minute. */
function utcInputs(at: Date): { respondedDate: string; respondedTime: string } {
  const up = new Date(Math.ceil(at.getTime() / 60_000) * 60_000);
  return { respondedDate: up.toISOString().slice(0, 10), respondedTime: `${pad(up.getUTCHours())}:${pad(up.getUTCMinutes())}` };
}

export class AzureTicketPoller {
  private readonly clock: () => Date;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(private readonly opts: TicketPollerOptions) {
    this.clock = opts.clock ?? opts.app.clock;
  }

  start(loopMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.tick()
        .catch((err) => this.opts.app.log.error({ err }, 'azure ticket poll failed'))
        .finally(() => (this.running = undefined));
    }, loopMs);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  async tick(): Promise<PollResult> {
    const { app } = this.opts;
    const now = this.clock();
    const result: PollResult = { claimed: 0, read: 0, responded: 0, throttled: 0, failed: 0, finished: 0 };
    const rows = await app.store.azureTickets.claimDue(this.opts.workerId, now.toISOString(), new Date(now.getTime() + this.opts.leaseMs).toISOString(), this.opts.batchSize ?? 50);
    result.claimed = rows.length;
    // One at a time: a tick reads a few tickets, and Microsoft.Support throttles per tenant, not per ticket.
    for (const row of rows) {
      try {
        await this.poll(row.caseId, row.attempts, now, result);
      } catch (err) {
        app.log.error({ err, caseId: row.caseId }, 'azure ticket poll failed; the lease will expire and another tick retries');
      }
    }
    return result;
  }

  private async poll(caseId: string, attempts: number, now: Date, result: PollResult): Promise<void> {
    const { app, support } = this.opts;
    const at = now.toISOString();
    const c = await app.store.cases.get(caseId);
    const target = c ? targetOf(c) : undefined;
    if (!c || !c.azureTicket || !target || c.closed || c.step === 'closed' || c.microsoftRespondedAt) {
      await app.store.azureTickets.finish(caseId, 'done', at);
      result.finished++;
      return;
    }
    const name = c.azureTicket.name;
    let comms: Communication[] = [];
    let ticket;
    try {
      ticket = await support.getTicket(target, name);
      // The engineer field answers in one read; communications only when it does not.
      if (!ticket.engineerEmail) comms = await support.listCommunications(target, name);
    } catch (err) {
      await this.failed(c, err, attempts, now, result);
      return;
    }
    result.read++;
    const filedAt = new Date(c.serviceRequest?.filedAt ?? ticket.createdDate ?? c.azureTicket.trackedAt);
    const evidence = responseEvidence(ticket, comms, filedAt, now);
    const refreshed = refreshedTicket(c.azureTicket, ticket, now);

    if (evidence && c.serviceRequest) {
      const t = recordMicrosoftResponse({ ...c, azureTicket: refreshed }, utcInputs(evidence.at), { now, actor: botActor, timeZone: 'UTC' });
      if (t.ok) {
        const detail = { ...t.event.detail, source: 'azureSupportApi', evidence: evidence.evidence, ticket: refreshed.supportTicketId ?? name };
        const saved = await app.store.cases.save(t.case, c.version, [{ caseId, version: t.case.version, at, actor: botActor, kind: t.event.kind, detail }]);
        if (saved === 'saved') {
          await this.opts.applyEffects(t.effects, t.case);
          await app.store.azureTickets.finish(caseId, 'done', at);
          app.log.info({ caseId, evidence: evidence.evidence, at: evidence.at.toISOString() }, 'Microsoft responded (Azure Support API)');
          result.responded++;
          result.finished++;
          return;
        }
        // Someone changed the case meanwhile: read again on the next tick, from the fresh version.
        await app.store.azureTickets.reschedule(caseId, this.opts.workerId, at, at);
        return;
      }
      app.log.warn({ caseId, errors: t.errors }, 'Microsoft responded per the API but the case refused the transition');
    }

    // A ticket filed while Microsoft was still creating it carried its resource name as the SR number: now its number.
    const renumber = c.serviceRequest && c.azureTicket.pending && ticket.supportTicketId && c.serviceRequest.number === name;
    if (renumber || visiblyChanged(c.azureTicket, refreshed) || !c.azureTicket.lastPolledAt) {
      const serviceRequest = renumber ? { ...c.serviceRequest!, number: ticket.supportTicketId! } : c.serviceRequest;
      await this.store(c, { ...c, azureTicket: refreshed, ...(serviceRequest ? { serviceRequest } : {}) }, now, 'azure.ticketRead', { status: ticket.status, slaExpiresAt: ticket.slaExpiresAt ?? null }, visiblyChanged(c.azureTicket, refreshed));
    }
    if (isClosedStatus(ticket.status)) {
      await app.store.azureTickets.finish(caseId, 'done', at, 'ticket closed at Microsoft');
      result.finished++;
      return;
    }
    await app.store.azureTickets.reschedule(caseId, this.opts.workerId, new Date(now.getTime() + this.opts.intervalMs).toISOString(), at);
  }

  private async failed(c: Case, err: unknown, attempts: number, now: Date, result: PollResult): Promise<void> {
    const { app } = this.opts;
    const at = now.toISOString();
    const e = err instanceof AzureSupportError ? err : new AzureSupportError('network', err instanceof Error ? err.message : String(err));
    if (e.reason === 'throttled' || e.extra.status === 429) {
      // Microsoft said when to come back: the row is due again exactly then, never sooner.
      const wait = Math.max(e.extra.retryAfterMs ?? this.opts.intervalMs, 1_000);
      await app.store.azureTickets.reschedule(c.id, this.opts.workerId, new Date(now.getTime() + wait).toISOString(), at, `throttled: ${e.message}`);
      result.throttled++;
      return;
    }
    result.failed++;
    // A ticket just filed may not be readable yet; everything else is shown on the thread card until a read works.
    const expected = e.reason === 'notFound' && c.azureTicket?.pending;
    if (!expected && c.azureTicket && c.azureTicket.lastProblem !== e.reason) {
      await this.store(c, { ...c, azureTicket: { ...c.azureTicket, lastProblem: e.reason } }, now, 'azure.ticketReadFailed', { reason: e.reason, detail: e.message.slice(0, 300) }, true);
    }
    app.log.warn({ caseId: c.id, reason: e.reason, attempts }, 'azure ticket read failed');
    const permanent = e.reason === 'unauthorized' || e.reason === 'forbidden' || e.reason === 'notFound' || e.reason === 'malformed';
    if (permanent && attempts >= (this.opts.maxFailures ?? 12)) {
      await app.store.azureTickets.finish(c.id, 'stopped', at, `${e.reason}: ${e.message}`);
      result.finished++;
      return;
    }
    // Transient trouble: back off up to an hour, doubling from the regular interval.
    const backoff = Math.min(this.opts.intervalMs * 2 ** Math.min(Math.max(attempts - 1, 0), 4), 3_600_000);
    await app.store.azureTickets.reschedule(c.id, this.opts.workerId, new Date(now.getTime() + backoff).toISOString(), at, `${e.reason}: ${e.message}`);
  }

  /** Stores the refreshed case with the version check (retried on conflict from the fresh version) and updates the card. */
  private async store(c: Case, next: Case, now: Date, kind: string, detail: Record<string, unknown>, updateCard: boolean): Promise<void> {
    const { app } = this.opts;
    let base = c;
    let wanted = next;
    for (let attempt = 0; attempt < 3; attempt++) {
      const saved: Case = { ...wanted, version: base.version + 1, updatedAt: now.toISOString(), updatedBy: botActor };
      const r = await app.store.cases.save(saved, base.version, [{ caseId: c.id, version: saved.version, at: now.toISOString(), actor: botActor, kind, detail }]);
      if (r === 'saved') {
        if (updateCard && saved.escalation?.thread) await this.opts.applyEffects([{ type: 'updateThreadCard' }], saved);
        return;
      }
      const fresh = await app.store.cases.get(c.id);
      if (!fresh || !fresh.azureTicket) return;
      base = fresh;
      wanted = { ...fresh, azureTicket: next.azureTicket! };
    }
  }
}
