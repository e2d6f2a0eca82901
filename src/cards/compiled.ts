/**
 * A fast path for expanding our card templates (issue 11). adaptivecards-templating evaluates every `${…}` through
 * adaptive-expressions: a fresh memory object, a case-insensitive scan of every object's keys per path step, and
 * options objects per expression. That was ~70 % of rendering a flow card (~160 of ~240 µs per click).
 *
 * Our templates use a small subset of the language: a whole string is one `${…}` holding a path (`a.b`,
 * `a['b']`, `$root.x`, `$data`, `$index`), `!path` (booleans), `path != ''` / `path == ''`, or `count(path) > n` (and the other
 * comparisons), plus `$data` (repeat over an array, or rebind) and `$when`. A template that uses anything else is
 * not compiled and always goes through the library. At expansion time the fast path gives up (throws `Unsure`)
 * on anything whose library result it would have to guess: a missing or null value (the library substitutes
 * `${path}`), a key that matches another key case-insensitively (the library picks the first such key), a
 * comparison of a non-string, `count` of a non-array, a `$data` that is not an array or object. The caller then
 * expands with the library, so the output is always the library's; the test suite runs both on every card
 * (CARDS_VERIFY) and fails on any difference.
 */

export class Unsure extends Error {}
const unsure = new Unsure('template value outside the fast path');

type Path = { root: '$data' | '$root' | '$index'; parts: string[] };
type Expr =
  | { t: 'path'; path: Path }
  | { t: 'not'; path: Path }
  | { t: 'strCmp'; path: Path; op: '==' | '!='; lit: string }
  | { t: 'count'; path: Path; op: '>' | '>=' | '<' | '<=' | '==' | '!='; n: number };

type Node =
  | { k: 'lit'; v: unknown }
  | { k: 'expr'; e: Expr }
  | { k: 'arr'; items: Node[] }
  | { k: 'obj'; entries: Array<[string, Node]>; data?: Expr; when?: Expr };

/** Fields the library reads as directives and never copies into the output. */
const reserved = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);

const ident = String.raw`[A-Za-z_][A-Za-z0-9_]*`;
const pathRe = new RegExp(String.raw`^(\$root|\$data|\$index|${ident})((?:\.${ident}|\['[A-Za-z0-9_.\- ]*'\])*)$`);
const partRe = new RegExp(String.raw`\.(${ident})|\['([A-Za-z0-9_.\- ]*)'\]`, 'g');

function parsePath(text: string): Path | undefined {
  const m = pathRe.exec(text.trim());
  if (!m) return undefined;
  const head = m[1]!;
  const parts = [...m[2]!.matchAll(partRe)].map((p) => p[1] ?? p[2]!);
  if (head === '$root' || head === '$data' || head === '$index') return { root: head, parts };
  // Like the library's memory: a bare name is looked up in the current `$data`.
  return { root: '$data', parts: [head, ...parts] };
}

function parseExpr(text: string): Expr | undefined {
  const negated = /^!\s*(.+)$/.exec(text.trim());
  if (negated) {
    const path = parsePath(negated[1]!);
    return path ? { t: 'not', path } : undefined;
  }
  let m = /^(.+?)\s*(==|!=)\s*''$/.exec(text.trim());
  if (m) {
    const path = parsePath(m[1]!);
    return path ? { t: 'strCmp', path, op: m[2] as '==' | '!=', lit: '' } : undefined;
  }
  m = /^count\((.+)\)\s*(>=|<=|==|!=|>|<)\s*(\d+)$/.exec(text.trim());
  if (m) {
    const path = parsePath(m[1]!);
    return path ? { t: 'count', path, op: m[2] as '>', n: Number(m[3]) } : undefined;
  }
  const path = parsePath(text);
  return path ? { t: 'path', path } : undefined;
}

/** The whole string must be one `${…}`; text around it, or several expressions, are left to the library. */
function parseTemplateString(s: string): Expr | undefined | 'literal' {
  if (!s.includes('${')) return 'literal';
  const m = /^\$\{([^{}]*)\}$/.exec(s);
  return m ? parseExpr(m[1]!) : undefined;
}

