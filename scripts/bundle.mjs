#!/usr/bin/env node
/**
 * Bundles the bot (src/index.ts) into dist/bundle/index.mjs, which `npm start` and the container run, and the turns
 * bench's bot (bench/appBot.ts) into dist/bundle/benchApp.mjs, so the bench measures what production runs.
 *
 * Why (issue 11, peak RSS): V8 keeps every loaded module's source text and compiled top level in the heap, and the
 * old space grows to a multiple of the live heap under load. `import 'zod'` alone evaluates all ~60 of its locales,
 * and Kysely's index loads ~300 modules we mostly never call. Bundling our own code with the pure-JS libraries it
 * uses drops what is never referenced and the comments, which shrinks the live heap by about 4 MB.
 *
 * Only our own code and these libraries are bundled. Everything else stays a normal `node_modules` import, loaded
 * exactly as it would be without the bundle: the platform (botbuilder, restify: what the echo bot of the turns bench
 * loads too), native addons (better-sqlite3), packages loaded on first use (pg, msal, date-holidays, the telemetry
 * SDKs, adaptivecards-templating), and pino, whose transports start worker threads by file name.
 */
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundled = new Set(['zod', 'kysely', 'intl-messageformat', '@formatjs/ecma402-abstract', '@formatjs/fast-memoize', '@formatjs/icu-messageformat-parser', '@formatjs/icu-skeleton-parser', 'dotenv', 'tslib']);
const packageOf = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);

/** Bare imports outside `bundled` stay imports; relative ones (our code, and files inside a bundled package) are followed. */
const keepPlatformExternal = {
  name: 'keep-platform-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { external: true };
      return bundled.has(packageOf(args.path)) ? undefined : { external: true };
    });
  },
};

/**
 * One non-ASCII character makes V8 hold the whole bundle's source as UTF-16, twice the bytes. esbuild escapes it in
 * strings but not in regular expressions, so src/ writes Chinese in a regex as \uXXXX and this refuses anything else.
 */
function assertAscii(name, text) {
  const at = text.search(/[^\x00-\x7f]/);
  if (at >= 0) throw new Error(`bundle ${name}: non-ASCII ${JSON.stringify(text[at])} near ${JSON.stringify(text.slice(Math.max(0, at - 60), at + 20))}; write it as \\u${text.charCodeAt(at).toString(16).padStart(4, '0')} in src/`);
}

/**
 * zod's namespace re-exports all its locales (~300 KB of source, ~0.4 MB of heap once bundled). The bot never switches
 * zod's locale: users read messages from our own catalogs (src/i18n), and zod's English texts only reach the logs. So
 * in the bundle `z.locales` holds English alone; tests/production/bundle.test.ts fails if src/ starts using z.locales.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)$/.test(args.resolveDir) ? { path: 'zod-locales', namespace: 'zod-english-only' } : undefined);
    b.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, () => ({
      contents: "export { default as en } from 'zod/v4/locales/en.js';",
      resolveDir: root,
    }));
  },
};

export const entries = {
  index: 'src/index.ts',
  benchApp: 'bench/appBot.ts',
};

/**
 * Writes <outDir>/<name>.mjs (and its .map) for each named entry; returns esbuild's metafile per entry (which inputs
 * went in). `node scripts/bundle.mjs [name ...]` bundles the named entries, all by default.
 */
export async function bundle({ names = Object.keys(entries), outDir = 'dist/bundle' } = {}) {
  const metafiles = {};
  for (const name of names) {
    if (!entries[name]) throw new Error(`bundle: no entry named ${name} (entries: ${Object.keys(entries).join(', ')})`);
    const result = await build({
      absWorkingDir: root,
      entryPoints: [entries[name]],
      outfile: join(outDir, `${name}.mjs`),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Whitespace and syntax only: identifiers stay, so stack traces in the logs still read.
      minifyWhitespace: true,
      minifySyntax: true,
      legalComments: 'none',
      charset: 'ascii',
      sourcemap: 'linked',
      metafile: true,
      plugins: [zodEnglishOnly, keepPlatformExternal],
      // CommonJS inside bundled packages (dotenv) calls require(); ESM output has none, so give it one.
      banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
      logLevel: 'warning',
      write: false,
    });
    mkdirSync(join(root, outDir), { recursive: true });
    for (const file of result.outputFiles) {
      if (file.path.endsWith('.mjs')) assertAscii(name, file.text);
      writeFileSync(file.path, file.contents);
    }
    metafiles[name] = result.metafile;
  }
  return metafiles;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const names = process.argv.slice(2);
  await bundle(names.length ? { names } : {});
}
