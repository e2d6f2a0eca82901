import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cardOf, cardText, startHarness, type Harness } from '../support/botHarness.js';
import { execute, installInTeam, message, teamId, tenantId, type Where } from '../support/activities.js';
import { clickCard as clickCardOf, m365Intake } from '../support/cases.js';
import { actionsOf, cardRef, nodesOf } from '../support/cards.js';
import { updateTeamSettings } from '../../src/settings/teamSettings.js';
import { timeInZone } from '../../src/escalation/handoverNote.js';

/**
 * Issue 13, follow-the-sun handover through /api/messages and the connector stub: Mei Lin in Taipei hands a case to
 * Jordan Ellis, the team lead in New York. The thread gets a note mentioning Jordan with Microsoft's deadline in New
 * York time, the case owner changes, the case history keeps the handover; bad input keeps what was typed.
 */
let h: Harness;
const mei = { id: '29:agent-1', name: 'Mei Lin', aadObjectId: '00000000-0000-0000-0000-0000000000a1' };
const jordan = { id: '29:lead-ny', name: 'Jordan Ellis', aadObjectId: '00000000-0000-0000-0000-0000000000b7' };
const meiWhere = (locale = 'en-US'): Where => ({ serviceUrl: h.stub.url, locale, user: mei, timeZone: 'Asia/Taipei' });
const inThread = (locale = 'en-US'): Where => ({ ...meiWhere(locale), kind: 'channel' });
const clickCard = (verb: string, card: any, inputs: Record<string, unknown>, w: Where) => clickCardOf(h, verb, card, inputs, w);
const stored = async (id: string) => (await h.app.services.store.cases.get(id))!;

beforeAll(async () => {
  h = await startHarness({ now: '2026-11-20T02:00:00Z' });
  await h.post(installInTeam({ serviceUrl: h.stub.url }));
  await h.post(message('help', { serviceUrl: h.stub.url, kind: 'channel' }));
  await h.post(execute('channel.useForEscalations', { verb: 'channel.useForEscalations' }, { serviceUrl: h.stub.url, kind: 'channel' }));
  // Jordan used the bot from New York (clientInfo reports the zone) and is a lead in team settings.
  await h.post(message('help', { serviceUrl: h.stub.url, user: jordan, timeZone: 'America/New_York' }));
  await updateTeamSettings(h.app.services, { teamId, tenantId }, mei, (s) => ({ ...s, leads: [{ id: jordan.id, name: jordan.name }] }));
});
afterAll(async () => h.close());
beforeEach(() => h.stub.reset());

/** Mei opens a case, escalates it and records the SR (Sev B, English: due 4 h after filing). */
async function escalatedWithSr(): Promise<string> {
  h.clock.set('2026-11-20T02:00:00Z');
  await h.post(message('new case', meiWhere()));
  const [call] = await h.stub.waitFor((c) => c.some((x) => x.op === 'reply' || x.op === 'send'));
  let card = cardOf(call!.body);
  card = await clickCard('flow.intake.submit', card, m365Intake, meiWhere());
  card = await clickCard('flow.health.continue', card, {}, meiWhere());
  card = await clickCard('flow.troubleshoot.continue', card, { notes: 'Checked licences.' }, meiWhere());
  await clickCard('flow.decide.escalate', card, { reasons: 'serviceUnavailable' }, meiWhere());
  const id = cardRef(card).caseId as string;
  const c = await stored(id);
  const form = await clickCard('sr.form', { actions: [{ type: 'Action.Execute', data: { caseId: id, version: c.version } }] }, {}, inThread());
  h.clock.advance(5 * 60_000);
  await clickCard('sr.record', form, { srNumber: '2611200010004321', filedDate: '2026-11-20', filedTime: '10:03', severity: 'B', timeZone: 'Asia/Taipei' }, inThread());
  h.stub.reset();
  return id;
}

const threadCardOf = async (id: string) => {
  const c = await stored(id);
  return { actions: [{ type: 'Action.Execute', data: { caseId: id, version: c.version } }] };
};

