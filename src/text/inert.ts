/**
 * Text someone typed (a customer name, an agent's display name from Teams, an SR number, notes) is data. Card
 * TextBlocks, FactSets and message text are read by Teams as markdown, with `<at>` mentions and `{{DATE()}}`
 * functions on top, so a name like `Boss [click](https://evil.example)` would otherwise become a live link in the
 * team's channel. `inert()` is the one place that makes such text show literally; apply it where user text enters
 * card data or message text, never to text the bot itself composes (its own links and mentions stay live).
 */

// CommonMark lets a backslash escape any ASCII punctuation; these are the ones that start markup in Teams' subset
// (emphasis, links, images, code, headings, quotes, tables, HTML/mention tags) plus the backslash itself.
const markdownPunctuation = /[\\`*_[\]()<>#~|!]/g;
// List markers only count at the start of a line.
const listMarker = /^(\s*)([-+]|\d+[.)])(?=\s)/gm;
// Teams' {{DATE()}}/{{TIME()}} functions and `${…}` template expressions are not markdown, so escapes don't stop them:
// a word joiner (U+2060, invisible and never a line break) between the two characters does.
const functionOpeners = /(\{)(?=\{)|(\$)(?=\{)/g;

export function inert(text: string): string {
  return text
    .replace(markdownPunctuation, (ch) => `\\${ch}`)
    .replace(listMarker, (_m, lead: string, marker: string) => `${lead}${marker.replace(/([-+.)])$/, '\\$1')}`)
    .replace(functionOpeners, (m) => `${m}\u2060`);
}

/** `inert` for an optional value, keeping undefined for templates that hide empty rows. */
export function inertOptional(text: string | undefined): string | undefined {
  return text === undefined ? undefined : inert(text);
}

/**
 * For TextRuns (RichTextBlock): Teams does not read markdown there, so backslashes would show; but a `<at>` tag or a
 * `{{DATE()}}` function would still be live. A word joiner after `<` and between `{{`/`${` keeps them literal and
 * invisible. Use `inert()` for TextBlocks, FactSets and message text; `inertRun()` only for TextRuns.
 */
export function inertRun(text: string): string {
  return text.replace(/<(?=[A-Za-z/!])/g, '<\u2060').replace(functionOpeners, (m) => `${m}\u2060`);
}

/** `inert` over every value of a translation's parameters (rule texts whose parameters carry what the agent typed). */
export function inertParams<T extends Record<string, string | number | undefined>>(params: T | undefined): T | undefined {
  if (!params) return params;
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? inert(v) : v])) as T;
}
