import { describe, expect, it } from 'vitest';
import { cardSamples } from '../cards/samples.js';
import { allCatalogs, supportedLocales } from '../../src/i18n/index.js';
import { checklists } from '../../src/flow/checklists.js';
import { caseSteps, clouds, escalationReasons, partnerRoles, products, severities } from '../../src/flow/case.js';
import { buildDrafts } from '../../src/escalation/draft.js';
import { demoIncidents } from './demoCase.js';

/**
 * Issue 13: nothing a person reads is an i18n key or an internal enum value, in any card sample or draft, in all
 * three locales. Only what a reader sees is checked (TextBlocks, runs, facts, labels, choice titles, button titles,
 * tooltips, Input.Text values such as the draft parts); ids, verbs, data, URLs and choice values are machine fields.
 */
function visibleText(card: any): string[] {
  const out: string[] = [];
  const walk = (n: any, parentType?: string) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach((x) => walk(x, parentType));
    for (const k of ['text', 'title', 'label', 'placeholder', 'errorMessage', 'tooltip', 'altText']) if (typeof n[k] === 'string') out.push(n[k]);
    if (n.type === 'Input.Text' && typeof n.value === 'string') out.push(n.value);
    if (n.type === 'FactSet') for (const f of n.facts ?? []) out.push(String(f.title), String(f.value));
    for (const [k, v] of Object.entries(n)) if (k !== 'data' && k !== 'msteams' && typeof v === 'object') walk(v, n.type);
  };
  walk(card);
  return out;
}

const catalogKeys = Object.keys(allCatalogs().en);
const keyPattern = new RegExp(`\\b(${[...new Set(catalogKeys.map((k) => k.split('.')[0]))].join('|')})\\.[a-z][A-Za-z0-9]*\\.[A-Za-z0-9.]+`);
/** camelCase enum values and checklist keys: a word a person would never write. */
const enumValues = [
  ...caseSteps,
  ...clouds,
  ...products,
  ...severities,
  ...partnerRoles,
  ...escalationReasons,
  ...Object.values(checklists).flatMap((items) => items.map((i) => i.key)),
  'serviceDegradation', 'serviceInterruption', 'restoringService', 'verifyingService', 'extendedRecovery', 'investigationSuspended', 'mitigatedExternal',
  'notConfigured', 'noTenant', 'noSubscription', 'malformedResponse', 'serverError',
].filter((v) => /[a-z][A-Z]|\d/.test(v) && v.length > 3);
const enumPattern = new RegExp(`(^|[^A-Za-z0-9.:/_-])(${[...new Set(enumValues)].join('|')})($|[^A-Za-z0-9_-])`);

function offenders(texts: string[]): string[] {
  return texts.filter((s) => keyPattern.test(s) || enumPattern.test(s)).map((s) => s.slice(0, 160));
}

describe('no i18n key and no internal enum value reaches a reader', () => {
  it('the patterns catch what they should (so the checks below can fail)', () => {
    expect(offenders(['Troubleshooting: - licences - userClient'])).toHaveLength(1);
    expect(offenders(['status serviceDegradation / investigating'])).toHaveLength(1);
    expect(offenders(['see flow.rule.noPhone'])).toHaveLength(1);
    expect(offenders(['Licences assigned to the affected users', 'Microsoft 365 / Office 365', 'contoso.onmicrosoft.com'])).toEqual([]);
  });

  for (const sample of cardSamples) {
    it(`${sample.name} (${sample.template}), in every locale`, async () => {
      for (const locale of supportedLocales) expect(offenders(visibleText(await sample.build(locale))), locale).toEqual([]);
    });
  }

  it('drafts for every product, with demo health items and two checklist items, in every locale', () => {
    for (const product of products) {
      for (const locale of supportedLocales) {
        const c = demoIncidents(product);
        const { english, local } = buildDrafts(c, { company: 'Northwind', name: 'Mei Lin', email: 'mei@northwind.example' }, locale);
        for (const d of [english, local].filter(Boolean)) {
          const texts = d!.parts.flatMap((p) => [p.label, p.text]);
          expect(offenders(texts), `${product} ${locale}`).toEqual([]);
          // Listed, not attached: no incident id is offered as evidence.
          expect(texts.join('\n')).not.toContain('EX900001');
        }
      }
    }
  });
});
