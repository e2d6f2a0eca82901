import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { cardsDir } from '../paths.js';

/** An expanded Adaptive Card (the JSON Teams receives). */
export type Card = Record<string, unknown>;

export const adaptiveCardContentType = 'application/vnd.microsoft.card.adaptive';

/**
 * Parsed templates, one per card. Building an ACData.Template costs ~4 ms and expanding a built one ~0.1 ms, so the
 * instance is reused; each expansion returns a fresh object that shares nothing with the template.
 */
const templates = new Map<string, ACData.Template>();
function template(name: string): ACData.Template {
  let t = templates.get(name);
  if (!t) {
    if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`bad card template name: ${name}`);
    t = new ACData.Template(JSON.parse(readFileSync(join(cardsDir, `${name}.json`), 'utf8')));
    templates.set(name, t);
  }
  return t;
}

/**
 * Expands cards/<name>.json with `data`. Everything a user typed travels in `data`: the templating engine
 * substitutes values without evaluating them again, so `${…}` or markdown in user text stays plain text.
 */
export function renderCard(name: string, data: object): Card {
  return template(name).expand({ $root: data }) as Card;
}

export function cardAttachment(card: Card) {
  return { contentType: adaptiveCardContentType, content: card };
}

export function templateNames(): string[] {
  return readdirSync(cardsDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5));
}
