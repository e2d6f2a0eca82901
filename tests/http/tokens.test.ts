import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute } from '../support/activities.js';
import { startHarness, type Harness } from '../support/botHarness.js';

/**
 * Issue 9 point 5, against a local key endpoint (BOT_OPENID_METADATA_URL): the Bot Framework channel's OpenID
 * metadata document and JWKS served on 127.0.0.1 with an RSA key made here. Every kind of bad token is a 401
 * verdict; an unreachable key endpoint is a 503 with Retry-After (never 500); a good token is served.
 */

const appId = '0b0e5a1e-1b7a-4c55-9f3e-6a9b1f4d2c11';
const issuer = 'https://api.botframework.com';
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

function keyPair() {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}
const signing = keyPair();
const attacker = keyPair();

function jwt(claims: Record<string, unknown>, opts: { key?: KeyObject; alg?: string; kid?: string; hmacSecret?: string } = {}): string {
  const alg = opts.alg ?? 'RS256';
  const head = b64({ alg, typ: 'JWT', kid: opts.kid ?? 'local-1' });
  const body = b64(claims);
  const input = `${head}.${body}`;
  if (alg === 'none') return `${input}.`;
  if (alg === 'HS256') return `${input}.${createHmac('sha256', opts.hmacSecret ?? '').update(input).digest('base64url')}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(opts.key ?? signing.privateKey, 'base64url')}`;
}

async function keyEndpoint(): Promise<{ server: Server; url: string; hits: () => number }> {
  let hits = 0;
  const jwk = signing.publicKey.export({ format: 'jwk' });
  const server = createServer((req, res) => {
    hits++;
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') {
      res.end(JSON.stringify({ issuer, jwks_uri: `${base}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (req.url === '/v1/.well-known/keys') {
      res.end(JSON.stringify({ keys: [{ ...jwk, kid: 'local-1', use: 'sig', kty: 'RSA', endorsements: ['msteams'] }] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`, hits: () => hits };
}

const nowSec = () => Math.floor(Date.now() / 1000);

describe('tokens checked against a local key endpoint', () => {
  let keys: Awaited<ReturnType<typeof keyEndpoint>>;
  let h: Harness;
  beforeAll(async () => {
    keys = await keyEndpoint();
    h = await startHarness({ env: { MicrosoftAppId: appId, MicrosoftAppPassword: 'not-a-real-secret', BOT_OPENID_METADATA_URL: keys.url } });
  });
  afterAll(async () => {
    await h?.close();
    await new Promise((r) => keys.server.close(r));
  });

  const click = () => execute('help.show', {}, { serviceUrl: h.stub.url });
  const claims = (over: Record<string, unknown> = {}) => ({ iss: issuer, aud: appId, serviceurl: h.stub.url, nbf: nowSec() - 60, exp: nowSec() + 600, ...over });
  const send = (token: string) => h.post(click(), { authorization: `Bearer ${token}` });

  it('a token signed by the channel key, right issuer and audience → served', async () => {
    const res = await send(jwt(claims()));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(keys.hits()).toBeGreaterThan(0);
  });

  it.each([
    ['forged (signed by another key under the same kid)', () => jwt(claims(), { key: attacker.privateKey })],
    ['expired', () => jwt(claims({ nbf: nowSec() - 7200, exp: nowSec() - 3600 }))],
    ['wrong audience', () => jwt(claims({ aud: '11111111-2222-3333-4444-555555555555' }))],
    ['wrong issuer', () => jwt(claims({ iss: 'https://evil.example' }))],
    ['alg: none', () => jwt(claims(), { alg: 'none' })],
    ['HS256 keyed with the public key', () => jwt(claims(), { alg: 'HS256', hmacSecret: signing.publicKey.export({ format: 'pem', type: 'spki' }).toString() })],
    ['garbage', () => 'not.a.token'],
  ])('%s → 401, no handler runs', async (_label, make) => {
    h.stub.reset();
    const res = await send(make());
    expect(res.status).toBe(401);
    expect(res.text).not.toMatch(/card/);
    expect(h.stub.calls).toHaveLength(0);
  });

  it('no Authorization header → 401', async () => {
    expect((await h.post(click())).status).toBe(401);
  });
});

describe('key endpoint unreachable', () => {
  let h: Harness;
  beforeAll(async () => {
    // A port that was just free: nothing listens there.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    h = await startHarness({ env: { MicrosoftAppId: appId, MicrosoftAppPassword: 'not-a-real-secret', BOT_OPENID_METADATA_URL: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration` } });
  });
  afterAll(async () => h?.close());

  it('a well-formed token (good or forged alike) → 503 with Retry-After, never 500', async () => {
    const token = jwt({ iss: issuer, aud: appId, serviceurl: h.stub.url, nbf: nowSec() - 60, exp: nowSec() + 600 });
    const res = await fetch(`${h.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(execute('help.show', {}, { serviceUrl: h.stub.url })),
    });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(h.stub.calls).toHaveLength(0);
  });

  it('a token from an issuer the channel never uses is still a 401 (no keys needed to refuse it)', async () => {
    const res = await h.post(execute('help.show', {}, { serviceUrl: h.stub.url }), { authorization: `Bearer ${jwt({ iss: 'https://evil.example', aud: appId })}` });
    expect(res.status).toBe(401);
  });
});
