import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReminderMessenger } from '../../src/teams/reminderConnector.js';
import { SendLimiter } from '../../src/reminders/limiter.js';
import { ReminderWorker } from '../../src/reminders/worker.js';
import { metricNames } from '../../src/telemetry/index.js';
import { startTelemetry, type Telemetry } from '../../src/telemetry/setup.js';
import { tracedSender } from '../../src/telemetry/tracedSender.js';
import { execute, tenantId } from '../support/activities.js';
import { startHarness, type Harness } from '../support/botHarness.js';
import { escalatedCase, fileCase, owner } from '../reminders/fixtures.js';
import { CollectorStub } from './collector.js';

/**
 * Issue 12 acceptance: with OTEL_EXPORTER_OTLP_ENDPOINT pointing at a collector stand-in, a card action and a
 * reminder (one failed attempt, then sent) produce the named metrics and spans, and no user text gets into them.
 */
const filed = '2026-11-20T02:00:00.000Z';
let collector: CollectorStub;
let telemetry: Telemetry;
let h: Harness;

beforeAll(async () => {
  collector = await new CollectorStub().start();
  telemetry = await startTelemetry(
    { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_SERVICE_NAME: 'csp-desk-test', OTEL_METRIC_EXPORT_INTERVAL: 600_000, APPLICATIONINSIGHTS_CONNECTION_STRING: undefined },
    pino({ level: 'silent' }),
  );
  // Started after telemetry, as src/index.ts does, so the store is built with its span plugin.
  h = await startHarness({ now: filed });
});
afterAll(async () => {
  await h?.close();
  await collector?.stop();
});

describe('OpenTelemetry over OTLP/HTTP', () => {
  it('a card action and a reminder produce the named metrics and a trace per turn through store and connector', async () => {
    expect(telemetry.mode).toBe('otlp');
    const app = h.app.services;

    // A card action: Action.Execute "New case" (the intake card comes back in the invoke response).
    const res = await h.post(execute('case.new', {}, { serviceUrl: h.stub.url }));
    expect(res.status).toBe(200);

    // A reminder: Sev A filed at 02:00, halfway point at 03:00. The first send gets a 503 (retry), the next one goes out.
    const c = await fileCase(app, escalatedCase({ id: 'TM-0001', serviceUrl: h.stub.url, filedAt: filed, severity: 'A' }));
    const worker = new ReminderWorker({
      app,
      messenger: tracedSender(createReminderMessenger(app.env, pino({ level: 'silent' })), ['startThread', 'reply', 'update']),
      workerId: 'telemetry-test',
      clock: () => h.clock.now,
      random: () => 0.5,
      limiter: new SendLimiter({ perThread: 1_000, perTenant: 1_000, windowMs: 1_000 }),
      digestPlanEveryMs: 600_000_000,
    });
    h.stub.failNext({ status: 503, op: 'reply' });
    h.clock.set('2026-11-20T03:00:00.000Z');
    expect(await worker.tick()).toMatchObject({ retried: 1, sent: 0 });
    h.clock.set('2026-11-20T03:05:00.000Z');
    expect(await worker.tick()).toMatchObject({ sent: 1 });

    // Shutdown flushes the last metrics and the span batch, as SIGTERM does.
    await telemetry.shutdown();

    expect(collector.requests.every((r) => r.contentType.startsWith('application/json'))).toBe(true);
    expect(collector.resources()).toContainEqual(expect.objectContaining({ 'service.name': 'csp-desk-test' }));

    const points = collector.points();
    const point = (name: string, attributes: Record<string, unknown> = {}) =>
      points.find((p) => p.name === name && Object.entries(attributes).every(([k, v]) => p.attributes[k] === v));
    const value = (p: { point: any } | undefined) => Number(p?.point.asInt ?? p?.point.asDouble);
    expect(value(point(metricNames.turns, { 'activity.type': 'invoke', 'http.response.status_code': 200 }))).toBe(1);
    expect(point(metricNames.turnDuration, { 'activity.type': 'invoke' })).toBeDefined();
    expect(value(point(metricNames.cardActions, { verb: 'case.new', outcome: 'ok', via: 'execute' }))).toBe(1);
    const lag = point(metricNames.reminderLag, { kind: 'halfway' });
    expect(Number(lag?.point.count)).toBe(1);
    expect(Number(lag?.point.sum)).toBe(5 * 60_000); // due 03:00, sent 03:05 (the injected clock)
    expect(value(point(metricNames.reminderRetries, { 'http.response.status_code': 503 }))).toBe(1);
    expect(value(point(metricNames.reminderOutcomes, { kind: 'halfway', outcome: 'retried' }))).toBe(1);
    expect(value(point(metricNames.reminderOutcomes, { kind: 'halfway', outcome: 'sent' }))).toBe(1);
    expect(value(point(metricNames.sends, { operation: 'reply', outcome: 'failed', 'http.response.status_code': 503 }))).toBe(1);
    expect(value(point(metricNames.sends, { operation: 'reply', outcome: 'sent' }))).toBeGreaterThanOrEqual(1);
    expect(Number(point(metricNames.reminderClaimDuration, { claimed: true })?.point.count)).toBe(2);
    // The new case sits at intake; the filed one is escalated.
    expect(value(point(metricNames.openCases, { step: 'intake' }))).toBe(1);
    expect(value(point(metricNames.openCases, { step: 'escalated' }))).toBe(1);
    expect(value(point(metricNames.openCases, { step: 'decide' }))).toBe(0);

    const spans = collector.spans();
    const turn = spans.find((s) => s.name === 'turn invoke');
    expect(turn).toMatchObject({ kind: 2, attributes: { 'activity.type': 'invoke', verb: 'case.new', via: 'execute' } }); // SERVER
    expect(turn!.parentSpanId).toBeUndefined();
    const turnChildren = spans.filter((s) => s.parentSpanId === turn!.spanId);
    expect(turnChildren.map((s) => s.name)).toContain('store insert cases');
    expect(turnChildren.every((s) => s.traceId === turn!.traceId)).toBe(true);

    const deliveries = spans.filter((s) => s.name === 'reminder.deliver');
    expect(deliveries).toHaveLength(2);
    for (const d of deliveries) {
      expect(d.attributes).toMatchObject({ 'reminder.kind': 'halfway', 'case.id': c.id });
      const children = spans.filter((s) => s.parentSpanId === d.spanId);
      expect(children.map((s) => s.name)).toEqual(expect.arrayContaining(['store select cases', 'connector reply']));
    }
    const failedSend = spans.find((s) => s.name === 'connector reply' && s.attributes['http.response.status_code'] === 503);
    expect(failedSend?.attributes).toMatchObject({ 'error.type': 'SendError' });

    // Nothing a person typed or is called, no tenant, no conversation: only codes from closed sets.
    const exported = JSON.stringify(collector.requests.map((r) => r.body));
    for (const secret of [c.intake!.symptoms, 'Contoso Ltd', owner.name, owner.id, tenantId, '19:escalations-channel', h.stub.url]) {
      expect(exported.includes(secret), secret).toBe(false);
    }
  }, 120_000);
});
