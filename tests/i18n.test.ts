import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import { allCatalogs, resolveLocale, supportedLocales, t } from '../src/i18n/index.js';

/** Argument names of a catalog message, parsed as ICU (so `{n, plural, other {# items}}` counts as n). */
function argumentsOf(message: string): Set<string> {
  const out = new Set<string>();
  const walk = (els: any[]) => {
    for (const el of els) {
      if (typeof el.value === 'string' && el.type !== 0) out.add(el.value);
      for (const opt of Object.values<any>(el.options ?? {})) walk(opt.value);
    }
  };
  walk(new IntlMessageFormat(message, 'en', undefined, { ignoreTag: true }).getAst() as any[]);
  return out;
}

describe('locale resolution', () => {
  it.each([
    ['en-US', 'en'],
    [undefined, 'en'],
    ['fr-FR', 'en'],
    ['zh-TW', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['zh-MO', 'zh-TW'],
    ['zh-Hant', 'zh-TW'],
    ['zh-CN', 'zh-CN'],
    ['zh-SG', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
  ])('%s → %s', (tag, expected) => {
    expect(resolveLocale(tag)).toBe(expected);
  });
});

describe('catalogs', () => {
  it('every locale has exactly the keys of English, none empty', () => {
    const cats = allCatalogs();
    const enKeys = Object.keys(cats.en).sort();
    expect(enKeys.length).toBeGreaterThan(0);
    for (const locale of supportedLocales) {
      expect(Object.keys(cats[locale]).sort(), `keys of ${locale}`).toEqual(enKeys);
      for (const [k, v] of Object.entries(cats[locale])) expect(v.trim(), `${locale} ${k}`).not.toBe('');
    }
  });

  it('placeholders match across locales (ICU arguments, plural and select included)', () => {
    const cats = allCatalogs();
    const names = (s: string) => [...argumentsOf(s)].sort();
    for (const [k, v] of Object.entries(cats.en)) {
      for (const locale of supportedLocales) expect(names(cats[locale][k] ?? ''), `${locale} ${k}`).toEqual(names(v));
    }
  });

  it('plural messages format with each locale\'s rules (intl-messageformat), other text stays as it was', () => {
    expect(t('en', 'reminders.catchUp', { missed: 1 })).toBe('Catch-up: 1 reminder could not be sent on time; this message replaces it.');
    expect(t('en', 'reminders.catchUp', { missed: 3 })).toBe('Catch-up: 3 reminders could not be sent on time; this message replaces them.');
    expect(t('zh-TW', 'reminders.catchUp', { missed: 3 })).toContain('3');
    expect(t('en', 'reminders.mention.leads', { count: 1, leads: '<at>Chen Wei</at>' })).toBe('Team lead: <at>Chen Wei</at>');
    expect(t('en', 'reminders.mention.leads', { count: 2, leads: 'A B' })).toBe('Team leads: A B');
    // A plain template keeps an unfilled placeholder visible instead of failing (t() as before).
    expect(t('en', 'draft.customer.name', {})).toBe('Customer: {value}');
  });

  it('no hand-rolled plural is left in English ("(s)")', () => {
    expect(Object.entries(allCatalogs().en).filter(([, v]) => /\w\(s\)/.test(v))).toEqual([]);
  });

  it('an unknown key throws under test instead of silently showing the key', () => {
    expect(() => t('en', 'no.such.key')).toThrow(/missing i18n key/);
  });
});
