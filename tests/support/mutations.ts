/** A change to one field of an activity, as the property tests over hostile activities generate them. */
export type Mutation =
  | { op: 'set'; path: string; value: unknown }
  | { op: 'delete'; path: string }
  | { op: 'extra'; at: string; key: string; value: unknown };

const define = (node: object, key: string, value: unknown) => Object.defineProperty(node, key, { value, enumerable: true, configurable: true, writable: true });
const isContainer = (v: unknown): v is object =>
  Array.isArray(v) || (typeof v === 'object' && v !== null && [Object.prototype, null].includes(Object.getPrototypeOf(v)));
/** A shallow copy keeping own `__proto__` keys, which spread and Object.assign would turn into prototype changes. */
const copyOf = (v: object): object => Object.defineProperties(Array.isArray(v) ? [] : Object.create(Object.getPrototypeOf(v)), Object.getOwnPropertyDescriptors(v));

/**
 * Applies a mutation as an own property (`__proto__` included), which JSON.stringify keeps and JSON.parse restores.
 * Only plain objects and arrays are descended into; anything else on the way (a string, a boxed String whose indexes
 * are read-only, a Date) is replaced by an empty object first, as JSON would carry it. Each container on the way is
 * copied before it is written: it may be a generated value, which fast-check reuses across runs and while shrinking
 * (and fc.constant hands out as one instance), and writing into it could make it contain itself. CI seed -1405535256
 * of the quick-check property did that, and JSON.stringify then refused the cycle.
 */
export function applyMutation(activity: Record<string, unknown>, m: Mutation): void {
  const path = m.op === 'extra' ? (m.at ? `${m.at}.${m.key}` : m.key) : m.path;
  const parts = path.split('.');
  let node: any = activity;
  for (const p of parts.slice(0, -1)) {
    define(node, p, Object.hasOwn(node, p) && isContainer(node[p]) ? copyOf(node[p]) : {});
    node = node[p];
  }
  const last = parts.at(-1)!;
  if (m.op === 'delete') delete node[last];
  else define(node, last, m.value);
}
