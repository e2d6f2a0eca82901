import { createRequire } from 'node:module';

// Microsoft's SDK: the ESM entry does not load in Node, the UMD build does, and parsing needs no DOM (DESIGN §6).
const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js');

/** Teams renders bot cards up to 1.5 and refuses bot messages over 40 KB (domain-facts §4.3). */
export const teamsMaxVersion = '1.5';
export const teamsMaxActivityBytes = 40 * 1024;

const sdkWarnings = new Set(['Hint', 'Deprecated', 'RequiredInputsShouldHaveLabel', 'RequiredInputsShouldHaveErrorMessage']);

/** Teams' people picker (Input.ChoiceSet `choices.data`, a Teams extension documented for cards from 1.2). */
const peoplePickerDatasets = /^graph\.microsoft\.com\/users(\?scope=currentContext)?$/;
/** Datasets the bot answers itself through the `application/search` invoke (issue 14: the intake's customer type-ahead). */
const botDatasets = new Set(['customers']);

/** A button title this wide (CJK counts double) is cut at Teams' narrowest card width; say more in the tooltip. */
export const maxActionTitleWidth = 40;
const displayWidth = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);

/** Teams shows at most this many buttons side by side before it squeezes them ("Escal…"); more go to the overflow menu. */
export const maxPrimaryActionsPerRow = 3;

/** True when every Input.ChoiceSet without choices is a people picker (choices.data), which fills itself. */
function onlyPickersEmpty(card: unknown): boolean {
  let ok = true;
  const visit = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(visit);
    if (n.type === 'Input.ChoiceSet' && (!Array.isArray(n.choices) || n.choices.length === 0) && n['choices.data']?.type !== 'Data.Query') ok = false;
    for (const v of Object.values(n)) if (v && typeof v === 'object') visit(v);
  };
  visit(card);
  return ok;
}

const versionAbove = (v: string, max: string) => {
  const [a = 0, b = 0] = v.split('.').map(Number);
  const [c = 0, d = 0] = max.split('.').map(Number);
  return a > c || (a === c && b > d);
};

/**
 * Problems Teams would have with this card: the SDK's parse and validation errors, plus what the lenient SDK lets
 * through (a newer version, leftover template syntax, a TextBlock without text, an Execute without verb, duplicate ids).
 */
