import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Card } from '../../src/cards/render.js';
import type { Case } from '../../src/flow/case.js';
import { listRowOf } from '../support/storedCase.js';
import { translator } from '../../src/i18n/index.js';
import { loadCustomerDirectory } from '../../src/customers/directory.js';
import { projectRoot } from '../../src/paths.js';
import { caseCard, casesCard } from '../../src/flow/cards.js';
import { caseThreadCard } from '../../src/escalation/threadCard.js';
import { recordSrCard } from '../../src/escalation/srFormCard.js';
import { plainParam } from '../../src/escalation/runners.js';
import { isvCard, isvFormCard } from '../../src/isv/isvCard.js';
import { digestCard } from '../../src/reminders/digest.js';
import { reminderActionCard, reminderMessage } from '../../src/reminders/message.js';
import { policiesFrom } from '../../src/reminders/teamPolicies.js';
import { settingsCard } from '../../src/settings/card.js';
import { teamSettingsSchema } from '../../src/settings/teamSettings.js';
import { teamWelcomeCard } from '../../src/teams/handlers/welcome.js';
import { inert, inertRun } from '../../src/text/inert.js';
import { agent, caseAtDecide, intakeInputs, minutes, must } from '../flow/fixtures.js';

/**
 * Issue 9 acceptance: every card and message the bot produces, rendered with hostile values in every user field.
 * No markdown link, mention, HTML tag or template/function expression may originate from user text, and every URL
 * keeps the scheme and host it has with plain values.
 */

const evil = 'Agent <at>Boss</at> [click](https://evil.example/c) [js](javascript:alert(1)) ![i](https://evil.example/i.png) {{DATE(2020-01-01T00:00:00Z, SHORT)}} ${caseId} <b>x</b> **bold** _em_';
const t = translator('en');
const directory = loadCustomerDirectory(join(projectRoot, 'config/customers.demo.json'));
const contact = { company: 'Partner', name: 'Mei Chen', email: 'helpdesk@partner.example.com' };
const now = minutes(200);
const policies = policiesFrom(teamSettingsSchema.parse({ leads: [{ id: '29:lead', name: 'Chen Wei' }] }), 'en');

/** Every field of a case a person typed (or Teams reported as a name), set to `text`. */
function withText(c: Case, text: string): Case {
  const person = (p: { id: string; name: string }) => ({ ...p, name: text });
  return {
    ...c,
    owner: person(c.owner),
    updatedBy: person(c.updatedBy),
    createdBy: person(c.createdBy),
    ...(c.closed ? { closed: { ...c.closed, by: person(c.closed.by) } } : {}),
    ...(c.intake
      ? { intake: { ...c.intake, symptoms: text, marketplaceProduct: c.intake.marketplaceProduct ? text : c.intake.marketplaceProduct, customer: { ...c.intake.customer, name: text } } }
      : {}),
    troubleshooting: { ...c.troubleshooting, notes: text },
    ...(c.decision ? { decision: { ...c.decision, overrideReason: text } } : {}),
    ...(c.serviceRequest ? { serviceRequest: { ...c.serviceRequest, number: text, recordedBy: person(c.serviceRequest.recordedBy) } } : {}),
    ...(c.isv ? { isv: { ...c.isv, productName: text, publisher: text, supportPhone: text, supportHours: text } } : {}),
  };
}

const escalated = (): Case => ({
  ...must(caseAtDecide(intakeInputs()), { type: 'decide.escalate', inputs: { reasons: 'serviceUnavailable' } }, minutes(25)),
  escalation: {
    escalatedAt: minutes(25).toISOString(),
    thread: { teamId: '19:team', channelId: '19:esc', serviceUrl: 'https://smba.trafficmanager.net/apac/', tenantId: 't', conversationId: '19:esc;messageid=1', rootActivityId: '1', postedAt: minutes(25).toISOString() },
  },
  serviceRequest: { number: '2611030010001234', filedAt: minutes(30).toISOString(), severity: 'B', recordedBy: agent },
  initialResponseDue: minutes(150).toISOString(),
  initialResponseRule: 'Severity B, English: 4 hours around the clock',
  reminderFailure: `2026-11-03T10:00:00.000Z 429: ${evil}`,
});
const marketplace = (): Case => ({
  ...must(caseAtDecide(intakeInputs({ product: 'marketplace', marketplaceProduct: 'Backup Pro' })), { type: 'decide.contactIsv' }, minutes(25)),
  isv: { productName: 'Backup Pro', publisher: 'Contoso', supportUrl: 'https://support.contoso.example.com/', supportPhone: '+1 425 555 0100', supportHours: 'Mon–Fri' },
});

