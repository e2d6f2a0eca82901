import { describe, expect, it } from 'vitest';
import { templateNames } from '../../src/cards/render.js';
import { supportedLocales } from '../../src/i18n/index.js';
import { cardProblems } from './checkCard.js';
import { cardSamples } from './samples.js';

describe('every card, in every locale, is one Teams accepts', () => {
  for (const sample of cardSamples) {
    for (const locale of supportedLocales) {
      it(`${sample.name} (${sample.template}) in ${locale}`, async () => {
        expect(cardProblems(await sample.build(locale))).toEqual([]);
      });
    }
  }

  it('every template in cards/ has at least one sample', () => {
    const covered = new Set(cardSamples.map((s) => s.template));
    expect(templateNames().filter((t) => !covered.has(t))).toEqual([]);
  });
});

describe('the checker itself catches what Teams rejects', () => {
  const ok = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'hi' }] };
  it('accepts a plain card', () => expect(cardProblems(ok)).toEqual([]));
  it.each([
    ['a version above 1.5', { ...ok, version: '1.6' }, /above 1.5/],
    ['leftover template syntax', { ...ok, body: [{ type: 'TextBlock', text: 'x ${name}' }] }, /left after expansion/],
    ['a TextBlock without text', { ...ok, body: [{ type: 'TextBlock' }] }, /without text/],
    ['an Execute without verb', { ...ok, actions: [{ type: 'Action.Execute', title: 'Go' }] }, /without verb/],
    ['duplicate input ids', { ...ok, body: [{ type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }] }, /used 2 times/],
    ['a DATE() with milliseconds', { ...ok, body: [{ type: 'TextBlock', text: '{{DATE(2026-11-20T03:20:00.000Z, SHORT)}}' }] }, /fractional seconds/],
    ['an activity over 40 KB', { ...ok, body: [{ type: 'TextBlock', text: 'x'.repeat(41 * 1024) }] }, /over Teams' 40 KB/],
    ['an unknown element type (SDK parse error)', { ...ok, body: [{ type: 'Fancy.Widget' }] }, /SDK/],
  ])('rejects %s', (_n, card, pattern) => {
    expect(cardProblems(card).join('\n')).toMatch(pattern);
  });
});

describe('rendering reuses parsed templates safely', () => {
  it('a card changed after rendering does not leak into the next render of the same template', async () => {
    const { renderCard } = await import('../../src/cards/render.js');
    const first = renderCard('welcome-team', { title: 'A', text: 'a', useChannel: 'u', help: 'h' }) as any;
    first.body.push({ type: 'TextBlock', text: 'changed' });
    first.body[0].text = 'changed';
    const second = renderCard('welcome-team', { title: 'B', text: 'b', useChannel: 'u', help: 'h' }) as any;
    expect(second.body.map((b: any) => b.text)).toEqual(['B', 'b']);
  });
});
