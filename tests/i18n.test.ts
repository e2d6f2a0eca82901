import { describe, expect, it } from 'vitest';
import { allCatalogs, resolveLocale, supportedLocales, t } from '../src/i18n/index.js';

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

  it('placeholders match across locales', () => {
    const cats = allCatalogs();
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [k, v] of Object.entries(cats.en)) {
      for (const locale of supportedLocales) expect(names(cats[locale][k] ?? ''), `${locale} ${k}`).toEqual(names(v));
    }
  });

  it('an unknown key throws under test instead of silently showing the key', () => {
    expect(() => t('en', 'no.such.key')).toThrow(/missing i18n key/);
  });
});
