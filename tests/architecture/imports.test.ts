/**
 * The layering of DESIGN §3 as a test: the Teams layer depends on the domain, never the other way round, and no
 * circle anywhere in src/. A failure names the file, the line and the import so the fix is obvious.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCycles, forbiddenChains, importGraph, importsOf } from './importGraph.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const edges = importGraph(root);

/** Folders (and the entry point) allowed to know Bot Framework and the Teams layer: the adapters and the composition root. */
const adapterSide = (file: string) => /^src\/(teams|http|app)\//.test(file) || file === 'src/index.ts';
const botPackages = /^(botbuilder|botframework-|restify)/;

const describeEdge = (e: { from: string; line: number; specifier: string }) => `${e.from}:${e.line} imports '${e.specifier}'`;

describe('import graph of src/', () => {
  it('is read from the sources (sanity: the Teams layer imports the flow)', () => {
    expect(edges.length).toBeGreaterThan(100);
    expect(edges.some((e) => e.from === 'src/teams/bot.ts' && e.specifier === 'botbuilder')).toBe(true);
  });

  it('resolves every relative import to a file in the repository', () => {
    const unresolved = edges.filter((e) => e.to && !e.to.startsWith('src/'));
    expect(unresolved.map(describeEdge)).toEqual([]);
  });

  it('has no circle', () => {
    const cycles = findCycles(edges).map((c) => c.join(' -> '));
    expect(cycles, `import circles in src/:\n${cycles.join('\n')}`).toEqual([]);
  });

  it('no domain file imports src/teams/', () => {
    const bad = edges.filter((e) => !adapterSide(e.from) && e.to?.startsWith('src/teams/')).map(describeEdge);
    expect(bad, `domain files importing the Teams layer (declare a port beside the domain instead):\n${bad.join('\n')}`).toEqual([]);
  });

  it('no domain file reaches src/teams/, botbuilder or restify through other modules either', () => {
    const domainFiles = [...new Set(edges.map((e) => e.from))].filter((f) => !adapterSide(f));
    const chains = forbiddenChains(edges, domainFiles, (to) => to.startsWith('src/teams/') || botPackages.test(to)).map((c) => c.join(' -> '));
    expect(chains, `domain files depending on the Teams layer indirectly:\n${chains.join('\n')}`).toEqual([]);
  });

  it('no domain file imports botbuilder or restify', () => {
    const bad = edges.filter((e) => !adapterSide(e.from) && botPackages.test(e.specifier)).map(describeEdge);
    expect(bad, `domain files importing a bot SDK (only src/teams, src/http, src/app may):\n${bad.join('\n')}`).toEqual([]);
  });
});

describe('the import reader', () => {
  it('finds static, type-only, re-export, side-effect and dynamic imports, and skips comments', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b/b.js';",
      "export { c } from './c.js';",
      "import './side.js';",
      "const d = await import('./d.js');",
      "// import { e } from './e.js';",
      "/* import { f } from './f.js'; */",
      'import {',
      '  g,',
      "} from 'botbuilder';",
    ].join('\n');
    const found = importsOf(root, 'src/x/file.ts', text);
    expect(found.map((e) => e.specifier)).toEqual(['./a.js', '../b/b.js', './c.js', './side.js', './d.js', 'botbuilder']);
    expect(found[1]!.to).toBe('src/b/b.ts');
  });

  it('reports the chain from a domain file to the Teams layer', () => {
    const e = (from: string, to: string) => ({ from, to, specifier: to, line: 1 });
    const edges = [e('src/sla/a.ts', 'src/app/services.ts'), e('src/app/services.ts', 'src/teams/x.ts'), e('src/sla/b.ts', 'src/sla/a.ts')];
    expect(forbiddenChains(edges, ['src/sla/b.ts'], (to) => to.startsWith('src/teams/'))).toEqual([['src/sla/b.ts', 'src/sla/a.ts', 'src/app/services.ts', 'src/teams/x.ts']]);
  });

  it('reports a circle with its files in order', () => {
    const e = (from: string, to: string) => ({ from, to, specifier: to, line: 1 });
    expect(findCycles([e('src/a.ts', 'src/b.ts'), e('src/b.ts', 'src/c.ts'), e('src/c.ts', 'src/a.ts'), e('src/c.ts', 'src/d.ts')])).toEqual([
      ['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/a.ts'],
    ]);
  });
});
