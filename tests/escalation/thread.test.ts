import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cardOf, cardText, startHarness, type Harness } from '../support/botHarness.js';
import { channelId, execute, installInTeam, message, teamId, tenantId, type Where } from '../support/activities.js';
import type { Case } from '../../src/flow/case.js';
import { clickCard as clickCardOf, m365Intake } from '../support/cases.js';
import { actionsOf, cardRef, inputsOf } from '../support/cards.js';

/**
 * Issue 4 acceptance, through /api/messages and the connector stub: the case thread is a new conversation in the
 * configured channel with the owner's mention; later changes update the same activity; replies go to the thread;
 * 403/404 leave the case intact with a clear message, and "Post to channel again" works afterwards.
 */

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: '2026-11-20T02:00:00Z', env: { PARTNER_SUPPORT_EMAIL: 'helpdesk@partner.example.com' } });
  // The team installs the bot, someone @mentions it in the Escalations channel and chooses that channel.
  await h.post(installInTeam({ serviceUrl: h.stub.url }));
  await h.post(message('help', { serviceUrl: h.stub.url, kind: 'channel' }));
  await h.post(execute('channel.useForEscalations', { verb: 'channel.useForEscalations' }, { serviceUrl: h.stub.url, kind: 'channel' }));
});
afterAll(async () => h.close());
beforeEach(() => h.stub.reset());

const agent = (locale = 'en-US'): Where => ({ serviceUrl: h.stub.url, locale });
const inChannel = (user?: Where['user']): Where => ({ serviceUrl: h.stub.url, kind: 'channel', ...(user ? { user } : {}) });
const colleague = { id: '29:agent-2', name: 'Wei Chen', aadObjectId: '00000000-0000-0000-0000-0000000000a2' };

const m365 = m365Intake;
const ref = cardRef;
const clickCard = (verb: string, card: any, inputs: Record<string, unknown>, w: Where) => clickCardOf(h, verb, card, inputs, w);

/** A real walk: new case → intake → health → troubleshoot → decide. */
async function toDecide(w: Where, intake: Record<string, string> = m365) {
  await h.post(message('new case', w));
  const [call] = await h.stub.waitFor((c) => c.some((x) => x.op === 'reply' || x.op === 'send'));
  let card = cardOf(call!.body);
  card = await clickCard('flow.intake.submit', card, intake, w);
  card = await clickCard('flow.health.continue', card, {}, w);
  card = await clickCard('flow.troubleshoot.continue', card, { notes: 'Checked licences and mailbox permissions.' }, w);
  h.stub.reset();
  return card;
}

const stored = async (id: string) => (await h.app.services.store.cases.get(id))!;