type Output = { card?: Card; text?: string; entities?: { text: string }[] };
const cardOut = (card: Card): Output => ({ card });

/** Each producer renders one card or message from a case and a piece of text standing for "what a person typed". */
const producers: [string, (c: (base: Case) => Case, text: string) => Output][] = [
  ['intake card (with draft)', (h, x) => cardOut(caseCard(h({ ...caseAtDecide(intakeInputs()), step: 'intake' }), { t, directory, draft: { customerName: x, symptoms: x }, notice: t('flow.notice.changed', { name: inert(x), time: 'now' }) }))],
  ['health card', (h) => cardOut(caseCard(h({ ...caseAtDecide(intakeInputs()), step: 'health' }), { t, directory }))],
  ['troubleshoot card', (h) => cardOut(caseCard(h({ ...caseAtDecide(intakeInputs({ product: 'azure' })), step: 'troubleshoot' }), { t, directory }))],
  ['decide card', (h) => cardOut(caseCard(h(caseAtDecide(intakeInputs())), { t, directory }))],
  ['escalated outcome', (h) => cardOut(caseCard(h(escalated()), { t, directory }))],
  ['resolved by partner', (h) => cardOut(caseCard(h(must(caseAtDecide(intakeInputs()), { type: 'decide.backToTroubleshoot' }, minutes(9))), { t, directory }))],
  ['closed outcome', (h) => cardOut(caseCard(h(must(caseAtDecide(intakeInputs()), { type: 'close', inputs: {} }, minutes(9))), { t, directory }))],
  ['waiting on ISV outcome', (h) => cardOut(caseCard(h(marketplace()), { t, directory }))],
  ['cases list', (h) => cardOut(casesCard(t, 'Cases', [listRowOf(h(escalated())), listRowOf(h(caseAtDecide(intakeInputs())))]))],
  ['case thread card', (h) => cardOut(caseThreadCard(h(escalated()), { contact, now }).card)],
  ['case thread card (closed)', (h) => cardOut(caseThreadCard(h({ ...escalated(), step: 'closed', closed: { at: minutes(60).toISOString(), outcome: 'resolved', by: agent } }), { contact, now }).card)],
  ['record SR form', (h, x) => cardOut(recordSrCard(h(escalated()), { locale: 'en', now, timeZone: 'UTC', values: { srNumber: x } }))],
  ['ISV card (thread)', (h) => cardOut(isvCard(h(marketplace()), { place: 'thread' }).card)],
  ['ISV card (chat)', (h) => cardOut(isvCard(h(marketplace()), { place: 'chat' }).card)],
  ['ISV form', (h, x) => cardOut(isvFormCard(h(marketplace()), { locale: 'en', values: { productName: x, supportPhone: x } }))],
  ['reminder', (h) => {
    const m = reminderMessage(h(escalated()), { kind: 'before', mentionLeads: false, due: minutes(150).toISOString() }, policies, now);
    return { card: m.content.card, text: m.content.text, entities: m.mentions.map((x) => ({ text: `<at>${x.name}</at>` })) };
  }],
  ['catch-up reminder (overdue, leads)', (h) => {
    const m = reminderMessage(h(escalated()), { kind: 'overdue', mentionLeads: true, catchUp: true, missed: 3, due: minutes(150).toISOString() }, policies, minutes(400));
    return { card: m.content.card, text: m.content.text, entities: m.mentions.map((x) => ({ text: `<at>${x.name}</at>` })) };
  }],
  ['reminder after an action', (h) => cardOut(reminderActionCard(h(escalated()), policies, now, { errors: ['x'] }))],
  ['digest', (h, x) => cardOut(digestCard(x, [h(escalated()), h(marketplace())], policies, now))],
  ['settings', (_h, x) =>
    cardOut(
      settingsCard({
        teamId: '19:team',
        version: 1,
        settings: teamSettingsSchema.parse({ leads: [{ id: '29:lead', name: x }], admins: ['29:admin'] }),
        channels: [{ conversationId: '19:esc', tenantId: 't', kind: 'channel', teamId: '19:team', channelId: '19:esc', channelName: x, teamName: x, serviceUrl: 'https://smba.trafficmanager.net/apac/', reference: {} as never, active: true, installedAt: '', updatedAt: '' }],
        people: [{ id: '29:a', name: x }],
        locale: 'en',
        year: 2026,
        typed: { holidayRegion: x },
        notice: { text: t('settings.saved', { name: inert(x) }), color: 'Good' },
      }),
    )],
  ['team welcome', (_h, x) => cardOut(teamWelcomeCard(t, x))],
  ['thread reply (message)', (_h, x) => ({ text: t('escalation.posted', { team: plainParam(x), channel: plainParam(x) }) })],
  ['channel chosen (message)', (_h, x) => ({ text: t('core.channel.chosen', { team: inert(x), channel: inert(x), name: inert(x) }) })],
  ['unknown command (message)', (_h, x) => ({ text: t('core.unknownCommand', { text: inert(x.slice(0, 60)) }) })],
];

