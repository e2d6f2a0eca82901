import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { cardsDir } from '../paths.js';

/** An expanded Adaptive Card (the JSON Teams receives). */
export type Card = Record<string, unknown>;

export const adaptiveCardContentType = 'application/vnd.microsoft.card.adaptive';

const templates = new Map<string, unknown>();
function template(name: string): unknown {
  let t = templates.get(name);
  if (!t) {
    if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`bad card template name: ${name}`);
    t = JSON.parse(readFileSync(join(cardsDir, `${name}.json`), 'utf8'));
    templates.set(name, t);
  }
  return t;
}

/**
 * Expands cards/<name>.json with `data`. Everything a user typed travels in `data`: the templating engine
 * substitutes values without evaluating them again, so `${…}` or markdown in user text stays plain text.
 */
export function renderCard(name: string, data: object): Card {
  const expanded = new ACData.Template(template(name)).expand({ $root: data }) as Card;
  return expanded;
}

export function cardAttachment(card: Card) {
  return { contentType: adaptiveCardContentType, content: card };
}

export function templateNames(): string[] {
  return readdirSync(cardsDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5));
}
