import type * as OpenTelemetryApi from '@opentelemetry/api';
import { onFirstUse } from '../loadOnFirstUse.js';

/**
 * The OpenTelemetry API, loaded when an exporter starts (src/telemetry/setup.ts) or a bound facade function first needs
 * it: ~0.5 MB of heap (47 modules) a bot without telemetry never pays (issue 11, peak RSS). One copy from node_modules,
 * the same one the SDK registers its providers with.
 */
export const otelApi = onFirstUse<typeof OpenTelemetryApi>('@opentelemetry/api');
