import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activityBodySchema, describeActivityProblem } from '../../src/http/activityBody.js';
import { certainlyAcceptable } from '../../src/http/activityQuickCheck.js';
import { execute, installInTeam, message } from '../support/activities.js';
import { applyMutation, type Mutation } from '../support/mutations.js';

/**
 * Commit 16798b9: certainlyAcceptable() answers "yes" for the activities Teams sends so the zod schema is skipped.
 * Its only obligation is soundness: a yes must never let through an activity the schema refuses (that activity
 * would reach handlers unchecked, issue 9). These tests call both directly, independent of ACTIVITY_VERIFY.
 */

const serviceUrl = 'https://smba.trafficmanager.net/amer/';
const plain = (a: unknown) => JSON.parse(JSON.stringify(a)) as Record<string, any>;

const typical: Record<string, () => Record<string, any>> = {
  'personal message': () => plain(message('help', { serviceUrl, timeZone: 'Asia/Taipei' })),
  'channel message with team, channel, tenant and a mention': () => plain(message('cases', { serviceUrl, kind: 'channel' })),
  'adaptiveCard/action invoke with data': () => plain(execute('flow.intake.submit', { caseId: 'K7Q-X2M', version: 1, customerName: 'Contoso' }, { serviceUrl })),
  'application/search invoke': () => ({
    ...plain(message('', { serviceUrl })),
    type: 'invoke',
    name: 'application/search',
    text: undefined,
    value: { queryText: 'cont', dataset: 'customers', queryOptions: { skip: 0, top: 15 } },
  }),
  'conversationUpdate with membersAdded': () => ({ ...plain(installInTeam({ serviceUrl })), type: 'conversationUpdate', action: undefined, membersAdded: [{ id: '28:bot-id' }] }),
  installationUpdate: () => plain(installInTeam({ serviceUrl })),
};

describe('the activities Teams sends take the fast path', () => {
  it.each(Object.entries(typical))('%s: quick check says yes and the schema agrees', (_, make) => {
    const a = plain(make());
    expect(certainlyAcceptable(a)).toBe(true);
    expect(activityBodySchema.safeParse(a).success).toBe(true);
    expect(describeActivityProblem(a)).toBeUndefined();
  });
});

// Every field either side reads, present in the bases or not, so a mutation can add what a base lacks.
const knownPaths = [
  'type', 'id', 'name', 'serviceUrl', 'channelId', 'from', 'from.id', 'from.name', 'from.aadObjectId', 'recipient', 'recipient.id',
  'recipient.name', 'conversation', 'conversation.id', 'conversation.conversationType', 'conversation.tenantId', 'conversation.isGroup',
  'conversation.name', 'channelData', 'channelData.tenant', 'channelData.tenant.id', 'channelData.team', 'channelData.team.id',
  'channelData.team.name', 'channelData.team.aadGroupId', 'channelData.channel', 'channelData.channel.id', 'channelData.channel.name',
  'channelData.eventType', 'locale', 'localTimezone', 'text', 'textFormat', 'entities', 'entities.0', 'entities.0.type', 'entities.1',
  'value', 'value.action', 'value.action.type', 'value.action.verb', 'value.action.data', 'value.action.data.caseId', 'value.queryText',
  'value.dataset', 'replyToId', 'action', 'membersAdded', 'membersAdded.0', 'membersAdded.0.id', 'membersAdded.0.name',
  'membersAdded.0.aadObjectId', 'membersRemoved', 'membersRemoved.0', 'timestamp', 'localTimestamp', 'expiration',
];