describe('the case thread in the team channel', () => {
  it('escalating posts a new conversation in the chosen channel, with the owner mentioned and the draft', async () => {
    const decide = await toDecide(agent());
    await clickCard('flow.decide.escalate', decide, { reasons: 'serviceUnavailable' }, agent());
    const calls = h.stub.calls.filter((c) => c.op === 'createConversation');
    expect(calls).toHaveLength(1);
    const post = calls[0]!;
    expect(post.body.channelData.channel.id).toBe(channelId);
    expect(post.body.isGroup).toBe(true);
    const card = cardOf(post.body.activity);
    expect(card.msteams.entities).toEqual([{ type: 'mention', text: '<at>Mei Lin</at>', mentioned: { id: '29:agent-1', name: 'Mei Lin' } }]);
    expect(card.body.some((b: any) => b.type === 'TextBlock' && b.text === 'Owner: <at>Mei Lin</at>')).toBe(true);
    const text = cardText(card);
    expect(text).toContain('Moderate Impact (severity B)');
    expect(text).toContain('Shared mailboxes fail to open with 0x80070005 since 08:30.');
    // Links from buildCaseLinks, as Action.OpenUrl; the M365 request starts in the customer's context.
    const urls = actionsOf(card).filter((a) => a.type === 'Action.OpenUrl').map((a) => a.url);
    expect(urls).toContain('https://portal.office.com/Partner/BeginClientSession.aspx?CTID=435bb064-3ad9-4a2a-803c-abb2aa428026&CSDEST=Support');
    // Actions carry case and version; the draft is copyable part by part (English only: the agent reads English).
    const c = await stored(ref(card).caseId);
    // Record SR and the draft visible; take over and close in the "…" menu (issue 13: at most three buttons a row).
    expect(actionsOf(card).filter((a) => a.type === 'Action.Execute').map((a) => [a.verb, a.data.version, a.mode])).toEqual([
      ['handover.form', c.version - 1, undefined],
      ['sr.form', c.version - 1, 'primary'],
      ['escalation.takeOver', c.version - 1, 'secondary'],
      ['escalation.close', c.version - 1, 'secondary'],
    ]);
    const drafts = actionsOf(card).filter((a) => a.type === 'Action.ShowCard');
    expect(drafts.map((d) => d.title)).toEqual(['Draft (English)']);
    const parts = drafts[0].card.body.filter((b: any) => b.type === 'Input.Text');
    expect(parts.map((p: any) => p.id)).toEqual(['draft-en-title', 'draft-en-severity', 'draft-en-description', 'draft-en-contact']);
    expect(parts[3].value).toContain('E-mail: helpdesk@partner.example.com');
    expect(parts[2].isMultiline).toBe(true);
    // The thread reference is on the case.
    expect(c.escalation?.thread).toEqual({
      teamId,
      channelId,
      serviceUrl: h.stub.url,
      tenantId,
      conversationId: `${channelId};messageid=${c.escalation!.thread!.rootActivityId}`,
      rootActivityId: expect.stringMatching(/^stub-\d+$/),
      postedAt: '2026-11-20T02:00:00.000Z',
    });
    expect(c.escalation?.postError).toBeUndefined();
  });

  it('a zh-TW agent: the card is in Traditional Chinese with the draft in English and in Chinese', async () => {
    const decide = await toDecide(agent('zh-TW'));
    await clickCard('flow.decide.escalate', decide, { reasons: 'serviceUnavailable' }, agent('zh-TW'));
    const post = h.stub.calls.find((c) => c.op === 'createConversation')!;
    const card = cardOf(post.body.activity);
    expect(card.body[0].text).toMatch(/^已呈報的案例 /);
    expect(actionsOf(card).filter((a) => a.type === 'Action.ShowCard').map((d) => d.title)).toEqual(['草稿（English）', '草稿（繁體中文）']);
    expect(actionsOf(card).map((a) => a.title)).toContain('記錄 SR 編號');
  });

  it('recording the SR updates the same activity in place, replies in the thread and stores the filing facts', async () => {
    const decide = await toDecide(agent());
    await clickCard('flow.decide.escalate', decide, { reasons: 'serviceUnavailable' }, agent());
    const c = await stored(ref(decide).caseId);
    const thread = c.escalation!.thread!;
    h.stub.reset();

    // A colleague clicks Record SR on the thread card; the form opens in UTC (no client time zone given) with now.
    const threadWhere = { ...inChannel(colleague) };
    const form = await clickCard('sr.form', { actions: [{ type: 'Action.Execute', data: { caseId: c.id, version: c.version } }] }, {}, threadWhere);
    const inputs = Object.fromEntries(actionsOf(form).length ? form.body.flatMap((b: any) => (b.columns ? b.columns.flatMap((col: any) => col.items) : [b])).filter((b: any) => b.id).map((b: any) => [b.id, b]) : []);
    expect(inputs.filedDate.value).toBe('2026-11-20');
    expect(inputs.filedTime.value).toBe('02:00');
    expect(inputs.severity.value).toBe('B');
    const submitAction = actionsOf(form).find((a) => a.verb === 'sr.record');
    expect(submitAction.data.timeZone).toBe('UTC');

    h.clock.advance(5 * 60_000);
    const after = await clickCard('sr.record', form, { srNumber: '2411 2000 1000 1234', filedDate: '2026-11-20', filedTime: '02:03', severity: 'B', timeZone: 'Asia/Taipei' }, threadWhere);
    // 02:03 in Taipei is before the case existed: the error sits next to the time, inputs kept.
    expect(cardText(after)).toContain('The case was opened on 2026-11-20 at 10:00 (Asia/Taipei)');
    const retry = await clickCard('sr.record', form, { srNumber: '2411 2000 1000 1234', filedDate: '2026-11-20', filedTime: '10:03', severity: 'B', timeZone: 'Asia/Taipei' }, threadWhere);
    expect(cardText(retry)).toContain('Service request 2411200010001234 filed');

    const saved = await stored(c.id);
    expect(saved.serviceRequest).toEqual({ number: '2411200010001234', filedAt: '2026-11-20T02:03:00.000Z', severity: 'B', recordedBy: colleague });
    const update = h.stub.calls.find((x) => x.op === 'update')!;
    expect(update.conversationId).toBe(thread.conversationId);
    expect(update.activityId).toBe(thread.rootActivityId);
    expect(cardText(cardOf(update.body))).toContain('Service request 2411200010001234 filed');
    // Severity B in English: 4 hours from the filing at 02:03Z, shown on the same update.
    expect(cardText(cardOf(update.body))).toContain('{{DATE(2026-11-20T06:03:00Z, SHORT)}}');
    const reply = h.stub.calls.find((x) => x.op === 'reply')!;
    expect(reply.conversationId).toBe(thread.conversationId);
    // A reply, not a new post: it names the root activity it answers.
    expect(reply.activityId).toBe(thread.rootActivityId);
    expect(reply.body.replyToId).toBe(thread.rootActivityId);
    expect(reply.body.text).toBe('Wei Chen recorded service request 2411200010001234.');
    expect(h.stub.calls.filter((x) => x.op === 'createConversation')).toHaveLength(0);
  });

  it('take over: the owner and the card mention change, in place', async () => {
    const decide = await toDecide(agent());
    await clickCard('flow.decide.escalate', decide, { reasons: 'serviceUnavailable' }, agent());
    const c = await stored(ref(decide).caseId);
    h.stub.reset();
    await clickCard('escalation.takeOver', { actions: [{ type: 'Action.Execute', data: { caseId: c.id, version: c.version } }] }, {}, inChannel(colleague));
    const update = h.stub.calls.find((x) => x.op === 'update')!;
    expect(update.activityId).toBe(c.escalation!.thread!.rootActivityId);
    expect(cardOf(update.body).msteams.entities[0].mentioned).toEqual({ id: '29:agent-2', name: 'Wei Chen' });
    expect(h.stub.calls.find((x) => x.op === 'reply')!.body.text).toBe('Wei Chen took over this case from Mei Lin.');
    expect((await stored(c.id)).owner.id).toBe('29:agent-2');
  });

  it.each([
    [403, 'forbidden', 'en-US', 'Teams refused the post'],
    [404, 'notFound', 'zh-TW', 'Teams 找不到頻道'],
  ])('connector %i → the case is kept with the error; posting again tells the agent (%s, %s) and then works', async (status, problem, locale, words) => {
    const w = agent(locale);
    const decide = await toDecide(w);
    h.stub.failNext({ status, op: 'createConversation' });
    await clickCard('flow.decide.escalate', decide, { reasons: 'serviceUnavailable' }, w);
    let c = await stored(ref(decide).caseId);
    expect(c.step).toBe('escalated');
    expect(c.decision?.reasons).toEqual(['serviceUnavailable']);
    expect(c.escalation?.postError).toBe(problem);
    expect(c.escalation?.thread).toBeUndefined();

    // Still failing: the answer says what to do, in the agent's language, with the retry button.
    h.stub.failNext({ status, op: 'createConversation' });
    const again = await clickCard('escalation.post', { actions: [{ type: 'Action.Execute', data: { caseId: c.id, version: c.version } }] }, {}, w);
    expect(cardText(again)).toContain(words);
    expect(actionsOf(again).some((a) => a.verb === 'escalation.post')).toBe(true);
    c = await stored(c.id);
    expect(c.escalation?.postError).toBe(problem);

    // Fixed: the next try posts the thread and clears the error.
    const ok = await clickCard('escalation.post', { actions: [{ type: 'Action.Execute', data: { caseId: c.id, version: c.version } }] }, {}, w);
    expect(actionsOf(ok).some((a) => a.verb === 'escalation.post')).toBe(false);
    c = await stored(c.id);
    expect(c.escalation?.postError).toBeUndefined();
    expect(c.escalation?.thread?.channelId).toBe(channelId);
    const posts = h.stub.calls.filter((x) => x.op === 'createConversation');
    expect(posts).toHaveLength(1);
    const events = await h.app.services.store.cases.events(c.id);
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['escalation.postFailed', 'escalation.posted']));
  });

  it('a personal-chat case goes to the only team with an escalation channel; with none chosen the agent is told', async () => {
    const lone = await startHarness({ now: '2026-11-20T02:00:00Z' });
    try {
      const w: Where = { serviceUrl: lone.stub.url };
      await lone.post(installInTeam(w));
      lone.stub.reset();
      await lone.post(message('new case', w));
      const [call] = await lone.stub.waitFor((c) => c.some((x) => x.op === 'reply'));
      let card = cardOf(call!.body);
      const click = async (verb: string, inputs: Record<string, unknown>) => {
        const res = await lone.post(execute(verb, { verb, ...ref(card), ...inputs }, w));
        card = res.body.value;
      };
      await click('flow.intake.submit', m365);
      await click('flow.health.continue', {});
      await click('flow.troubleshoot.continue', { notes: 'x' });
      await click('flow.decide.escalate', { reasons: 'serviceUnavailable' });
      const c = (await lone.app.services.store.cases.get(ref(card).caseId))!;
      expect(c.teamId).toBeUndefined();
      expect(c.escalation?.postError).toBe('noTeam');
      expect(lone.stub.calls.filter((x) => x.op === 'createConversation')).toHaveLength(0);

      await lone.post(message('help', { ...w, kind: 'channel' }));
      await lone.post(execute('channel.useForEscalations', { verb: 'channel.useForEscalations' }, { ...w, kind: 'channel' }));
      const res = await lone.post(execute('escalation.post', { verb: 'escalation.post', caseId: c.id, version: c.version }, w));
      expect(cardText(res.body.value)).toContain('Posted in Helpdesk › Escalations.');
      const post = lone.stub.calls.find((x) => x.op === 'createConversation')!;
      expect(post.body.channelData.channel.id).toBe(channelId);
    } finally {
      await lone.close();
    }
  });

  it('a stale click (old version) changes nothing and shows the current card', async () => {
    const decide = await toDecide(agent());
    await clickCard('flow.decide.escalate', decide, { reasons: 'serviceUnavailable' }, agent());
    const c = await stored(ref(decide).caseId);
    h.stub.reset();
    const res = await clickCard('escalation.takeOver', { actions: [{ type: 'Action.Execute', data: { caseId: c.id, version: c.version - 1 } }] }, {}, inChannel(colleague));
    expect(cardText(res)).toContain('This case was changed by');
    expect((await stored(c.id)).owner.id).toBe('29:agent-1');
    expect(h.stub.calls.filter((x) => x.op !== 'other')).toHaveLength(0);
  });
});

