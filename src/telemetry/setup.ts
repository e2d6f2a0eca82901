import { readFileSync } from 'node:fs';
import { otelApi } from './api.js';
import type { Env } from '../config/env.js';
import type { Logger } from '../log.js';
import { projectRoot } from '../paths.js';
import { bindTelemetry, unbindTelemetry } from './index.js';

export type TelemetryMode = 'azureMonitor' | 'otlp' | 'off';

export interface Telemetry {
  mode: TelemetryMode;
  /** Flushes what is buffered (last metrics, open span batches) and stops the exporters; called on SIGTERM. */
  shutdown(): Promise<void>;
}

type TelemetryEnv = Pick<Env, 'APPLICATIONINSIGHTS_CONNECTION_STRING' | 'OTEL_EXPORTER_OTLP_ENDPOINT' | 'OTEL_SERVICE_NAME' | 'OTEL_METRIC_EXPORT_INTERVAL'>;

const scope = 'csp-support-desk';

function serviceVersion(): string {
  try {
    return (JSON.parse(readFileSync(`${projectRoot}/package.json`, 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * Starts at most one exporter pipeline, before the store opens (so store spans can be wired):
 * - APPLICATIONINSIGHTS_CONNECTION_STRING: Azure Monitor's OpenTelemetry distro (metrics + traces to Application
 *   Insights). Its automatic http/pg instrumentation is switched off: this is an ES module app whose modules load
 *   before the distro could patch them, and the bot's own spans already cover turns, store and connector.
 * - else OTEL_EXPORTER_OTLP_ENDPOINT: OTLP over HTTP (JSON) to <endpoint>/v1/metrics and <endpoint>/v1/traces.
 * - else nothing: no SDK is loaded, nor the API (the packages are loaded only in the branch that uses them).
 */
export async function startTelemetry(env: TelemetryEnv, log: Logger): Promise<Telemetry> {
  const attributes = { 'service.name': env.OTEL_SERVICE_NAME, 'service.version': serviceVersion() };
  if (env.APPLICATIONINSIGHTS_CONNECTION_STRING) {
    const [{ useAzureMonitor, shutdownAzureMonitor }, { resourceFromAttributes }] = await Promise.all([
      import('@azure/monitor-opentelemetry'),
      import('@opentelemetry/resources'),
    ]);
    useAzureMonitor({
      azureMonitorExporterOptions: { connectionString: env.APPLICATIONINSIGHTS_CONNECTION_STRING },
      resource: resourceFromAttributes(attributes),
      instrumentationOptions: { http: { enabled: false }, postgreSql: { enabled: false }, azureSdk: { enabled: false } },
    });
    const { metrics, trace } = otelApi();
    bindTelemetry(metrics.getMeter(scope), trace.getTracer(scope));
    log.info({ exporter: 'azureMonitor' }, 'telemetry: Azure Monitor (Application Insights)');
    return {
      mode: 'azureMonitor',
      shutdown: async () => {
        unbindTelemetry();
        await shutdownAzureMonitor().catch((err: unknown) => log.warn({ err: (err as Error).message }, 'telemetry shutdown failed'));
      },
    };
  }
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) {
    const [{ resourceFromAttributes }, { MeterProvider, PeriodicExportingMetricReader }, { NodeTracerProvider }, { BatchSpanProcessor }, { OTLPMetricExporter }, { OTLPTraceExporter }] =
      await Promise.all([
        import('@opentelemetry/resources'),
        import('@opentelemetry/sdk-metrics'),
        import('@opentelemetry/sdk-trace-node'),
        import('@opentelemetry/sdk-trace-base'),
        import('@opentelemetry/exporter-metrics-otlp-http'),
        import('@opentelemetry/exporter-trace-otlp-http'),
      ]);
    const base = env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '');
    const resource = resourceFromAttributes(attributes);
    const meterProvider = new MeterProvider({
      resource,
      readers: [
        new PeriodicExportingMetricReader({
          exporter: new OTLPMetricExporter({ url: `${base}/v1/metrics` }),
          exportIntervalMillis: env.OTEL_METRIC_EXPORT_INTERVAL,
          exportTimeoutMillis: Math.min(30_000, env.OTEL_METRIC_EXPORT_INTERVAL),
        }),
      ],
    });
    const tracerProvider = new NodeTracerProvider({
      resource,
      spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${base}/v1/traces` }), { scheduledDelayMillis: Math.min(5_000, env.OTEL_METRIC_EXPORT_INTERVAL) })],
    });
    // register() also installs the AsyncLocalStorage context manager that makes store and connector spans children of the turn.
    tracerProvider.register();
    otelApi().metrics.setGlobalMeterProvider(meterProvider);
    bindTelemetry(meterProvider.getMeter(scope), tracerProvider.getTracer(scope));
    log.info({ exporter: 'otlp', endpoint: base }, 'telemetry: OTLP/HTTP');
    return {
      mode: 'otlp',
      shutdown: async () => {
        unbindTelemetry();
        const results = await Promise.allSettled([meterProvider.shutdown(), tracerProvider.shutdown()]);
        for (const r of results) if (r.status === 'rejected') log.warn({ err: (r.reason as Error)?.message }, 'telemetry shutdown failed');
      },
    };
  }
  return { mode: 'off', shutdown: async () => undefined };
}
