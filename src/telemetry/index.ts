/**
 * Telemetry facade (issue 12 point 6): plain functions the HTTP/Teams layers, the store and the reminder worker call.
 * Until `bindTelemetry` runs (src/telemetry/setup.ts, only when an exporter is configured) every function is a no-op
 * that touches no OpenTelemetry object, so a bot without telemetry pays a branch per call and nothing else.
 *
 * What goes into attributes: only values from closed sets the code owns (activity type, registered verb, outcome,
 * case step, reminder kind, HTTP status code, store operation and table). Never user text, names, tokens, service
 * URLs or conversation ids. The partner's tenant id is left out altogether: a deployment serves one partner (usually
 * ALLOWED_TENANT_IDS is that one tenant), so it would add an identifier to every point and no insight; the case id
 * (random, not typed by anyone) is on spans for finding one case's trace.
 */
import type { Attributes, Counter, Histogram, Meter, ObservableGauge, SpanKind, Tracer } from '@opentelemetry/api';
import { otelApi } from './api.js';

/** Metric names: the README "Operate" section explains each; tests/telemetry checks they are exported. */
export const metricNames = {
  turns: 'supportdesk.turns',
  turnDuration: 'supportdesk.turn.duration',
  cardActions: 'supportdesk.card_actions',
  sends: 'supportdesk.sends',
  reminderLag: 'supportdesk.reminder.lag',
  reminderOutcomes: 'supportdesk.reminders',
  reminderRetries: 'supportdesk.reminder.retries',
  reminderClaimDuration: 'supportdesk.reminder.claim.duration',
  openCases: 'supportdesk.cases.open',
} as const;

export const spanNames = {
  turn: 'turn',
  cardAction: 'card_action',
  reminder: 'reminder.deliver',
  reminderClaim: 'reminder.claim',
  /** `store <operation> <table>`, e.g. `store select cases`. */
  storePrefix: 'store',
  /** `connector <operation>`: startThread, reply, update (proactive sends through the Bot Connector). */
  connectorPrefix: 'connector',
} as const;

interface Bound {
  tracer: Tracer;
  meter: Meter;
  turns: Counter;
  turnDuration: Histogram;
  cardActions: Counter;
  sends: Counter;
  reminderLag: Histogram;
  reminderOutcomes: Counter;
  reminderRetries: Counter;
  claimDuration: Histogram;
  openCases?: ObservableGauge;
}

let bound: Bound | undefined;

export const telemetryEnabled = (): boolean => bound !== undefined;

/** Called once by setup with the providers' meter and tracer. */
export function bindTelemetry(meter: Meter, tracer: Tracer): void {
  bound = {
    tracer,
    meter,
    turns: meter.createCounter(metricNames.turns, { description: 'Activities received on /api/messages, by activity type and HTTP status answered' }),
    turnDuration: meter.createHistogram(metricNames.turnDuration, { unit: 'ms', description: 'Time to process one activity, by activity type' }),
    cardActions: meter.createCounter(metricNames.cardActions, { description: 'Card actions (Action.Execute / Action.Submit), by verb and outcome' }),
    sends: meter.createCounter(metricNames.sends, { description: 'Proactive sends to the Bot Connector, by operation, outcome and HTTP status' }),
    reminderLag: meter.createHistogram(metricNames.reminderLag, { unit: 'ms', description: 'From a reminder being due to it being sent, by reminder kind' }),
    reminderOutcomes: meter.createCounter(metricNames.reminderOutcomes, { description: 'Reminder rows handled by the worker, by kind and outcome (sent, retried, failed, skipped)' }),
    reminderRetries: meter.createCounter(metricNames.reminderRetries, { description: 'Reminder sends scheduled for another attempt, by HTTP status (none = timeout or no answer)' }),
    claimDuration: meter.createHistogram(metricNames.reminderClaimDuration, { unit: 'ms', description: 'Time of one atomic claim of due reminders' }),
  };
}

export function unbindTelemetry(): void {
  bound = undefined;
}

