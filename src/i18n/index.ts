import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { z } from 'zod';
import { localesDir } from '../paths.js';

export const supportedLocales = ['en', 'zh-TW', 'zh-CN'] as const;
export type Locale = (typeof supportedLocales)[number];

/**
 * Teams sends BCP-47 tags (en-US, zh-TW, zh-Hant-HK, zh-CN, zh-SG …).
 * Hong Kong and Macau read Traditional Chinese; Singapore reads Simplified.
 */
export function resolveLocale(tag: string | undefined | null): Locale {
  const t = (tag ?? '').trim().toLowerCase().replace(/_/g, '-');
  if (!t.startsWith('zh')) return 'en';
  if (/(^|-)(hant|tw|hk|mo)($|-)/.test(t)) return 'zh-TW';
  return 'zh-CN';
}

const catalogSchema = z.record(z.string(), z.string());
type Catalog = Record<string, string>;

/** Each area owns one file per locale (locales/<locale>/<area>.json); keys are "area.key" and must not collide. */
function loadCatalog(locale: Locale): Catalog {
  const dir = join(localesDir, locale);
  const merged: Catalog = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const parsed = catalogSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success) throw new Error(`i18n catalog ${locale}/${file}: every value must be a string`);
    for (const [k, v] of Object.entries(parsed.data)) {
      if (k in merged) throw new Error(`i18n key ${k} defined twice in ${locale}`);
      merged[k] = v;
    }
  }
  return merged;
}

let catalogs: Record<Locale, Catalog> | undefined;
export function allCatalogs(): Record<Locale, Catalog> {
  catalogs ??= { en: loadCatalog('en'), 'zh-TW': loadCatalog('zh-TW'), 'zh-CN': loadCatalog('zh-CN') };
  return catalogs;
}

export type Params = Record<string, string | number | undefined>;

/** ICU messages (plural, select, number) are compiled once per locale and key; plain `{name}` templates need no parser. */
const icuCache = new Map<string, IntlMessageFormat>();
const icuPattern = /\{\s*\w+\s*,\s*(plural|select|selectordinal|number)\s*[,}]/;

function formatIcu(locale: Locale, key: string, template: string, params: Params): string {
  const cacheKey = `${locale}\u0000${key}`;
  let f = icuCache.get(cacheKey);
  // ignoreTag: catalog text may contain <at>…</at> or other angle brackets that are text, not markup.
  if (!f) icuCache.set(cacheKey, (f = new IntlMessageFormat(template, locale, undefined, { ignoreTag: true })));
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) values[k] = v;
  return String(f.format(values));
}

/**
 * Translate `key`; `{name}` placeholders are filled from params, and ICU plural/select/number messages
 * (`{count, plural, one {# reminder} other {# reminders}}`, `{total, number}`) go through intl-messageformat with the
 * locale's plural rules and digit grouping. A missing key is a bug: it throws in tests and shows the key in production.
 */
export function t(locale: Locale, key: string, params: Params = {}): string {
  const all = allCatalogs();
  // Own keys only: a key built from outside data must never find Object.prototype's members.
  const template = Object.hasOwn(all[locale], key) ? all[locale][key] : Object.hasOwn(all.en, key) ? all.en[key] : undefined;
  if (template === undefined) {
    if (process.env.NODE_ENV === 'test' || process.env.VITEST) throw new Error(`missing i18n key: ${key}`);
    return key;
  }
  if (icuPattern.test(template)) return formatIcu(all[locale][key] !== undefined ? locale : 'en', key, template, params);
  return template.replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = Object.hasOwn(params, name) ? params[name] : undefined;
    return v === undefined ? m : String(v);
  });
}

/** A translator bound to one locale, handed to renderers. */
export type Translate = (key: string, params?: Params) => string;
export function translator(locale: Locale): Translate {
  return (key, params) => t(locale, key, params);
}