export type { Case };

describe('the SR form in the agent\'s own time', () => {
  it('Teams reports Asia/Taipei: "filed at" defaults to now in Taipei, and a Taipei time is stored as the right instant', async () => {
    h.clock.set('2026-11-20T02:00:00Z');
    const taipei: Where = { ...agent(), timeZone: 'Asia/Taipei' };
    const decide = await toDecide(taipei);
    await clickCard('flow.decide.escalate', decide, { reasons: 'serviceUnavailable' }, taipei);
    const c = await stored(ref(decide).caseId);
    const form = await clickCard('sr.form', { actions: [{ type: 'Action.Execute', data: { caseId: c.id, version: c.version } }] }, {}, taipei);
    const inputs = JSON.stringify(form);
    // The harness clock is 02:00Z = 10:00 in Taipei.
    expect(inputs).toContain('"id":"filedDate","label"');
    expect(inputsOf(form).filedTime?.value).toBe('10:00');
    // 09:45 in Taipei is 01:45Z, before the case was opened at 02:00Z: refused, said in Taipei time.
    const early = await clickCard('sr.record', form, { srNumber: '2611200010001234', filedDate: '2026-11-20', filedTime: '09:45', severity: 'B' }, taipei);
    expect(cardText(early)).toContain('10:00');
    expect((await stored(c.id)).serviceRequest).toBeUndefined();
    await clickCard('sr.record', form, { srNumber: '2611200010001234', filedDate: '2026-11-20', filedTime: '10:00', severity: 'B' }, taipei);
    expect((await stored(c.id)).serviceRequest?.filedAt).toBe('2026-11-20T02:00:00.000Z');
  });
});

