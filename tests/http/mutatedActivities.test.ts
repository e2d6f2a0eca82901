import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verbs } from '../../src/teams/registry.js';
import { execute, installInTeam, message, submit, tenantId } from '../support/activities.js';
import { cardOf, cardText, startHarness, type Harness } from '../support/botHarness.js';
import { applyMutation, type Mutation } from '../support/mutations.js';

/**
 * Issue 9 acceptance: 10 000 mutated Teams activities through POST /api/messages (the real app, one instance):
 * wrong type at each field the bot reads, missing fields, 100 KB strings, unicode, `__proto__`/`constructor` keys,
 * 50-deep nesting, unknown and prototype verbs, stale versions, another tenant's case ids. No answer may be ≥ 500,
 * no promise may be left rejected, and the bot still answers `help` afterwards.
 */

const otherTenant = '0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b';
let h: Harness;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

// Paths of every activity field the bot (or botbuilder for it) reads.
const paths = [
  'type', 'name', 'serviceUrl', 'channelId', 'from', 'from.id', 'from.name', 'from.aadObjectId', 'recipient', 'recipient.id',
  'conversation', 'conversation.id', 'conversation.conversationType', 'conversation.tenantId', 'channelData', 'channelData.tenant',
  'channelData.tenant.id', 'channelData.team', 'channelData.team.id', 'channelData.team.name', 'channelData.channel',
  'channelData.channel.id', 'channelData.channel.name', 'channelData.eventType', 'locale', 'localTimezone', 'entities', 'entities.0',
  'entities.0.type', 'entities.0.timezone', 'value', 'value.action', 'value.action.type', 'value.action.verb', 'value.action.data',
  'value.action.data.caseId', 'value.action.data.version', 'value.caseId', 'value.version', 'value.verb', 'replyToId', 'text',
  'membersAdded', 'membersRemoved', 'action', 'timestamp',
];

const deep = (n: number): unknown => (n === 0 ? 'bottom' : { d: deep(n - 1), a: [n] });
const protoKeys = () => JSON.parse('{"__proto__":{"polluted":true,"verb":"help.show"},"constructor":{"prototype":{"x":1}},"toString":"x"}');
const verbNames = [...Object.keys(verbs), 'constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', '', 'flow.nope'];

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constant('x'.repeat(100 * 1024)),
  fc.constant('ü'.repeat(30_000)),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 8 })), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.integer(), fc.string({ maxLength: 8 })), { maxKeys: 4 }),
  fc.constant(deep(50)),
  fc.constant(null).map(protoKeys),
  fc.constantFrom(...verbNames),
  // Not a reachable URL: replies to a well-formed but dead serviceUrl would only measure botbuilder's connector retries.
  fc.constantFrom('javascript:alert(1)', 'not a url', 'ftp://127.0.0.1/', '//127.0.0.1'),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('set' as const), path: fc.constantFrom(...paths), value: hostileValue }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), path: fc.constantFrom(...paths) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('extra' as const), at: fc.constant(''), key: fc.constantFrom('__proto__', 'constructor', 'x-teams-new', 'prototype'), value: hostileValue }) },
);

let bases: (() => any)[] = [];

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  h = await startHarness({ env: { ALLOWED_TENANT_IDS: `${tenantId},${otherTenant}` } });
  const where = { serviceUrl: h.stub.url };
  // Two real cases, one per tenant, so mutated clicks hit real rows (current, stale, another tenant's).
  await h.post(message('new case', where));
  await h.post(message('new case', { ...where, tenant: otherTenant, user: { id: '29:other' } }));
  const [mine] = await h.app.services.store.cases.list(tenantId, {});
  const [theirs] = await h.app.services.store.cases.list(otherTenant, {});
  const ids = [mine!.id, theirs!.id];
  bases = [
    () => message('help', where),
    () => message('cases', { ...where, kind: 'channel' }),
    () => message(`case ${ids[1]}`, where),
    () => submit({ verb: 'flow.case.show', caseId: ids[0], version: 1 }, where),
    () => execute('flow.intake.submit', { caseId: ids[0], version: 1, customerName: 'Contoso' }, where),
    () => execute('flow.intake.submit', { caseId: ids[0], version: 0, customerName: 'stale' }, where),
    () => execute('escalation.takeOver', { caseId: ids[1], version: 1 }, where),
    () => execute('reminders.snooze', { caseId: ids[0], version: 1, snooze: '30' }, { ...where, kind: 'channel' }),
    () => execute('settings.save', { teamId: 'x' }, { ...where, kind: 'channel' }),
    () => installInTeam(where),
    () => ({ ...installInTeam(where), type: 'conversationUpdate', membersAdded: [{ id: '28:bot-id' }] }),
  ];
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await h?.close();
});