describe('follow-the-sun handover from the thread card', () => {
  it('the thread card offers "Hand over" beside the owner line; the form has a people picker with the known people offline', async () => {
    const id = await escalatedWithSr();
    const c = await stored(id);
    const update = await clickCard('escalation.show', await threadCardOf(id), {}, inThread());
    const hand = actionsOf(update).find((a) => a.verb === 'handover.form');
    expect(hand).toMatchObject({ type: 'Action.Execute', title: 'Hand over', data: { caseId: id, version: c.version } });
    const ownerRow = update.body.findIndex((b: any) => b.type === 'TextBlock' && b.text === 'Owner: <at>Mei Lin</at>');
    expect(update.body[ownerRow + 1].actions.map((a: any) => a.verb)).toEqual(['handover.form']);

    const form = await clickCard('handover.form', update, {}, inThread());
    const picker = nodesOf(form).find((n: any) => n.id === 'handoverTo');
    expect(picker).toMatchObject({ type: 'Input.ChoiceSet', isRequired: true, errorMessage: 'Pick the next owner.', 'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' } });
    // Offline: the lead (by Entra object id, what the directory picker answers with too); never the current owner.
    expect(picker.choices).toEqual([{ title: 'Jordan Ellis (lead)', value: jordan.aadObjectId }]);
    for (const field of ['handoverTried', 'handoverPending']) {
      expect(nodesOf(form).find((n: any) => n.id === field)).toMatchObject({ type: 'Input.Text', isRequired: true, isMultiline: true, errorMessage: expect.any(String) });
    }
  });

  it('bad input keeps what was typed, with the problems in the clicker\'s language; nothing is stored', async () => {
    const id = await escalatedWithSr();
    const before = await stored(id);
    const form = await clickCard('handover.form', await threadCardOf(id), {}, inThread('zh-TW'));
    expect(cardText(form)).toContain('交接案例');
    const again = await clickCard('handover.save', form, { handoverTo: '', handoverTried: '   ', handoverPending: '等 Microsoft 回覆 SR 2611200010004321' }, inThread('zh-TW'));
    const text = cardText(again);
    expect(text).toContain('請選擇下一位負責人。');
    expect(text).toContain('請寫下已嘗試的處理（最多 2000 個字元）。');
    expect(text).toContain('請檢查下方標示的欄位；您輸入的內容都已保留。');
    expect(nodesOf(again).find((n: any) => n.id === 'handoverPending').value).toBe('等 Microsoft 回覆 SR 2611200010004321');
    // Handing the case to its own owner is refused the same way.
    const self = await clickCard('handover.save', form, { handoverTo: mei.id, handoverTried: 'x', handoverPending: 'y' }, inThread());
    expect(cardText(self)).toContain('Mei Lin already owns this case: pick someone else.');
    expect(nodesOf(self).find((n: any) => n.id === 'handoverTried').value).toBe('x');
    const after = await stored(id);
    expect(after.version).toBe(before.version);
    expect(after.owner.id).toBe(mei.id);
    expect(h.stub.calls.filter((x) => x.op === 'reply' || x.op === 'update')).toHaveLength(0);
  });

  it('handing over posts a note mentioning the receiver with the deadline in New York time, changes the owner and keeps the event', async () => {
    const id = await escalatedWithSr();
    const before = await stored(id);
    expect(before.initialResponseDue).toBe('2026-11-20T06:03:00.000Z'); // 14:03 Taipei = 01:03 New York
    const thread = before.escalation!.thread!;
    h.clock.set('2026-11-20T09:30:00Z'); // 17:30 in Taipei: Mei's day ends
    const form = await clickCard('handover.form', await threadCardOf(id), {}, inThread());
    const tried = 'Restarted the **transport** service; see [runbook](https://evil.example)';
    const answer = await clickCard('handover.save', form, { handoverTo: jordan.aadObjectId, handoverTried: tried, handoverPending: 'Waiting for Microsoft on SR 2611200010004321' }, inThread());
    expect(cardText(answer)).toContain('Handed over to Jordan Ellis.');
    expect(answer.msteams.entities).toEqual([{ type: 'mention', text: '<at>Jordan Ellis</at>', mentioned: { id: jordan.id, name: 'Jordan Ellis' } }]);

    const after = await stored(id);
    expect(after.owner).toEqual({ id: jordan.id, name: 'Jordan Ellis', aadObjectId: jordan.aadObjectId });

    const note = h.stub.calls.find((x) => x.op === 'reply')!;
    expect(note.conversationId).toBe(thread.conversationId);
    expect(note.body.entities).toContainEqual({ type: 'mention', text: '<at>Jordan Ellis</at>', mentioned: { id: jordan.id, name: 'Jordan Ellis' } });
    const text: string = note.body.text;
    expect(text).toContain(`<at>Jordan Ellis</at>, case ${id} is yours now, handed over by Mei Lin.`);
    expect(text).toContain(`${timeInZone('2026-11-20T06:03:00Z', 'America/New_York', 'en')} (America/New_York, your time)`);
    expect(timeInZone('2026-11-20T06:03:00Z', 'America/New_York', 'en')).toContain('01:03');
    // Typed text is shown literally: no bold, no live link in the team's channel.
    expect(text).toContain('Restarted the \\*\\*transport\\*\\* service; see \\[runbook\\]\\(https://evil.example\\)');
    expect(text).toContain('**Pending:** Waiting for Microsoft on SR 2611200010004321');

    // The root card now names Jordan as owner, updated in place.
    const update = h.stub.calls.find((x) => x.op === 'update')!;
    expect(update.activityId).toBe(thread.rootActivityId);
    expect(cardText(cardOf(update.body))).toContain('Owner: <at>Jordan Ellis</at>');

    const events = await h.app.services.store.cases.events(id);
    const handed = events.find((e) => e.kind === 'case.handedOver')!;
    expect(handed.actor.id).toBe(mei.id);
    expect(handed.detail).toMatchObject({
      from: mei.id,
      to: jordan.id,
      toName: 'Jordan Ellis',
      tried,
      pending: 'Waiting for Microsoft on SR 2611200010004321',
      receiverTimeZone: 'America/New_York',
      receiverZoneKnown: true,
      initialResponseDue: '2026-11-20T06:03:00.000Z',
    });
  });

  it('a person picked from the directory whom the bot has not seen: mentioned by Entra id, deadline in the team\'s zone, said so (zh-CN thread)', async () => {
    const id = await escalatedWithSr();
    const c = await stored(id);
    await h.app.services.store.cases.save({ ...c, locale: 'zh-CN', version: c.version + 1 }, c.version, []);
    const stranger = '6d1f0c2a-1111-4a4a-9b9b-123456789abc';
    const form = await clickCard('handover.form', await threadCardOf(id), {}, inThread());
    await clickCard('handover.save', form, { handoverTo: stranger, handoverTried: '重启服务', handoverPending: '等待 Microsoft' }, inThread());
    const note = h.stub.calls.find((x) => x.op === 'reply')!;
    expect(note.body.entities).toContainEqual({ type: 'mention', text: '<at>新负责人</at>', mentioned: { id: stranger, name: '新负责人' } });
    // No calendar saved: the team's default calendar zone (from the case's language) stands in, and the note says so.
    expect(note.body.text).toMatch(/14:03（Asia\/Shanghai，团队时间：尚不知道您的 Teams 时区）/);
    expect((await stored(id)).owner).toEqual({ id: stranger, name: '新负责人', aadObjectId: stranger });
  });
});
