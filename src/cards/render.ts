import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type * as ACDataTypes from 'adaptivecards-templating';
import { cardsDir } from '../paths.js';
import { compileTemplate, expandCompiled, Unsure, type CompiledTemplate } from './compiled.js';
import { onFirstUse } from '../loadOnFirstUse.js';

/** An expanded Adaptive Card (the JSON Teams receives). */
export type Card = Record<string, unknown>;

export const adaptiveCardContentType = 'application/vnd.microsoft.card.adaptive';

/**
 * Parsed templates, one per card. Building an ACData.Template costs ~4 ms and expanding a built one ~0.1–0.2 ms, so the
 * instance is reused; each expansion returns a fresh object that shares nothing with the template. Beside it, the
 * compiled fast path of ./compiled.ts (undefined when the template uses more than that subset).
 */
interface Parsed {
  json: unknown;
  library: ACDataTypes.Template | undefined;
  compiled: CompiledTemplate | undefined;
}

/**
 * adaptivecards-templating (with adaptive-expressions and antlr4ts, ~5 MB of heap) is loaded on the first card the
 * compiled path cannot expand, not at start: with every template in the subset it usually never loads.
 */
const templatingLibrary = onFirstUse<typeof ACDataTypes>('adaptivecards-templating');
function libraryTemplate(t: Parsed): ACDataTypes.Template {
  t.library ??= new (templatingLibrary().Template)(t.json);
  return t.library;
}
const templates = new Map<string, Parsed>();
function template(name: string): Parsed {
  let t = templates.get(name);
  if (!t) {
    if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`bad card template name: ${name}`);
    const json: unknown = JSON.parse(readFileSync(join(cardsDir, `${name}.json`), 'utf8'));
    t = { json, library: undefined, compiled: compileTemplate(json) };
    templates.set(name, t);
  }
  return t;
}

/** Tests set CARDS_VERIFY=1 (vitest.config.ts): every card is then expanded both ways and must come out the same. */
const verify = process.env.CARDS_VERIFY === '1';

/**
 * Expands cards/<name>.json with `data`. Everything a user typed travels in `data`: the templating engine
 * substitutes values without evaluating them again, so `${…}` or markdown in user text stays plain text
 * (the compiled path only ever looks values up, so the same holds there).
 */
export function renderCard(name: string, data: object): Card {
  const t = template(name);
  const viaLibrary = () => libraryTemplate(t).expand({ $root: data }) as Card;
  if (!t.compiled) return viaLibrary();
  let card: Card;
  try {
    card = expandCompiled(t.compiled, data) as Card;
  } catch (err) {
    if (err instanceof Unsure) return viaLibrary();
    throw err;
  }
  if (verify) {
    const expected = viaLibrary();
    if (!isDeepStrictEqual(card, expected)) {
      throw new Error(`card ${name}: the compiled expansion differs from adaptivecards-templating\n${JSON.stringify(card)}\n${JSON.stringify(expected)}`);
    }
  }
  return card;
}

/** Which templates take the compiled path (for tests). */
export function compiledTemplateNames(): string[] {
  return templateNames().filter((n) => template(n).compiled !== undefined);
}

export function cardAttachment(card: Card) {
  return { contentType: adaptiveCardContentType, content: card };
}

export function templateNames(): string[] {
  return readdirSync(cardsDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5));
}