export function cardProblems(card: any): string[] {
  const problems: string[] = [];
  if (card?.type !== 'AdaptiveCard') problems.push('root is not an AdaptiveCard');
  if (typeof card?.version !== 'string') problems.push('root version missing');
  else if (versionAbove(card.version, teamsMaxVersion)) problems.push(`version ${card.version} is above ${teamsMaxVersion}`);

  const json = JSON.stringify(card);
  const leftover = json.match(/\$\{[^}]*\}/g);
  if (leftover) problems.push(`template expressions left after expansion: ${leftover.slice(0, 3).join(', ')}`);
  const activityBytes = Buffer.byteLength(JSON.stringify({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] }));
  if (activityBytes > teamsMaxActivityBytes) problems.push(`activity is ${activityBytes} bytes, over Teams' 40 KB`);

  // Teams renders {{DATE()}}/{{TIME()}} only for RFC 3339 instants without fractional seconds; otherwise the raw text shows.
  const badTime = json.match(/\{\{(DATE|TIME)\([^)]*\.\d+Z/g);
  if (badTime) problems.push(`DATE/TIME with fractional seconds (shown raw in Teams): ${badTime[0]}`);

  const ids = new Map<string, number>();
  const visit = (n: any, at: string) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach((x, i) => visit(x, `${at}[${i}]`));
    if (typeof n.id === 'string') ids.set(n.id, (ids.get(n.id) ?? 0) + 1);
    if (n.type === 'TextBlock' && (typeof n.text !== 'string' || n.text === '')) problems.push(`${at}: TextBlock without text`);
    if (n.type === 'TextRun' && typeof n.text !== 'string') problems.push(`${at}: TextRun without text`);
    if (n.type === 'Action.Execute' && !n.verb) problems.push(`${at}: Action.Execute without verb`);
    // Links a card may open: web pages over https, and an e-mail or phone contact (ISV support details).
    if (n.type === 'Action.OpenUrl' && !/^(https:\/\/|mailto:|tel:)/.test(String(n.url))) problems.push(`${at}: Action.OpenUrl to ${n.url}`);
    // Cards that fit (issue 13): long text wraps instead of being cut at Teams' widths.
    if (n.type === 'TextBlock' && n.wrap !== true && n.maxLines === undefined) problems.push(`${at}: TextBlock without wrap ("${String(n.text).slice(0, 30)}")`);
    if (n.type === 'Input.Toggle' && n.wrap !== true) problems.push(`${at}: Input.Toggle "${n.id}" without wrap`);
    if (n.type === 'Input.ChoiceSet' && (n.style === 'expanded' || n.isMultiSelect) && n.wrap !== true) problems.push(`${at}: expanded Input.ChoiceSet "${n.id}" without wrap`);
    // A required input says what it is and what is wrong, next to it (Teams validates before sending).
    if (typeof n.type === 'string' && n.type.startsWith('Input.') && n.isRequired === true) {
      if (typeof n.label !== 'string' || n.label.trim() === '') problems.push(`${at}: required input "${n.id}" without label`);
      if (typeof n.errorMessage !== 'string' || n.errorMessage.trim() === '') problems.push(`${at}: required input "${n.id}" without errorMessage`);
    }
    if (n.type === 'Input.ChoiceSet' && n['choices.data'] !== undefined) {
      const d = n['choices.data'];
      if (d?.type !== 'Data.Query' || !(peoplePickerDatasets.test(String(d?.dataset)) || botDatasets.has(String(d?.dataset)))) {
        problems.push(`${at}: choices.data is not Teams' people picker nor a dataset the bot answers`);
      }
    }
    // Rows of buttons: at most three primary ones; the rest go to the overflow menu (mode "secondary").
    if (Array.isArray(n.actions)) {
      const primary = n.actions.filter((a: any) => a && a.mode !== 'secondary');
      if (primary.length > maxPrimaryActionsPerRow) problems.push(`${at}/actions: ${primary.length} primary buttons in a row (at most ${maxPrimaryActionsPerRow})`);
    }
    if (typeof n.type === 'string' && n.type.startsWith('Action.') && typeof n.title === 'string') {
      if (displayWidth(n.title) > maxActionTitleWidth) problems.push(`${at}: button title too long for one line ("${n.title.slice(0, 30)}…"); shorten it and put the rest in tooltip`);
      if (n.type === 'Action.OpenUrl' && (typeof n.tooltip !== 'string' || n.tooltip === '')) problems.push(`${at}: link "${n.title.slice(0, 30)}" without tooltip (the full target on hover)`);
    }
    for (const [k, v] of Object.entries(n)) if (v && typeof v === 'object') visit(v, `${at}/${k}`);
  };
  visit(card, '');
  for (const [id, count] of ids) if (count > 1) problems.push(`id "${id}" used ${count} times`);

  const parsed = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext(AC.Version.parse(teamsMaxVersion, new AC.SerializationContext()));
  parsed.parse(card, ctx);
  const events: { event: number; message: string }[] = [];
  for (let i = 0; i < ctx.eventCount; i++) events.push(ctx.getEventAt(i));
  events.push(...parsed.validateProperties().validationEvents);
  for (const e of events) {
    const name = AC.ValidationEvent[e.event] as string;
    // The people picker's choices.data is Teams' own extension (it works in 1.5 bot cards); the SDK knows it only from 1.6.
    if (name === 'UnsupportedProperty' && /"choices\.data"/.test(e.message)) continue;
    // Teams' people picker is documented with `"choices": []`: its choices come from the directory (choices.data).
    if (name === 'CollectionCantBeEmpty' && /Input\.ChoiceSet/.test(e.message) && onlyPickersEmpty(card)) continue;
    if (!sdkWarnings.has(name)) problems.push(`SDK ${name}: ${e.message}`);
  }
  return problems;
}
