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
  const ok = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'hi', wrap: true }] };
  const button = (title: string, mode?: string) => ({ type: 'Action.Execute', verb: 'x', title, ...(mode ? { mode } : {}) });
  it('accepts a plain card', () => expect(cardProblems(ok)).toEqual([]));
  it('accepts three primary buttons with more in the overflow menu, a wrapped required input with label and message, and the people picker', () => {
    const card = {
      ...ok,
      body: [
        { type: 'Input.Text', id: 'n', label: 'Number', isRequired: true, errorMessage: 'Required.' },
        { type: 'Input.ChoiceSet', id: 'p', label: 'Leads', isMultiSelect: true, wrap: true, choices: [{ title: 'Chen Wei', value: 'aad-1' }], 'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' } },
      ],
      actions: [button('A'), button('B'), button('C'), button('D', 'secondary'), button('E', 'secondary')],
    };
    expect(cardProblems(card)).toEqual([]);
  });
  it.each([
    ['a version above 1.5', { ...ok, version: '1.6' }, /above 1.5/],
    ['leftover template syntax', { ...ok, body: [{ type: 'TextBlock', text: 'x ${name}', wrap: true }] }, /left after expansion/],
    // Issue 13: cards that fit at Teams' widths.
    ['a TextBlock without wrap', { ...ok, body: [{ type: 'TextBlock', text: 'A long severity description' }] }, /TextBlock without wrap/],
    ['an expanded choice set without wrap', { ...ok, body: [{ type: 'Input.ChoiceSet', id: 's', label: 'Severity', style: 'expanded', choices: [{ title: 'A: production down', value: 'A' }] }] }, /expanded Input.ChoiceSet "s" without wrap/],
    ['a toggle without wrap', { ...ok, body: [{ type: 'Input.Toggle', id: 't', title: 'Save to the directory for next time' }] }, /Input.Toggle "t" without wrap/],
    ['a required input without label', { ...ok, body: [{ type: 'Input.Text', id: 'n', isRequired: true, errorMessage: 'Required.' }] }, /required input "n" without label/],
    ['a required input without errorMessage', { ...ok, body: [{ type: 'Input.Text', id: 'n', label: 'Number', isRequired: true }] }, /required input "n" without errorMessage/],
    ['four primary buttons in a row', { ...ok, actions: [button('A'), button('B'), button('C'), button('D')] }, /4 primary buttons in a row/],
    ['four primary buttons in an ActionSet', { ...ok, body: [{ type: 'ActionSet', actions: [button('A'), button('B'), button('C'), button('D')] }] }, /4 primary buttons in a row/],
    ['a link without tooltip', { ...ok, actions: [{ type: 'Action.OpenUrl', title: 'Azure', url: 'https://portal.azure.com' }] }, /without tooltip/],
    ['a button title too long for one line', { ...ok, actions: [button('Microsoft 365 admin center (customer\'s context): New service request')] }, /too long/],
    ['a people picker with another dataset', { ...ok, body: [{ type: 'Input.ChoiceSet', id: 'p', choices: [], 'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/groups' } }] }, /not Teams' people picker/],
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