/** Runs `fn` inside a span (a child of the active one); when telemetry is off, just runs it. */
export async function withSpan<T>(name: string, attributes: Attributes, fn: () => Promise<T>, kind?: SpanKind): Promise<T> {
  const b = bound;
  if (!b) return fn();
  const api = otelApi();
  return b.tracer.startActiveSpan(name, { kind: kind ?? api.SpanKind.INTERNAL, attributes }, async (span) => {
    try {
      return await fn();
    } catch (err) {
      // The error's class and status only: messages can carry connector bodies or user text.
      const status = (err as { status?: unknown; statusCode?: unknown }).status ?? (err as { statusCode?: unknown }).statusCode;
      span.setAttribute('error.type', err instanceof Error ? err.constructor.name || err.name : 'unknown');
      if (typeof status === 'number') span.setAttribute('http.response.status_code', status);
      span.setStatus({ code: api.SpanStatusCode.ERROR });
      throw err;
    } finally {
      span.end();
    }
  });
}

/** One inbound activity: the root span of the turn (SERVER kind), the turns counter and the duration histogram. */
export async function inTurn<T>(activityType: string, fn: () => Promise<T>, statusOf: () => number | undefined): Promise<T> {
  const b = bound;
  if (!b) return fn();
  const start = performance.now();
  const type = activityTypes.has(activityType) ? activityType : 'other';
  try {
    return await withSpan(`${spanNames.turn} ${type}`, { 'activity.type': type }, fn, otelApi().SpanKind.SERVER);
  } finally {
    const status = statusOf();
    b.turns.add(1, { 'activity.type': type, ...(status ? { 'http.response.status_code': status } : {}) });
    b.turnDuration.record(performance.now() - start, { 'activity.type': type });
  }
}

const activityTypes = new Set(['message', 'invoke', 'conversationUpdate', 'installationUpdate', 'messageReaction', 'event', 'typing']);

/** A card action: `verb` must be a registered verb (or 'unknown'), never what the client sent. */
export function recordCardAction(verb: string, outcome: 'ok' | 'error', via: string): void {
  bound?.cardActions.add(1, { verb, outcome, via });
}

/** Marks the active span (the turn) with the verb, so traces can be filtered by it. */
export function annotateTurn(attributes: Attributes): void {
  if (bound) otelApi().trace.getActiveSpan()?.setAttributes(attributes);
}

export function recordSend(operation: string, outcome: 'sent' | 'failed', status?: number): void {
  bound?.sends.add(1, { operation, outcome, ...(status ? { 'http.response.status_code': status } : {}) });
}

export function recordReminderSent(kind: string, lagMs: number): void {
  if (!bound) return;
  bound.reminderOutcomes.add(1, { kind, outcome: 'sent' });
  bound.reminderLag.record(Math.max(0, lagMs), { kind });
}

export function recordReminderOutcome(kind: string, outcome: 'retried' | 'failed' | 'skipped', count = 1): void {
  bound?.reminderOutcomes.add(count, { kind, outcome });
}

export function recordReminderRetry(status: number | undefined): void {
  bound?.reminderRetries.add(1, { 'http.response.status_code': status ?? 0 });
}

export function recordClaim(ms: number, claimed: number): void {
  bound?.claimDuration.record(ms, { claimed: claimed > 0 });
}

/**
 * Open cases by step, read from the store when the metric reader collects (every export interval), not per turn.
 * Returns the way to stop observing, for an app that closes its store before the last export.
 */
export function observeOpenCases(count: () => Promise<Record<string, number>>): () => void {
  const b = bound;
  if (!b) return () => undefined;
  const gauge = (b.openCases ??= b.meter.createObservableGauge(metricNames.openCases, { description: 'Open cases by step (all instances, from the store)' }));
  const callback = async (result: { observe(value: number, attributes: Attributes): void }) => {
    // A store that cannot answer now reports nothing for this interval rather than failing the whole export.
    const byStep = await count().catch(() => undefined);
    for (const [step, n] of Object.entries(byStep ?? {})) result.observe(n, { step });
  };
  gauge.addCallback(callback);
  return () => gauge.removeCallback(callback);
}
