import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '../../src/config/env.js';
import { startHarness, cardOf, cardText, type Harness } from '../support/botHarness.js';
import { execute } from '../support/activities.js';
import { azureCase } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: '2026-11-20T02:00:00.000Z' });
});
afterAll(async () => h.close());

describe('with the Azure settings empty nothing of issue 14 runs or is required', () => {
  it('defaults: mode off, no adapter, no poll loop, no Azure buttons; the verbs answer that it is off', async () => {
    const env = parseEnv({});
    expect(env.AZURE_SUPPORT_MODE).toBe('off');
    expect(h.app.services.azureSupport).toBeUndefined();
    expect(h.app.ticketPoller).toBeUndefined();
    const c = await azureCase(h.app.services, 'QFF-2AB', h.stub.url, '2026-11-20T02:00:00.000Z');
    const res = await h.post(execute('azure.track.form', { verb: 'azure.track.form', caseId: c.id, version: c.version }, { serviceUrl: h.stub.url, kind: 'channel' }));
    const card = cardOf(res.body);
    expect(cardText(card)).toContain('Azure support tickets are not turned on for this bot.');
    expect(JSON.stringify(card)).not.toContain('azure.track.form');
    expect(JSON.stringify(card)).not.toContain('azure.file.form');
  });

  it('live mode without the app credentials is a configuration error naming the variables', () => {
    expect(() => parseEnv({ AZURE_SUPPORT_MODE: 'live' })).toThrow(ConfigError);
    try {
      parseEnv({ AZURE_SUPPORT_MODE: 'live', PARTNER_CONTACT_COUNTRY: 'Taiwan' });
    } catch (err) {
      expect((err as ConfigError).lines.join('\n')).toMatch(/AZURE_SUPPORT_CLIENT_ID: .*required when AZURE_SUPPORT_MODE=live/);
      expect((err as ConfigError).lines.join('\n')).toMatch(/PARTNER_CONTACT_COUNTRY: expected a 3-letter country code/);
    }
  });
});
