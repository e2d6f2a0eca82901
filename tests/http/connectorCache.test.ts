import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorClientCache, withCachedUserTokenClients } from '../../src/http/connectorCache.js';
import { message } from '../support/activities.js';
import { startHarness, type Harness } from '../support/botHarness.js';
import { ConnectorStub } from '../support/connectorStub.js';

/**
 * Commit 16798b9: botbuilder's per-turn ConnectorClient and user-token client are made once per bot app id, service
 * URL and audience. These tests guard that the cache really reuses (the whole point), never mixes clients between
 * bots or service URLs (a reply would go to the wrong place or with the wrong credentials), and never keeps a failure.
 */

type Wrapped = Parameters<ConnectorClientCache['wrap']>[0];
type Auth = Parameters<typeof withCachedUserTokenClients>[0];

/** Claims as botbuilder's ClaimsIdentity answers them: null for a claim the token does not carry. */
const claims = (c: Record<string, string>) => ({ getClaimValue: (type: string) => c[type] ?? null });

/** An authenticateRequest result whose factory counts creations and answers a fresh object each time. */
function request(c: Record<string, string>, create: (serviceUrl: string, audience?: string) => Promise<unknown>) {
  return { claimsIdentity: claims(c), audience: 'https://api.botframework.com', callerId: '', connectorFactory: { create } } as unknown as Wrapped;
}
function countingFactory() {
  const made: { serviceUrl: string; audience?: string }[] = [];
  const create = async (serviceUrl: string, audience?: string) => {
    const client = { serviceUrl, audience, n: made.length };
    made.push(client);
    return client;
  };
  return { made, create };
}

/** One turn: a fresh authenticateRequest result for the bot named by `c`, asking the wrapped factory for a client. */
const turn = (cache: ConnectorClientCache, c: Record<string, string>, create: Parameters<typeof request>[1], serviceUrl: string, audience?: string) =>
  cache.wrap(request(c, create))!.create(serviceUrl, audience);

const teams = 'https://smba.trafficmanager.net/amer/';
const emea = 'https://smba.trafficmanager.net/emea/';
const scope = 'https://api.botframework.com';

describe('ConnectorClientCache.wrap', () => {
  it('many turns of one bot to one service URL share one client, made once', async () => {
    const cache = new ConnectorClientCache();
    const f = countingFactory();
    const clients = [];
    // A fresh authenticateRequest result per turn, as in production: the cache must key on values, not objects.
    for (let i = 0; i < 5; i++) clients.push(await turn(cache, { aud: 'bot-a' }, f.create, teams, scope));
    expect(f.made).toHaveLength(1);
    expect(new Set(clients).size).toBe(1);
    expect(cache.size).toBe(1);
  });

  it('another service URL, audience or bot app id gets a client of its own', async () => {
    const cache = new ConnectorClientCache();
    const f = countingFactory();
    const a = await turn(cache, { aud: 'bot-a' }, f.create, teams, scope);
    const b = await turn(cache, { aud: 'bot-a' }, f.create, emea, scope);
    const c = await turn(cache, { aud: 'bot-a' }, f.create, teams, 'skill-caller-app-id');
    const d = await turn(cache, { aud: 'bot-b' }, f.create, teams, scope);
    expect(new Set([a, b, c, d]).size).toBe(4);
    expect(f.made.map((m) => m.serviceUrl)).toEqual([teams, emea, teams, teams]);
    expect(cache.size).toBe(4);
  });

  it("the emulator's appid claim names the bot when there is no aud claim", async () => {
    const cache = new ConnectorClientCache();
    const f = countingFactory();
    const fromChannel = await turn(cache, { aud: 'bot-a' }, f.create, teams, scope);
    const fromEmulator = await turn(cache, { appid: 'bot-a' }, f.create, teams, scope);
    const otherBot = await turn(cache, { appid: 'bot-b' }, f.create, teams, scope);
    expect(fromEmulator).toBe(fromChannel);
    expect(otherBot).not.toBe(fromChannel);
    expect(f.made).toHaveLength(2);
  });

  it('a failed creation is not kept: the next turn tries again and then reuses the success', async () => {
    const cache = new ConnectorClientCache();
    let calls = 0;
    const create = async () => {
      if (++calls === 1) throw new Error('credentials not ready');
      return { ok: calls };
    };
    await expect(turn(cache, { aud: 'bot-a' }, create, teams, scope)).rejects.toThrow('credentials not ready');
    expect(cache.size).toBe(0);
    const second = await turn(cache, { aud: 'bot-a' }, create, teams, scope);
    const third = await turn(cache, { aud: 'bot-a' }, create, teams, scope);
    expect(second).toEqual({ ok: 2 });
    expect(third).toBe(second);
    expect(calls).toBe(2);
  });

  it('past its bound the map starts again instead of growing', async () => {
    const cache = new ConnectorClientCache(2);
    const f = countingFactory();
    const at = (url: string) => turn(cache, { aud: 'bot-a' }, f.create, url, scope);
    await at('https://one.example/');
    await at('https://two.example/');
    expect(cache.size).toBe(2);
    await at('https://three.example/');
    expect(cache.size).toBe(1);
    // The cleared entries are made again on their next turn.
    await at('https://one.example/');
    expect(f.made.map((m) => m.serviceUrl)).toEqual(['https://one.example/', 'https://two.example/', 'https://three.example/', 'https://one.example/']);
  });

  it('a request without a connector factory stays without one', () => {
    const result = { claimsIdentity: claims({}), audience: scope, callerId: '' } as unknown as Wrapped;
    expect(new ConnectorClientCache().wrap(result)).toBeUndefined();
  });
});

