import { describe, expect, it } from 'vitest';

/**
 * APPLICATIONINSIGHTS_CONNECTION_STRING selects Azure Monitor's OpenTelemetry distro (src/telemetry/setup.ts). Starting
 * it is not done here: the distro always runs the Azure VM resource detector (a request to the instance metadata
 * service, 169.254.169.254) and sends statsbeat to Microsoft, and tests make no traffic beyond 127.0.0.1. What is checked
 * is that the pinned distro loads on this Node (its 1.19+ releases need Node 22) and has the calls setup.ts makes.
 * The OTLP path, which shares the facade, is exercised end to end in otlp.test.ts.
 */
describe('Azure Monitor distro', () => {
  it('loads on this Node with useAzureMonitor and shutdownAzureMonitor', async () => {
    const distro = await import('@azure/monitor-opentelemetry');
    expect(typeof distro.useAzureMonitor).toBe('function');
    expect(typeof distro.shutdownAzureMonitor).toBe('function');
  });
});