// Lengths either side of every max in the schema, where a mirrored limit would be off by one.
const boundaries = [0, 1, 31, 32, 33, 63, 64, 65, 127, 128, 129, 199, 200, 201, 999, 1000, 1001, 1023, 1024, 1025];
const awkwardChar = fc.constantFrom('a', 'é', '\u0000', '\u001f', '\u007f', '\n', '\uD800', '\uDBFF', '\uDC00', '\uD83D', '\uDE00', '😀');
const urls = [
  'https://ok.example/', 'http://127.0.0.1:3978/', 'HTTPS://UPPER.example/', 'ftp://files.example/', 'javascript:alert(1)', 'mailto:a@b.c',
  'not a url', '//no-scheme.example/', 'https://', 'http://[::1]/', 'https://exa mple.com/', ' https://padded.example/ ', 'https://bad\u0000.example/',
  `https://long.example/${'a'.repeat(2048 - 21)}`, `https://long.example/${'a'.repeat(2049 - 21)}`,
];
const dates = [
  '2026-11-20T02:00:00Z', '2026-11-20T02:00:00.000+08:00', '2026-13-45T99:00:00Z', 'yesterday', '', '0', '2026', 'Nov 20 2026',
  `Fri Nov 20 2026 10:00:00 GMT+0800 (${'c'.repeat(40)})`, `Fri Nov 20 2026 10:00:00 GMT+0800 (${'c'.repeat(20)})`,
];
const protoKeys = () => JSON.parse('{"__proto__":{"id":"x","type":"message","polluted":true},"constructor":{"prototype":{}},"id":"y","type":"t"}');

const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.anything({ withBoxedValues: true, withDate: true, maxDepth: 3 }) },
  { weight: 3, arbitrary: fc.constantFrom(...boundaries).map((n) => 'a'.repeat(n)) },
  { weight: 2, arbitrary: fc.string({ unit: awkwardChar, maxLength: 6 }) },
  { weight: 2, arbitrary: fc.constantFrom(...urls, ...dates) },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, 0, -1, NaN, true, false, '', [], {}) },
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.record({ id: fc.string({ maxLength: 4 }) }), fc.record({ type: fc.string({ unit: awkwardChar, maxLength: 4 }) }), fc.anything({ maxDepth: 1 })), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(63, 64, 65, 999, 1000, 1001).map((n) => Array.from({ length: n }, () => ({ id: '29:x', type: 'mention' }))) },
  { weight: 1, arbitrary: fc.constant(null).map(protoKeys) },
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('set' as const), path: fc.constantFrom(...knownPaths), value: hostile }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), path: fc.constantFrom(...knownPaths) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('extra' as const),
      at: fc.constantFrom('', 'from', 'conversation', 'channelData', 'channelData.team', 'value', 'value.action', 'value.action.data'),
      key: fc.constantFrom('__proto__', 'constructor', 'toString', 'x-teams-new'),
      value: hostile,
    }),
  },
);

describe('the quick check never says yes to what the schema refuses', () => {
  it('holds for thousands of mutated Teams activities', () => {
    const bases = Object.values(typical);
    let yes = 0;
    let no = 0;
    fc.assert(
      fc.property(fc.nat(bases.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 }), (b, ms) => {
        const mutated = bases[b]!();
        for (const m of ms) applyMutation(mutated, m);
        // What restify's bodyParser hands the check: JSON.parse output (no holes, no undefined, plain prototypes).
        const activity = JSON.parse(JSON.stringify(mutated));
        if (!certainlyAcceptable(activity)) {
          no++;
          return;
        }
        yes++;
        const parsed = activityBodySchema.safeParse(activity);
        expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
      }),
      // QC_SEED=<seed from a failure report> replays a failing run; QC_RUNS raises the count for a longer search.
      { numRuns: Number(process.env.QC_RUNS ?? 10_000), ...(process.env.QC_SEED ? { seed: Number(process.env.QC_SEED) } : {}) },
    );
    // Both answers were exercised, so the invariant above was tested on real yeses, not vacuously.
    expect(yes).toBeGreaterThan(500);
    expect(no).toBeGreaterThan(500);
  });
});

/** Sets a dotted path on a fresh activity (creating objects on the way). */
function withField(base: string, path: string, value: unknown): Record<string, any> {
  const a = typical[base]!();
  applyMutation(a, { op: 'set', path, value });
  return a;
}

const msg = 'channel message with team, channel, tenant and a mention';
const card = 'adaptiveCard/action invoke with data';
const search = 'application/search invoke';
const x = (n: number) => 'x'.repeat(n);
const date = (n: number) => `Fri Nov 20 2026 10:00:00 GMT+0800 (${'c'.repeat(n - 36)})`;
const members = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `29:m${i}` }));
const entities = (n: number) => Array.from({ length: n }, () => ({ type: 'mention' }));

