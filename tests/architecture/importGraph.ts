/**
 * Reads the import graph of src/ straight from the TypeScript sources (static `import`/`export … from` and
 * dynamic `import('…')`), so the layering rules of DESIGN §3 are checked by `npm test` rather than by review.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export interface ImportEdge {
  /** Importing file, relative to the repository root with forward slashes (e.g. `src/reminders/worker.ts`). */
  from: string;
  /** The specifier as written (`../channel/port.js`, `botbuilder`). */
  specifier: string;
  /** The resolved file for relative specifiers, relative to the repository root; undefined for packages. */
  to?: string;
  line: number;
}

const importPattern = /(?:^|[\s;])(?:import|export)\s[^'"`]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

export function listSources(root: string, dir = 'src'): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(join(root, rel)).isDirectory()) out.push(...listSources(root, rel));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out.sort();
}

/** Strips comments so an import shown in a doc comment is not counted; string contents are kept. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function resolveRelative(root: string, from: string, specifier: string): string {
  const base = resolve(root, dirname(from), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, join(base, 'index.ts')];
  const found = candidates.find((c) => {
    try {
      return statSync(c).isFile();
    } catch {
      return false;
    }
  });
  return relative(root, found ?? candidates[0]!).split(sep).join('/');
}

export function importsOf(root: string, file: string, text = readFileSync(join(root, file), 'utf8')): ImportEdge[] {
  const code = withoutComments(text);
  const edges: ImportEdge[] = [];
  for (const m of code.matchAll(importPattern)) {
    const specifier = (m[1] ?? m[2] ?? m[3])!;
    const line = code.slice(0, m.index).split('\n').length + (m[0].match(/^\s*/)?.[0].split('\n').length ?? 1) - 1;
    const edge: ImportEdge = { from: file, specifier, line };
    if (specifier.startsWith('.')) edge.to = resolveRelative(root, file, specifier);
    edges.push(edge);
  }
  return edges;
}

export function importGraph(root: string, files = listSources(root)): ImportEdge[] {
  return files.flatMap((f) => importsOf(root, f));
}

/** Every elementary cycle found by a depth-first search, each as the list of files ending where it started. */
export function findCycles(edges: ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) if (e.to) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const to of next.get(node) ?? []) {
      if (state.get(to) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(to)), to];
        const key = [...cycle.slice(0, -1)].sort().join('|');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(cycle);
        }
      } else if (!state.has(to)) visit(to);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...next.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

/**
 * For each file in `from`, the shortest import chain to a file or package that `forbidden` matches, if any: so a
 * domain file that reaches the Teams layer through a neutral-looking module (say `src/app/services.ts`) is caught too.
 */
export function forbiddenChains(edges: ImportEdge[], from: string[], forbidden: (target: string) => boolean): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to ?? e.specifier]);
  const chains: string[][] = [];
  for (const start of from) {
    const parent = new Map<string, string>([[start, '']]);
    const queue = [start];
    let hit: string | undefined;
    while (queue.length && !hit) {
      const node = queue.shift()!;
      for (const to of next.get(node) ?? []) {
        if (parent.has(to)) continue;
        parent.set(to, node);
        if (forbidden(to)) {
          hit = to;
          break;
        }
        queue.push(to);
      }
    }
    if (!hit) continue;
    const chain = [hit];
    for (let n = parent.get(hit)!; n; n = parent.get(n)!) chain.unshift(n);
    chains.push(chain);
  }
  return chains;
}
