import { describe, expect, it } from 'vitest';
import { nodesOf, urlsOf } from '../support/cards.js';
import { caseThreadCard } from '../../src/escalation/threadCard.js';
import { isvCard } from '../../src/isv/isvCard.js';
import { parseIsvContactForm } from '../../src/isv/contactForm.js';
import type { Case } from '../../src/flow/case.js';

/** Issue 4: hostile inputs change no link host, no card structure, no template expansion. */

const base = (over: Partial<Case['intake']> & Record<string, unknown> = {}, extra: Partial<Case> = {}): Case => ({
  id: 'K7Q-X2M',
  tenantId: 't',
  version: 4,
  step: 'escalated',
  createdAt: '2026-11-20T01:00:00.000Z',
  updatedAt: '2026-11-20T02:00:00.000Z',
  createdBy: { id: '29:a', name: 'Mei Lin' },
  owner: { id: '29:a', name: 'Mei Lin' },
  updatedBy: { id: '29:a', name: 'Mei Lin' },
  locale: 'en-US',
  intake: {
    customer: { name: 'Contoso', tenantId: '435bb064-3ad9-4a2a-803c-abb2aa428026', domain: 'contoso.onmicrosoft.com' },
    cloud: 'commercial',
    product: 'm365',
    symptoms: 'Mail fails.',
    severity: 'B',
    supportLanguage: 'english',
    relationship: { hasAdminRights: true, azureOnly: false, indirectReseller: false, role: 'adminAgent' },
    ...over,
  } as Case['intake'],
  healthChecks: [],
  troubleshooting: { tried: [], notes: '' },
  decision: { reasons: ['serviceUnavailable'] },
  escalation: { escalatedAt: '2026-11-20T02:00:00.000Z' },
  ...extra,
});
const contact = { company: 'Partner', name: 'Mei Lin', email: 'help@partner.example.com' };

/** Shape of a card without its text: types, ids, verbs and hosts of every link. */
function skeleton(card: any): unknown {
  if (Array.isArray(card)) return card.map(skeleton);
  if (!card || typeof card !== 'object') return typeof card;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(card)) {
    if (k === 'url') out[k] = new URL(v as string).host;
    else if (['text', 'value', 'title', 'label', 'name'].includes(k)) out[k] = typeof v;
    else out[k] = skeleton(v);
  }
  return out;
}

const hostile = [
  '[click](https://evil.com) **bold** <b>x</b> <at>Boss</at> ![img](https://evil.com/x.png)',
  '${caseId} ${$root.version} {{DATE(2020-01-01T00:00:00Z)}} ${if(true, "a", "b")}',
  '\u202Egnp.exe\u202C \u200B\u200Bzero\u2066width\u2069 مرحبا',
  'A'.repeat(10_240),
];

describe('the case thread card with hostile text', () => {
  const plain = caseThreadCard(base(), { contact }).card;

  it.each(hostile)('symptoms / customer / owner %#: same structure, same link hosts, text kept literal', (evil) => {
    const c = base(
      { symptoms: evil, customer: { name: evil, domain: 'evil.com/#', tenantId: '435bb064-3ad9-4a2a-803c-abb2aa428026' } },
      { owner: { id: '29:a', name: evil }, decision: { reasons: [], overrideReason: evil } },
    );
    const card: any = caseThreadCard(c, { contact: { ...contact, name: evil } }).card;
    expect(urlsOf(card).map((u) => new URL(u).host).every((host) => ['partner.microsoft.com', 'portal.office.com'].includes(host))).toBe(true);
    const json = JSON.stringify(card);
    expect(json).not.toMatch(/"url":"[^"]*evil/);
    // Template syntax in user text comes out as typed (never evaluated): the case id and version are not substituted.
    if (evil.includes('${caseId}')) expect(json).toContain('${caseId} ${$root.version}');
    // User text sits in TextRuns and Input.Text values only, never in a markdown TextBlock.
    const textBlocks: string[] = [];
    for (const n of nodesOf(card.body)) {
      if (n.type === 'TextBlock' || n.type === 'Fact') textBlocks.push(n.text ?? n.value);
      if (n.facts) n.facts.forEach((f: any) => textBlocks.push(f.value));
    }
    for (const t of textBlocks) expect(t).not.toMatch(/https:\/\/evil\.com|evil\.com\/#|\$\{caseId\}|\u202E/);
    // The mention text equals the entity text, with nothing markdown could read.
    const mention = card.msteams.entities[0];
    expect(mention.text).toMatch(/^<at>[^<>[\]()*_`~#|\\]+<\/at>$/);
    expect(json.length).toBeLessThan(40_000);
    // The overall structure is that of the plain case, apart from the override lines the hostile case adds.
    const actions = (x: any) => x.actions.map((a: any) => a.verb ?? a.type);
    expect(actions(card)).toEqual(actions(plain));
  });

  it('a 10 KB case in Chinese still fits one Teams message (40 KB)', () => {
    const long = '系統無法登入'.repeat(2000);
    const c = base({ symptoms: long, customer: { name: long } }, { locale: 'zh-TW', troubleshooting: { tried: [], notes: long } });
    const card = caseThreadCard(c, { contact }).card;
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(36_000);
  });

  it('structure is identical for plain and hostile symptoms', () => {
    const a = caseThreadCard(base({ symptoms: 'plain' }), { contact }).card;
    const b = caseThreadCard(base({ symptoms: hostile[0]! + hostile[1]! }), { contact }).card;
    expect(skeleton(b)).toEqual(skeleton(a));
  });
});

describe('ISV data with hostile values', () => {
  it('javascript:, http:, credentials, zero-width and non-storefront product pages are refused by the form', () => {
    const r = parseIsvContactForm({
      productName: 'X',
      productUrl: 'https://evil.com/marketplace/apps/a.b',
      supportUrl: 'javascript:alert(1)',
      supportEmail: 'a@b.com<script>',
      supportPhone: '[call](https://evil.com)',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field).sort()).toEqual(['productUrl', 'supportEmail', 'supportPhone', 'supportUrl']);
    for (const url of ['http://x.com', 'https://microsoft.com@evil.com', 'https://x\u200B.com', 'https://1.2.3.4/', 'https://x.com:8443/']) {
      const one = parseIsvContactForm({ productName: 'X', supportUrl: url });
      expect(one.ok, url).toBe(false);
    }
  });

  it('a hostile contact stored on a case (bypassing the form) yields no link to it', () => {
    const c = base({ product: 'marketplace', marketplaceProduct: '${x}' }, {
      step: 'waitingOnIsv',
      isv: { productName: '**P** [x](https://evil.com)', supportUrl: 'javascript:alert(1)', productUrl: 'https://evil.com/', supportEmail: 'x@evil.com?bcc=a@b.c', supportPhone: '<at>x</at>' },
    });
    const card = isvCard(c, { place: 'thread' }).card;
    const hosts = urlsOf(card).filter((u) => !u.startsWith('mailto:')).map((u) => new URL(u).host);
    expect(hosts).toEqual(['azuremarketplace.microsoft.com']);
    expect(JSON.stringify(card)).not.toContain('javascript:');
    expect(urlsOf(card).filter((u) => u.startsWith('mailto:'))).toEqual([]);
  });
});