describe('withCachedUserTokenClients', () => {
  /** Stands in for ConfigurationBotFrameworkAuthentication: a private field breaks any method called with the wrong `this`. */
  class FakeAuth {
    #secret = 'inner';
    readonly label = 'fake-auth';
    made = 0;
    async createUserTokenClient(c: { getClaimValue(t: string): string | null }) {
      this.made++;
      return { appId: c.getClaimValue('aud') ?? c.getClaimValue('appid'), n: this.made };
    }
    async authenticateRequest() {
      return this.#secret;
    }
    createConnectorFactory() {
      return this.#secret;
    }
  }
  const wrap = (auth: FakeAuth) => withCachedUserTokenClients(auth as unknown as Auth) as unknown as FakeAuth;

  it('one user-token client per bot app id, however many turns ask', async () => {
    const inner = new FakeAuth();
    const auth = wrap(inner);
    const a1 = await auth.createUserTokenClient(claims({ aud: 'bot-a' }));
    const a2 = await auth.createUserTokenClient(claims({ aud: 'bot-a' }));
    const a3 = await auth.createUserTokenClient(claims({ appid: 'bot-a' }));
    const b = await auth.createUserTokenClient(claims({ aud: 'bot-b' }));
    expect(a2).toBe(a1);
    expect(a3).toBe(a1);
    expect(b).toEqual({ appId: 'bot-b', n: 2 });
    expect(inner.made).toBe(2);
  });

  it('a failed user-token client is made again on the next turn', async () => {
    const inner = new FakeAuth();
    let fail = true;
    const real = inner.createUserTokenClient.bind(inner);
    inner.createUserTokenClient = async (c) => {
      if (fail) {
        fail = false;
        throw new Error('no credentials');
      }
      return real(c);
    };
    const auth = wrap(inner);
    await expect(auth.createUserTokenClient(claims({ aud: 'bot-a' }))).rejects.toThrow('no credentials');
    expect(await auth.createUserTokenClient(claims({ aud: 'bot-a' }))).toEqual({ appId: 'bot-a', n: 1 });
  });

  it('everything else reaches the real object, called on the real object', async () => {
    const auth = wrap(new FakeAuth());
    // Both would throw a TypeError (private field read through the proxy) if called with the proxy as `this`.
    expect(await auth.authenticateRequest()).toBe('inner');
    expect(auth.createConnectorFactory()).toBe('inner');
    expect(auth.label).toBe('fake-auth');
  });
});

describe('through the real app: one connector per service URL', () => {
  let h: Harness;
  let second: ConnectorStub;
  beforeAll(async () => {
    h = await startHarness();
    second = await new ConnectorStub().start();
  });
  afterAll(async () => {
    await h?.close();
    await second?.stop();
  });

  const replies = (stub: ConnectorStub, n: number) => stub.waitFor((c) => c.filter((x) => x.op === 'reply').length >= n);

  it('two turns to one service URL reuse its client and both replies arrive; a second service URL gets its own', async () => {
    expect(h.app.adapter.connectors.size).toBe(0);
    const first = message('help', { serviceUrl: h.stub.url });
    const again = message('help', { serviceUrl: h.stub.url, user: { id: '29:agent-2' } });
    expect((await h.post(first)).status).toBe(200);
    expect((await h.post(again)).status).toBe(200);
    const calls = await replies(h.stub, 2);
    expect(calls.filter((c) => c.op === 'reply').map((c) => c.activityId).sort()).toEqual([first.id, again.id].sort());
    expect(h.app.adapter.connectors.size).toBe(1);

    const elsewhere = message('help', { serviceUrl: second.url });
    expect((await h.post(elsewhere)).status).toBe(200);
    const there = await replies(second, 1);
    expect(there.find((c) => c.op === 'reply')!.activityId).toBe(elsewhere.id);
    expect(h.app.adapter.connectors.size).toBe(2);
    // The reply to the second service URL went there only, not through the first URL's cached client.
    expect(h.stub.calls.filter((c) => c.op === 'reply')).toHaveLength(2);
  });
});
