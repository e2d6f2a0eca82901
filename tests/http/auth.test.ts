import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/botHarness.js';
import { message } from '../support/activities.js';

describe('with MicrosoftAppId set, every request needs a valid Bot Framework token', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { MicrosoftAppId: '0b0e5a1e-1b7a-4c55-9f3e-6a9b1f4d2c11', MicrosoftAppPassword: 'not-a-real-secret' } });
  });
  afterAll(async () => h.close());

  it('no Authorization header → 401, no handler runs, nothing stored', async () => {
    const res = await h.post(message('help', { serviceUrl: h.stub.url, kind: 'channel' }));
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.stub.calls).toHaveLength(0);
    expect(await h.app.services.store.channels.listActiveTeamChannels()).toHaveLength(0);
  });

  // Verifying a token's signature needs Microsoft's signing keys, which are out of reach offline: the request must
  // still be refused (never reach a handler), whichever error status the unreachable key endpoint produces.
  it('a forged bearer token is refused and reaches no handler', async () => {
    const fake = ['eyJhbGciOiJSUzI1NiJ9', Buffer.from(JSON.stringify({ aud: 'x', iss: 'https://api.botframework.com' })).toString('base64url'), 'c2ln'].join('.');
    const res = await h.post(message('help', { serviceUrl: h.stub.url }), { authorization: `Bearer ${fake}` });
    expect(res.status).toBeGreaterThanOrEqual(401);
    expect(h.stub.calls).toHaveLength(0);
  });
});
