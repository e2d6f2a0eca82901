import { metrics, trace } from '@opentelemetry/api';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { recordCardAction, telemetryEnabled, withSpan } from '../../src/telemetry/index.js';
import { startTelemetry } from '../../src/telemetry/setup.js';
import { execute } from '../support/activities.js';
import { startHarness, type Harness } from '../support/botHarness.js';

let h: Harness | undefined;
afterAll(async () => {
  await h?.close();
});

describe('telemetry with nothing configured', () => {
  it('starts no exporter and registers no provider; the facade is a pass-through', async () => {
    const t = await startTelemetry(
      { APPLICATIONINSIGHTS_CONNECTION_STRING: undefined, OTEL_EXPORTER_OTLP_ENDPOINT: undefined, OTEL_SERVICE_NAME: 'csp-support-desk', OTEL_METRIC_EXPORT_INTERVAL: 100 },
      pino({ level: 'silent' }),
    );
    expect(t.mode).toBe('off');
    expect(telemetryEnabled()).toBe(false);
    // The API's own no-op providers are still the global ones: nothing was set up behind them.
    expect(metrics.getMeterProvider().constructor.name).toBe('NoopMeterProvider');
    expect((trace.getTracerProvider() as unknown as { getDelegate(): object }).getDelegate().constructor.name).toBe('NoopTracerProvider');
    expect(await withSpan('x', {}, async () => 42)).toBe(42);
    expect(() => recordCardAction('case.new', 'ok', 'execute')).not.toThrow();

    // The bot works as before, and its store is built without the span plugin.
    h = await startHarness();
    expect((await h.post(execute('case.new', {}, { serviceUrl: h.stub.url }))).status).toBe(200);
    expect((h.app.services.store.db.kysely as unknown as { getExecutor(): { plugins: unknown[] } }).getExecutor().plugins).toEqual([]);
    await t.shutdown();
  }, 60_000);
});
