// Writes every card sample (tests/cards/samples.ts: the real builders with realistic data) as an expanded Adaptive Card,
// one JSON file per sample and locale, for rendering screenshots (README, docs/screenshots/) or pasting into the
// Adaptive Cards Designer.
//   npx tsx scripts/card-samples.ts --out DIR [--locale en,zh-TW,zh-CN] [--only "flow intake (empty),reminder ..."]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cardSamples } from '../tests/cards/samples.js';
import type { Locale } from '../src/i18n/index.js';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const out = resolve(opt('--out') ?? 'build/card-samples');
const locales = (opt('--locale') ?? 'en').split(',') as Locale[];
const only = opt('--only')?.split(',').map((s) => s.trim());
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

mkdirSync(out, { recursive: true });
let n = 0;
for (const sample of cardSamples) {
  if (only && !only.includes(sample.name)) continue;
  for (const locale of locales) {
    const file = join(out, `${slug(sample.name)}.${locale}.json`);
    writeFileSync(file, JSON.stringify(await sample.build(locale), null, 2) + '\n');
    n++;
  }
}
console.log(`${n} cards written to ${out}`);