// [base, path, value at the schema's limit, value one past it]: both sides must draw the line in the same place.
const limits: [string, string, unknown, unknown][] = [
  [msg, 'type', x(64), x(65)],
  [msg, 'id', x(1024), x(1025)],
  [card, 'serviceUrl', `https://long.example/${x(2048 - 21)}`, `https://long.example/${x(2049 - 21)}`],
  [msg, 'channelId', x(64), x(65)],
  [msg, 'from.id', x(1024), x(1025)],
  [msg, 'from.name', x(1024), x(1025)],
  [msg, 'from.aadObjectId', x(128), x(129)],
  [msg, 'recipient.name', x(1024), x(1025)],
  [msg, 'conversation.id', x(1024), x(1025)],
  [msg, 'conversation.conversationType', x(64), x(65)],
  [msg, 'conversation.tenantId', x(128), x(129)],
  [msg, 'conversation.name', x(1024), x(1025)],
  [msg, 'channelData.tenant.id', x(128), x(129)],
  [msg, 'channelData.team.id', x(1024), x(1025)],
  [msg, 'channelData.team.name', x(1024), x(1025)],
  [msg, 'channelData.team.aadGroupId', x(128), x(129)],
  [msg, 'channelData.channel.id', x(1024), x(1025)],
  [msg, 'channelData.channel.name', x(1024), x(1025)],
  [msg, 'channelData.eventType', x(64), x(65)],
  [msg, 'locale', x(64), x(65)],
  [msg, 'localTimezone', x(128), x(129)],
  [msg, 'textFormat', x(32), x(33)],
  [msg, 'entities', entities(64), entities(65)],
  [msg, 'entities.0.type', x(64), x(65)],
  [msg, 'replyToId', x(1024), x(1025)],
  [msg, 'action', x(64), x(65)],
  [msg, 'membersAdded', members(1000), members(1001)],
  [msg, 'membersRemoved', members(1000), members(1001)],
  [msg, 'timestamp', date(64), date(65)],
  [msg, 'localTimestamp', date(64), date(65)],
  [msg, 'expiration', date(64), date(65)],
  [card, 'name', 'adaptiveCard/action', 'adaptiveCard/Action'],
  [card, 'value.action.type', x(64), x(65)],
  [card, 'value.action.verb', x(200), x(201)],
  [search, 'value.queryText', x(1000), x(1001)],
  [search, 'value.dataset', x(200), x(201)],
];

describe('each limit of the schema is mirrored exactly', () => {
  it.each(limits.map(([b, p, ok, over]) => [p, b, ok, over] as const))('%s', (path, base, ok, over) => {
    const atLimit = withField(base, path, ok);
    expect(certainlyAcceptable(atLimit)).toBe(true);
    expect(activityBodySchema.safeParse(atLimit).success).toBe(true);
    const pastLimit = withField(base, path, over);
    expect(activityBodySchema.safeParse(pastLimit).success).toBe(false);
    expect(certainlyAcceptable(pastLimit)).toBe(false);
  });
});

describe('a no from the quick check still gets the schema', () => {
  const bad: [string, (a: Record<string, any>) => void, string][] = [
    ['from.id a number', (a) => (a.from.id = 5), 'from.id'],
    ['ftp serviceUrl', (a) => (a.serviceUrl = 'ftp://files.example/'), 'serviceUrl'],
    ['conversation.id with a lone surrogate', (a) => (a.conversation.id = 'a:\uD800x'), 'conversation.id'],
    ['an invoke this bot does not handle', (a) => (a.name = 'composeExtension/query'), 'name'],
    ['a date that is not one', (a) => (a.timestamp = '2026-13-45T99:00:00Z'), 'timestamp'],
  ];
  it.each(bad)('%s → refused with a reason naming the field', (_, mutate, field) => {
    const a = typical['adaptiveCard/action invoke with data']!();
    mutate(a);
    expect(certainlyAcceptable(a)).toBe(false);
    expect(describeActivityProblem(a)).toContain(field);
  });

  it('an activity the quick check declines but the schema accepts is still served', () => {
    // Card data with an own "__proto__" key: the quick check leaves records like that to zod, which accepts them.
    const a = typical['adaptiveCard/action invoke with data']!();
    a.value.action.data = JSON.parse('{"__proto__":{"verb":"help.show"},"caseId":"K7Q-X2M"}');
    expect(certainlyAcceptable(a)).toBe(false);
    expect(describeActivityProblem(a)).toBeUndefined();
  });
});