/** Strings Teams reads as markdown (TextBlock, Fact) vs. as plain runs (TextRun); inputs and choices are literal. */
function texts(card: unknown): { markdown: string[]; runs: string[]; urls: string[] } {
  const out = { markdown: [] as string[], runs: [] as string[], urls: [] as string[] };
  const walk = (n: any) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    if (n.type === 'TextBlock' && typeof n.text === 'string') out.markdown.push(n.text);
    if (n.type === 'TextRun' && typeof n.text === 'string') out.runs.push(n.text);
    if (n.type === 'FactSet') for (const f of n.facts ?? []) out.markdown.push(f.title, f.value);
    for (const k of ['url', 'iconUrl']) if (typeof n[k] === 'string') out.urls.push(n[k]);
    Object.values(n).forEach(walk);
  };
  walk(card);
  return out;
}

const unescaped = (re: string) => new RegExp(`(?<!\\\\)${re}`);
const liveLink = /(?<!\\)\[[^\]\n]*(?<!\\)\]\s*\(/;
// The bot's own {{DATE()}}/{{TIME()}} (readerTime) carry this year's timestamps; the hostile text's is from 2020.
const liveFunction = /\{\{(?!\u2060)(?!(DATE|TIME)\(20(2[1-9]|[3-9]\d)-)|\$\{(?!\u2060)/;
const liveTag = unescaped('<(?!\u2060)(?!at>|/at>)[A-Za-z/]');

const origin = (u: string) => {
  const url = new URL(u);
  return url.protocol === 'mailto:' ? 'mailto:' : `${url.protocol}//${url.host}`;
};

describe('every card and message with hostile text in every user field', () => {
  it.each(producers)('%s', (_name, produce) => {
    const plain = produce((c) => withText(c, 'Plain Text'), 'Plain Text');
    const hostile = produce((c) => withText(c, evil), evil);
    const h = texts(hostile.card ?? {});
    const p = texts(plain.card ?? {});
    const markdown = [...h.markdown, ...(hostile.text ? [hostile.text] : [])];
    const mentions = new Set([...(hostile.entities ?? []), ...(((hostile.card as any)?.msteams?.entities ?? []) as { text: string }[])].map((e) => e.text));

    for (const s of markdown) {
      expect(s, 'markdown link from user text').not.toMatch(liveLink);
      expect(s, 'function or template expression').not.toMatch(liveFunction);
      expect(s, 'HTML tag').not.toMatch(liveTag);
      // A mention is live only when the bot made it: its text equals an entity the bot attached.
      for (const m of s.matchAll(/(?<!\\)<at>([^<]*)<\/at>/g)) expect(mentions.has(m[0]), `mention ${m[0]}`).toBe(true);
      expect(s).not.toMatch(/(?<!\\)<at>Boss/);
    }
    for (const s of h.runs) {
      expect(s).not.toMatch(liveFunction);
      expect(s).not.toMatch(/<at>/);
    }
    // The bot's own links keep their scheme and host; user text adds none.
    expect(h.urls.map(origin).sort()).toEqual(p.urls.map(origin).sort());
    expect(h.urls.join(' ')).not.toMatch(/evil\.example|javascript:/);
    // And the hostile text is still shown (as text), not dropped.
    expect(JSON.stringify(hostile)).toMatch(/click/);
  });

  it('inert() and inertRun() keep the words and show the punctuation literally', () => {
    expect(inert('[click](https://x.example)')).toBe('\\[click\\]\\(https://x.example\\)');
    expect(inert('{{DATE(x)}} ${a}')).toBe('{\u2060{DATE\\(x\\)}} $\u2060{a}');
    expect(inert('- item\n1. first')).toBe('\\- item\n1\\. first');
    expect(inertRun('<at>Boss</at> {{DATE(x)}}')).toBe('<\u2060at>Boss<\u2060/at> {\u2060{DATE(x)}}');
  });
});
