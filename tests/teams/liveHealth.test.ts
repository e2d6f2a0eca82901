import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/index.js';
import { cardOf, cardText, startHarness, type Harness } from '../support/botHarness.js';
import { message, type Where } from '../support/activities.js';
import { clickCard, m365Intake } from '../support/cases.js';
import { actionsOf, cardRef } from '../support/cards.js';
import { armEvent, armEventsPath, FakeMicrosoft, graphIssue, graphIssuesPath, json } from '../health/fakeMicrosoft.js';

/**
 * Issue 6 end to end: the health step of a case, through /api/messages, with the live providers pointed at a fake
 * Microsoft cloud on 127.0.0.1 (Entra token endpoint, Graph service announcements, ARM Resource Health).
 */
const customerTenant = '435bb064-3ad9-4a2a-803c-abb2aa428026';
const subscription = '0f9e8d7c-6b5a-4c3d-8e1f-a2b3c4d5e6f7';
let fake: FakeMicrosoft;
let h: Harness;

beforeAll(async () => {
  fake = await new FakeMicrosoft().start();
  h = await startHarness({
    now: '2026-11-03T01:00:00Z',
    env: {
      HEALTH_MODE: 'live',
      HEALTH_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
      HEALTH_CLIENT_SECRET: 'partner-app-secret',
      HEALTH_LOGIN_URL: fake.base,
      HEALTH_GRAPH_URL: fake.base,
      HEALTH_ARM_URL: fake.base,
      HEALTH_RETRY_AFTER_CAP_MS: '20',
      HEALTH_CACHE_TTL_MS: '0',
    },
  });
});
afterAll(async () => {
  await h.close();
  await fake.stop();
});
beforeEach(() => {
  fake.seen.length = 0;
  fake.routes.clear();
  h.stub.reset();
});

const intake = (over: Record<string, string>) => ({ ...m365Intake, symptoms: 'Shared mailboxes fail to open since 08:30.', ...over });

async function healthCard(w: Where, inputs: Record<string, string>) {
  await h.post(message('new case', w));
  const [call] = await h.stub.waitFor((c) => c.some((x) => x.op === 'reply'));
  const intakeCard = cardOf(call!.body);
  return { card: await clickCard(h, 'flow.intake.submit', intakeCard, inputs, w), caseId: cardRef(intakeCard).caseId };
}

describe('health step with live providers', () => {
  it('Microsoft 365: the token is asked from the customer tenant, pages are followed, only active items show, casing ignored', async () => {
    fake.routes.set(graphIssuesPath, (req, res, base) => {
      if (!req.path.includes('skiptoken')) {
        return json(res, 200, {
          value: [graphIssue({ id: 'EX900001', title: 'Mail delivery delays for some users', status: 'ServiceDegradation' }), graphIssue({ id: 'EX900002', isResolved: true, status: 'ServiceRestored' })],
          '@odata.nextLink': `${base}${graphIssuesPath}?$skiptoken=p2`,
        });
      }
      json(res, 200, { value: [graphIssue({ id: 'TM900003', service: 'Microsoft Teams', title: 'Meeting join failures', classification: 'ADVISORY', status: 'investigating' })] });
    });
    const { card, caseId } = await healthCard({ serviceUrl: h.stub.url }, intake({}));
    const text = cardText(card);
    expect(text).toContain('Mail delivery delays for some users');
    expect(text).toContain('Meeting join failures');
    expect(text).not.toContain('EX900002');
    expect(text).not.toContain(t('en', 'health.demoLabel'));
    expect(fake.tokenRequests().map((r) => r.pathname)).toEqual([`/${customerTenant}/oauth2/v2.0/token`]);
    expect(fake.requestsTo(graphIssuesPath)).toHaveLength(2);
    expect(fake.requestsTo(graphIssuesPath)[0]!.headers.authorization).toBe(`Bearer token-for-${customerTenant}-https://graph.microsoft.com/.default`);
    const stored = (await h.app.services.store.cases.get(caseId))!;
    expect(stored.healthChecks[0]).toMatchObject({ demo: false, failures: [], checkedAt: '2026-11-03T01:00:00.000Z' });
    expect(stored.healthChecks[0]!.items.map((i) => i.id).sort()).toEqual(['EX900001', 'TM900003']);
  });

  it('Azure: Resource Health events for the case subscription; a re-check asks again', async () => {
    fake.routes.set(armEventsPath(subscription), (_req, res) =>
      json(res, 200, { value: [armEvent('VM-7Q1', { title: 'Virtual Machines connectivity issues in West Europe' }), armEvent('OLD-1', { status: 'Resolved' })] }),
    );
    const { card } = await healthCard({ serviceUrl: h.stub.url }, intake({ product: 'azure', subscriptionId: subscription }));
    expect(cardText(card)).toContain('Virtual Machines connectivity issues in West Europe');
    expect(cardText(card)).not.toContain('Event OLD-1');
    expect(actionsOf(card).map((a) => a.verb)).toContain('flow.health.recheck');
    const before = fake.requestsTo(armEventsPath(subscription)).length;
    await clickCard(h, 'flow.health.recheck', card, {}, { serviceUrl: h.stub.url });
    expect(fake.requestsTo(armEventsPath(subscription)).length).toBe(before + 1);
  });

  it('a source that fails is named on the card, in the agent language, and the case still moves on', async () => {
    fake.routes.set(graphIssuesPath, (_req, res) => json(res, 503, { error: { code: 'ServiceUnavailable' } }));
    const { card, caseId } = await healthCard({ serviceUrl: h.stub.url, locale: 'zh-TW' }, intake({}));
    const text = cardText(card);
    expect(text).toContain(t('zh-TW', 'health.failure.serverError'));
    expect(JSON.stringify(card)).toContain('flow.health.continue');
    const stored = (await h.app.services.store.cases.get(caseId))!;
    expect(stored.healthChecks[0]!.failures).toEqual([{ source: 'microsoft365', reason: 'serverError' }]);
    // One retry on 5xx, then give up: two calls, no more.
    expect(fake.requestsTo(graphIssuesPath)).toHaveLength(2);
  });
});