/** Compiles a parsed template, or returns undefined when it uses anything outside the subset. */
export function compileTemplate(node: unknown): Node | undefined {
  if (typeof node === 'string') {
    const e = parseTemplateString(node);
    return e === 'literal' ? { k: 'lit', v: node } : e ? { k: 'expr', e } : undefined;
  }
  if (Array.isArray(node)) {
    const items: Node[] = [];
    for (const item of node) {
      const c = compileTemplate(item);
      if (!c) return undefined;
      items.push(c);
    }
    return { k: 'arr', items };
  }
  if (typeof node === 'object' && node !== null) {
    const obj = node as Record<string, unknown>;
    const out: Extract<Node, { k: 'obj' }> = { k: 'obj', entries: [] };
    for (const [key, value] of Object.entries(obj)) {
      if (key.includes('${')) return undefined;
      if (key === '$data' || key === '$when') {
        const e = typeof value === 'string' ? parseTemplateString(value) : undefined;
        if (!e || e === 'literal') return undefined;
        out[key === '$data' ? 'data' : 'when'] = e;
        continue;
      }
      if (reserved.has(key)) continue;
      const c = compileTemplate(value);
      if (!c) return undefined;
      out.entries.push([key, c]);
    }
    return out;
  }
  return { k: 'lit', v: node };
}

interface Ctx {
  root: unknown;
  data: unknown;
  index: number | undefined;
}

/** One property step as the library would take it, or Unsure where its case-insensitive lookup could differ. */
function step(cur: unknown, part: string): unknown {
  if (typeof cur !== 'object' || cur === null || Array.isArray(cur) || cur instanceof Map) throw unsure;
  const rec = cur as Record<string, unknown>;
  if (!Object.prototype.hasOwnProperty.call(rec, part)) throw unsure;
  const lower = part.toLowerCase();
  for (const k in rec) {
    if (k === part) break;
    if (k.length === part.length && k.toLowerCase() === lower) throw unsure;
  }
  return rec[part];
}

function lookup(p: Path, ctx: Ctx): unknown {
  let cur: unknown = p.root === '$root' ? ctx.root : p.root === '$index' ? ctx.index : ctx.data;
  for (const part of p.parts) cur = step(cur, part);
  if (cur === undefined || cur === null) throw unsure;
  return cur;
}

function evaluate(e: Expr, ctx: Ctx): unknown {
  const v = lookup(e.path, ctx);
  if (e.t === 'path') return v;
  if (e.t === 'not') {
    // The library's `!` applies its own truthiness to non-booleans; only booleans are certain.
    if (typeof v !== 'boolean') throw unsure;
    return !v;
  }
  if (e.t === 'strCmp') {
    if (typeof v !== 'string') throw unsure;
    return e.op === '==' ? v === e.lit : v !== e.lit;
  }
  if (!Array.isArray(v)) throw unsure;
  const n = v.length;
  switch (e.op) {
    case '>': return n > e.n;
    case '>=': return n >= e.n;
    case '<': return n < e.n;
    case '<=': return n <= e.n;
    case '==': return n === e.n;
    default: return n !== e.n;
  }
}

/** Mirrors Template.internalExpand of adaptivecards-templating 2.3 for the compiled subset. */
function expandNode(node: Node, ctx: Ctx): unknown {
  switch (node.k) {
    case 'lit':
      return node.v;
    case 'expr':
      return evaluate(node.e, ctx);
    case 'arr': {
      const out: unknown[] = [];
      for (const item of node.items) {
        const v = expandNode(item, ctx);
        if (v === null) continue;
        if (Array.isArray(v)) for (const x of v) out.push(x);
        else out.push(v);
      }
      return out;
    }
    case 'obj': {
      // Most objects have no `$data`: they keep the parent's context, so no context list, result list or new context
      // is built for them (a 50-case list card is ~2 000 objects; issue 11, garbage per turn).
      if (!node.data) return node.when && evaluate(node.when, ctx) !== true ? null : expandEntries(node, ctx);
      let contexts: unknown[];
      let isArray = false;
      const d = evaluate(node.data, ctx);
      if (Array.isArray(d)) {
        contexts = d;
        isArray = true;
      } else if (typeof d === 'object') {
        contexts = [d];
      } else throw unsure;
      const results: unknown[] = [];
      for (let i = 0; i < contexts.length; i++) {
        const item = contexts[i];
        // The library keeps the previous item's `$data` for an undefined one; not worth mirroring.
        if (item === undefined && isArray) throw unsure;
        const inner: Ctx = { root: ctx.root, data: item !== undefined ? item : ctx.data, index: isArray ? i : ctx.index };
        if (node.when && evaluate(node.when, inner) !== true) continue;
        results.push(expandEntries(node, inner));
      }
      return results.length === 0 ? null : results.length === 1 ? results[0] : results;
    }
  }
}

function expandEntries(node: Extract<Node, { k: 'obj' }>, ctx: Ctx): Record<string, unknown> {
  const obj: Record<string, unknown> = {};
  for (const [key, child] of node.entries) obj[key] = expandNode(child, ctx);
  return obj;
}

/** Expands a compiled template with `data` as `$root`; throws Unsure when the library must decide. */
export function expandCompiled(node: Node, data: unknown): unknown {
  return expandNode(node, { root: data, data, index: undefined });
}

export type CompiledTemplate = Node;
