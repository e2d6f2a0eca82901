import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cardOf, cardText, startHarness, type Harness } from '../support/botHarness.js';
import { execute, message, submit, type Where } from '../support/activities.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: '2026-11-03T01:00:00Z' });
});
afterAll(async () => h.close());
beforeEach(() => h.stub.reset());

const en = (): Where => ({ serviceUrl: h.stub.url, locale: 'en-US' });
const zhTW = (): Where => ({ serviceUrl: h.stub.url, locale: 'zh-TW' });

/** All Action.Execute actions anywhere in the card (buttons in ActionSets too). */
function executes(card: any): any[] {
  const out: any[] = [];
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (n.type === 'Action.Execute') out.push(n);
    Object.values(n).forEach(walk);
  };
  walk(card);
  return out;
}
const verbsOf = (card: any) => executes(card).map((a) => a.verb);
const ref = (card: any) => {
  const a = executes(card).find((x) => x.data?.caseId);
  return { caseId: a.data.caseId as string, version: a.data.version as number };
};
function inputsOf(card: any): Record<string, any> {
  const out: Record<string, any> = {};
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (typeof n.type === 'string' && n.type.startsWith('Input.')) out[n.id] = n;
    Object.values(n).forEach(walk);
  };
  walk(card);
  return out;
}
/** The attention-coloured line right after an input: the field's error. */
function fieldError(card: any, id: string): string | undefined {
  let found: string | undefined;
  const walk = (arr: any[]) => {
    arr.forEach((n, i) => {
      if (n?.id === id && arr[i + 1]?.color === 'Attention') found = arr[i + 1].text;
      for (const v of Object.values(n ?? {})) if (Array.isArray(v)) walk(v);
    });
  };
  walk(card.body);
  return found;
}

async function newCase(w: Where, words = 'new case') {
  await h.post(message(words, w));
  const [call] = await h.stub.waitFor((c) => c.some((x) => x.op === 'reply'));
  h.stub.reset();
  return cardOf(call!.body);
}

async function click(verb: string, card: any, inputs: Record<string, unknown>, w: Where) {
  const res = await h.post(execute(verb, { verb, ...ref(card), ...inputs }, w));
  expect(res.status).toBe(200);
  return res.body;
}
async function clickCard(verb: string, card: any, inputs: Record<string, unknown>, w: Where) {
  const body = await click(verb, card, inputs, w);
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  return body.value;
}

const m365 = {
  customerName: 'Contoso Ltd',
  tenantId: '435bb064-3ad9-4a2a-803c-abb2aa428026',
  domain: 'contoso.onmicrosoft.com',
  cloud: 'commercial',
  product: 'm365',
  symptoms: 'Shared mailboxes fail to open with 0x80070005 since 08:30.',
  severity: 'B',
  supportLanguage: 'english',
  relationship: 'hasAdminRights',
  role: 'adminAgent',
};

async function toDecide(intake: Record<string, string>, w: Where) {
  let card = await newCase(w);
  card = await clickCard('flow.intake.submit', card, intake, w);
  expect(verbsOf(card)).toContain('flow.health.continue');
  card = await clickCard('flow.health.continue', card, {}, w);
  expect(verbsOf(card)).toEqual(['flow.troubleshoot.continue', 'flow.troubleshoot.solved', 'flow.close']);
  card = await clickCard('flow.troubleshoot.continue', card, { notes: 'Checked licences and mailbox permissions.' }, w);
  return card;
}

describe('walking a case over HTTP', () => {
  it('new case → intake card with the directory, Microsoft wording for impact, no phone anywhere', async () => {
    const card = await newCase(en());
    expect(card.version).toBe('1.5');
    expect(card.body[0].text).toBe('New case: intake');
    const inputs = inputsOf(card);
    expect(inputs.customerPick.choices.map((c: any) => c.value)).toEqual(['contoso', 'fabrikam', 'northwind', 'tailspin-gov', 'wingtip-cn', 'adatum']);
    expect(inputs.severity.choices[0].title).toBe('Critical impact (severity A): significant loss or degradation of services; production services down');
    expect(inputs.cloud.choices.map((c: any) => c.title)).toEqual([
      'Partner Center',
      'Partner Center for Microsoft Cloud for US Government',
      'Partner Center operated by 21Vianet',
    ]);
    expect(ref(card).caseId).toMatch(/^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/);
    expect(ref(card).version).toBe(1);
    expect(cardText(card)).not.toMatch(/phone/i);
  });

  it('zh-TW words start a case in Traditional Chinese; the help card button does too', async () => {
    const card = await newCase(zhTW(), '新案例');
    expect(card.body[0].text).toBe('新案例：受理');
    expect(inputsOf(card).severity.choices[0].title).toContain('嚴重影響 (嚴重性 A)');
    const viaButton = await h.post(execute('case.new', { verb: 'case.new' }, zhTW()));
    expect(viaButton.body.value.body[0].text).toBe('新案例：受理');
  });

  it('intake → health shows demo incidents labelled as demo, with ID, status and last update; attach → known incident', async () => {
    let card = await newCase(en());
    card = await clickCard('flow.intake.submit', card, { ...m365, customerName: '', tenantId: '', domain: '', customerPick: 'contoso' }, en());
    expect(card.body[0].text).toBe('Check service health');
    const text = cardText(card);
    expect(text).toContain('Demo data');
    const attach = executes(card).filter((a) => a.verb === 'flow.health.attach');
    expect(verbsOf(card)).toEqual([...attach.map(() => 'flow.health.attach'), 'flow.health.continue', 'flow.health.recheck', 'flow.close']);
    if (attach.length) {
      expect(text).toContain('Last update');
      const known = await clickCard('flow.health.attach', card, { incidentId: attach[0].data.incidentId }, en());
      expect(known.body[0].text).toBe('Known service incident');
      expect(verbsOf(known)).toEqual(['flow.knownIncident.continue', 'flow.close']);
    } else {
      expect(text).toContain('No active incidents or advisories');
    }
  });
});