describe('10 000 mutated activities through POST /api/messages', () => {
  it('no answer ≥ 500, no unhandled rejection, and help still works afterwards', async () => {
    const samples = fc.sample(fc.tuple(fc.nat(bases.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 })), { numRuns: Number(process.env.FUZZ_RUNS ?? 10_000), seed: 9 });
    const statuses = new Map<number, number>();
    const bad: { status: number; body: string; activity: string }[] = [];
    let next = 0;
    const slowest = { ms: 0, body: '' };
    const worker = async () => {
      for (let i = next++; i < samples.length; i = next++) {
        const [b, ms] = samples[i]!;
        const activity = JSON.parse(JSON.stringify(bases[b]!()));
        for (const m of ms) applyMutation(activity, m);
        const body = JSON.stringify(activity);
        const t0 = performance.now();
        const res = await h.post(body);
        const took = performance.now() - t0;
        if (took > slowest.ms) Object.assign(slowest, { ms: took, body: body.slice(0, 300) });
        if (process.env.FUZZ_SLOW && took > 1000) console.log('SLOW', Math.round(took), res.status, body.slice(0, 600));
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) bad.push({ status: res.status, body: res.text.slice(0, 200), activity: body.slice(0, 400) });
      }
    };
    await Promise.all(Array.from({ length: 12 }, worker));
    await new Promise((r) => setTimeout(r, 100));
    if (process.env.FUZZ_DEBUG) console.log(Object.fromEntries(statuses), slowest);
    expect(bad.slice(0, 5)).toEqual([]);
    expect(unhandled).toEqual([]);
    // The run exercised both sides of the edge: refused bodies and served ones.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(samples.length / 10);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(samples.length / 10);

    h.stub.reset();
    const res = await h.post(message('help', { serviceUrl: h.stub.url }));
    expect(res.status).toBe(200);
    const calls = await h.stub.waitFor((c) => c.some((x) => x.op === 'reply'));
    expect(cardText(cardOf(calls.find((x) => x.op === 'reply')!.body))).toContain('CSP Support Desk');
  }, 600_000);
});

describe('the six activities from the issue', () => {
  const named: [string, (a: any) => void][] = [
    ['channelData.tenant.id: 5', (a) => (a.channelData.tenant.id = 5)],
    ['locale: 5', (a) => (a.locale = 5)],
    ['value.action.verb: 5', (a) => (a.value.action.verb = 5)],
    ['entities: "x"', (a) => (a.entities = 'x')],
    ['no from', (a) => delete a.from],
    ['channelData.channel.id: []', (a) => (a.channelData.channel = { id: [] })],
  ];
  it.each(named)('%s → 400 with a short reason naming the field, nothing stored', async (label, mutate) => {
    const a: any = structuredClone(execute('flow.case.show', { caseId: 'K7Q-X2M', version: 1 }, { serviceUrl: h.stub.url, kind: 'channel', team: { id: '19:fresh-team@thread.tacv2', name: 'Fresh' } }));
    mutate(a);
    const res = await h.post(a);
    expect(res.status).toBe(400);
    expect(res.body.error).toContain(label.split(':')[0]!.replace('no ', ''));
    expect(res.body.error.length).toBeLessThan(500);
    expect(await h.app.services.store.channels.listTeam('19:fresh-team@thread.tacv2')).toEqual([]);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('verb %s is an unknown verb (normal answer), not Object.prototype', async (verb) => {
    const res = await h.post(execute(verb, {}, { serviceUrl: h.stub.url }));
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toMatch(/not something I know how to handle/);
  });
});
