import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/botHarness.js';
import { message } from '../support/activities.js';

describe('with MicrosoftAppId set, every request needs a valid Bot Framework token', () => {
  let h: Harness;
  beforeAll(async () => {
    // Keys from a closed loopback port: the test never leaves 127.0.0.1 (tests/http/tokens.test.ts serves real keys).
    h = await startHarness({
      env: { MicrosoftAppId: '0b0e5a1e-1b7a-4c55-9f3e-6a9b1f4d2c11', MicrosoftAppPassword: 'not-a-real-secret', BOT_OPENID_METADATA_URL: 'http://127.0.0.1:9/v1/.well-known/openidconfiguration' },
    });
  });
  afterAll(async () => h.close());

  it('no Authorization header → 401, no handler runs, nothing stored', async () => {
    const res = await h.post(message('help', { serviceUrl: h.stub.url, kind: 'channel' }));
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.stub.calls).toHaveLength(0);
    expect(await h.app.services.store.channels.listActiveTeamChannels()).toHaveLength(0);
  });

  // With the signing keys out of reach the bot cannot tell a forged token from a good one: it says so (503, retry
  // later) instead of a 500, and the request never reaches a handler.
  it('a forged bearer token while the keys are unreachable → 503 with Retry-After, no handler runs', async () => {
    const fake = ['eyJhbGciOiJSUzI1NiJ9', Buffer.from(JSON.stringify({ aud: 'x', iss: 'https://api.botframework.com' })).toString('base64url'), 'c2ln'].join('.');
    const res = await h.post(message('help', { serviceUrl: h.stub.url }), { authorization: `Bearer ${fake}` });
    expect(res.status).toBe(503);
    expect(h.stub.calls).toHaveLength(0);
  });
});
