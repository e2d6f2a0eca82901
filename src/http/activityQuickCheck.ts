/**
 * A fast yes for the activities Teams actually sends (issue 11). The zod schema in activityBody.ts is the definition
 * of an acceptable activity and the only source of a 400's reason; parsing it cost ~100 µs of CPU per turn under
 * load (a fresh copy of every object, a refinement per id, a URL parse), more than a twelfth of a card click.
 *
 * This function mirrors that schema field by field but only ever answers "certainly acceptable" or "ask zod": a
 * false here costs nothing but the full parse. Tests set ACTIVITY_VERIFY=1 (vitest.config.ts), and then every yes
 * is parsed by zod as well and a disagreement throws, so the 10 000 mutated activities of
 * tests/http/mutatedActivities.test.ts and every other test that posts an activity check the mirror.
 */
import { handledInvokes, isServiceUrl, wellFormed } from './activityRules.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const absent = (v: unknown) => v === undefined || v === null;
const str = (v: unknown, max: number, min = 0): v is string => typeof v === 'string' && v.length <= max && v.length >= min;
const optStr = (v: unknown, max: number) => absent(v) || str(v, max);
const idStr = (v: unknown): v is string => str(v, 1024, 1) && wellFormed(v);
const optTime = (v: unknown) => absent(v) || (str(v, 64) && !Number.isNaN(Date.parse(v)));

/** Every element, holes included (Array.prototype.every skips holes; the schema does not). */
const all = (a: unknown[], ok: (v: unknown) => boolean) => {
  for (let i = 0; i < a.length; i++) if (!ok(a[i])) return false;
  return true;
};
const account = (v: unknown) => isObj(v) && idStr(v.id) && optStr(v.name, 1024) && optStr(v.aadObjectId, 128);
const accounts = (v: unknown) => absent(v) || (Array.isArray(v) && v.length <= 1000 && all(v, account));

function channelData(v: unknown): boolean {
  if (absent(v)) return true;
  if (!isObj(v)) return false;
  const { tenant, team, channel } = v;
  return (
    (absent(tenant) || (isObj(tenant) && optStr(tenant.id, 128))) &&
    (absent(team) || (isObj(team) && (absent(team.id) || idStr(team.id)) && optStr(team.name, 1024) && optStr(team.aadGroupId, 128))) &&
    (absent(channel) || (isObj(channel) && (absent(channel.id) || idStr(channel.id)) && optStr(channel.name, 1024))) &&
    optStr(v.eventType, 64)
  );
}

const plainRecord = (v: unknown) => isObj(v) && Object.getPrototypeOf(v) === Object.prototype && !Object.hasOwn(v, '__proto__');

function invokeValue(name: string, value: unknown): boolean {
  if (!isObj(value)) return false;
  if (name === 'application/search') return optStr(value.queryText, 1_000) && str(value.dataset, 200);
  const action = value.action;
  return isObj(action) && str(action.type, 64) && optStr(action.verb, 200) && (absent(action.data) || plainRecord(action.data));
}

/** True only when activityBodySchema certainly accepts `body`; false means "run the schema". */
export function certainlyAcceptable(body: Obj): boolean {
  const { type, conversation: c } = body;
  if (!str(type, 64, 1) || !str(body.channelId, 64, 1) || !isServiceUrl(body.serviceUrl)) return false;
  if (!(absent(body.id) || (str(body.id, 1024) && wellFormed(body.id))) || !optStr(body.name, 200)) return false;
  if (!account(body.from) || !(absent(body.recipient) || account(body.recipient))) return false;
  if (!isObj(c) || !idStr(c.id) || !optStr(c.conversationType, 64) || !optStr(c.tenantId, 128) || !(absent(c.isGroup) || typeof c.isGroup === 'boolean') || !optStr(c.name, 1024)) return false;
  if (!channelData(body.channelData)) return false;
  if (!optStr(body.locale, 64) || !optStr(body.localTimezone, 128) || !(absent(body.text) || typeof body.text === 'string') || !optStr(body.textFormat, 32)) return false;
  const entities = body.entities;
  if (!(absent(entities) || (Array.isArray(entities) && entities.length <= 64 && all(entities, (e) => isObj(e) && str(e.type, 64))))) return false;
  if (!(absent(body.replyToId) || (str(body.replyToId, 1024) && wellFormed(body.replyToId))) || !optStr(body.action, 64)) return false;
  if (!accounts(body.membersAdded) || !accounts(body.membersRemoved)) return false;
  if (!optTime(body.timestamp) || !optTime(body.localTimestamp) || !optTime(body.expiration)) return false;
  if (type === 'invoke') return typeof body.name === 'string' && (handledInvokes as readonly string[]).includes(body.name) && invokeValue(body.name, body.value);
  // Action.Submit data on a message must be an object.
  return type !== 'message' || absent(body.value) || isObj(body.value);
}
