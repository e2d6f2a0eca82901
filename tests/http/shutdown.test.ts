import { describe, expect, it } from 'vitest';
import { cardOf, startHarness } from '../support/botHarness.js';
import { m365Intake } from '../support/cases.js';
import { cardRef } from '../support/cards.js';
import { execute, message } from '../support/activities.js';
import { FakeMicrosoft, graphIssuesPath, json } from '../health/fakeMicrosoft.js';

describe('stopping the bot (what SIGTERM runs)', () => {
  it('stops accepting, lets the turn in flight finish and answer, then closes the store', async () => {
    const fake = await new FakeMicrosoft().start();
    // A slow Microsoft Graph keeps the intake turn busy while the stop begins.
    fake.routes.set(graphIssuesPath, (_req, res) => setTimeout(() => json(res, 200, { value: [] }), 700));
    const h = await startHarness({
      env: { HEALTH_MODE: 'live', HEALTH_CLIENT_ID: '11111111-2222-4333-8444-555555555555', HEALTH_CLIENT_SECRET: 's', HEALTH_LOGIN_URL: fake.base, HEALTH_GRAPH_URL: fake.base },
    });
    try {
      const w = { serviceUrl: h.stub.url };
      await h.post(message('new case', w));
      const [call] = await h.stub.waitFor((c) => c.some((x) => x.op === 'reply'));
      const inFlight = h.post(execute('flow.intake.submit', { ...cardRef(cardOf(call!.body)), ...m365Intake }, w));
      await new Promise((r) => setTimeout(r, 200));
      const stopped = h.app.stop();
      const refused = await fetch(`${h.baseUrl}/api/messages`, { method: 'POST' }).then((r) => r.status, () => 'connection refused');
      expect([503, 'connection refused']).toContain(refused);
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(res.body.value.body[0].text).toBe('Check service health');
      await stopped;
      expect(await h.app.services.store.db.ping()).toBe(false);
    } finally {
      await h.app.stop().catch(() => undefined);
      await h.stub.stop();
      await fake.stop();
    }
  });
});
