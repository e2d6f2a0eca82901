import { describe, expect, it } from 'vitest';
import * as ACData from 'adaptivecards-templating';
import { compiledTemplateNames, renderCard, templateNames } from '../../src/cards/render.js';
import { compileTemplate, expandCompiled, Unsure } from '../../src/cards/compiled.js';

/**
 * The compiled fast path (issue 11) must give exactly what adaptivecards-templating gives. Every card the suite renders
 * is already checked both ways (CARDS_VERIFY in vitest.config.ts); these pin the subset and the give-up cases.
 */
const library = (template: unknown, data: object) => new ACData.Template(template).expand({ $root: data });
const both = (template: unknown, data: object) => {
  const compiled = compileTemplate(template);
  expect(compiled).toBeDefined();
  return { fast: () => expandCompiled(compiled!, data), slow: library(template, data) };
};

describe('compiled card templates', () => {
  it('the cards of every click and command take the fast path (outside the subset a card costs ~3× more to expand)', () => {
    // Other templates may use more of the language and simply go through the library; these are on every turn.
    const hot = ['help', 'flow-intake', 'flow-health', 'flow-troubleshoot', 'flow-decide', 'flow-outcome', 'flow-cases'];
    expect(templateNames()).toEqual(expect.arrayContaining(hot));
    expect(compiledTemplateNames()).toEqual(expect.arrayContaining(hot));
  });

  it('repeats over $data, binds $root and $index, drops on $when, flattens like the library', () => {
    const template = {
      type: 'AdaptiveCard',
      body: [
        { type: 'TextBlock', text: '${title}', $when: "${title != ''}" },
        { type: 'TextBlock', text: '${note}', $when: "${note != ''}" },
        { type: 'Container', $data: '${rows}', items: [{ type: 'TextBlock', text: '${name}', id: '${$root.id}' }, { n: '${$index}' }] },
        { type: 'Container', $data: '${none}', items: [] },
        { type: 'FactSet', facts: [{ $data: '${facts}', title: "${label['a']}", value: '${v}' }], $when: '${count(facts) > 0}' },
        { type: 'ActionSet', $when: '${count(facts) == 0}' },
        { type: 'TextBlock', text: 'shown', $when: '${!hidden}' },
        { type: 'TextBlock', text: 'not shown', $when: '${!flag2}' },
        { version: '${version}', flag: '${flag}', obj: '${obj}' },
      ],
    };
    const data = {
      title: 'Case ${evil} **bold**',
      note: '',
      id: 'K7Q-X2M',
      rows: [{ name: 'a' }, { name: 'b' }],
      none: [],
      facts: [{ label: { a: 'A' }, v: 'x' }],
      version: 3,
      flag: false,
      hidden: false,
      flag2: true,
      obj: { x: [1, 2] },
    };
    const { fast, slow } = both(template, data);
    expect(fast()).toEqual(slow);
    expect(JSON.stringify(fast())).toContain('Case ${evil} **bold**');
  });

  it('gives up where the library substitutes or guesses, so renderCard falls back to it', () => {
    expect(() => both({ text: '${missing}' }, {}).fast()).toThrow(Unsure);
    expect(() => both({ text: '${gone}' }, { gone: null }).fast()).toThrow(Unsure);
    // The library's lookups ignore case and take the first matching key.
    expect(() => both({ text: '${name}' }, { Name: 'first', name: 'second' }).fast()).toThrow(Unsure);
    expect(() => both({ $when: "${n != ''}", a: 1 }, { n: 5 }).fast()).toThrow(Unsure);
    expect(() => both({ $when: '${count(s) > 0}', a: 1 }, { s: 'abc' }).fast()).toThrow(Unsure);
  });

  it('leaves templates outside the subset to the library', () => {
    expect(compileTemplate({ text: 'Hello ${name}' })).toBeUndefined();
    expect(compileTemplate({ text: "${if(a, 'x', 'y')}" })).toBeUndefined();
    expect(compileTemplate({ $when: 'true', a: 1 })).toBeUndefined();
  });

  it('renderCard answers what the library answers, fast path or not', () => {
    const data = { title: 'x', empty: 'nothing', cases: [] };
    expect(renderCard('flow-cases', data)).toEqual(library(JSON.parse(JSON.stringify(renderCardTemplate('flow-cases'))), data));
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cardsDir } from '../../src/paths.js';
function renderCardTemplate(name: string): unknown {
  return JSON.parse(readFileSync(join(cardsDir, `${name}.json`), 'utf8'));
}
