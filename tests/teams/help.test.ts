import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cardOf, cardText, startHarness, type Harness } from '../support/botHarness.js';
import { execute, message, submit } from '../support/activities.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());
beforeEach(() => h.stub.reset());

describe('help, through /api/messages and the connector', () => {
  it.each([
    ['zh-TW', '說明', 'CSP 支援服務台', '建立案例'],
    ['zh-CN', '帮助', 'CSP 支持服务台', '创建案例'],
    ['en-US', 'help', 'CSP Support Desk', 'Start a case'],
    ['zh-HK', 'HELP', 'CSP 支援服務台', '建立案例'],
  ])('locale %s: "%s" → help card in that language', async (locale, text, title, button) => {
    const res = await h.post(message(text, { serviceUrl: h.stub.url, locale }));
    expect(res.status).toBe(200);
    const [call] = await h.stub.waitFor((c) => c.some((x) => x.op === 'reply'));
    expect(call!.op).toBe('reply');
    expect(call!.activityId).toBe(JSON.parse(JSON.stringify(call!.body)).replyToId);
    expect(call!.conversationId).toBe('a:personal-29:agent-1');
    const card = cardOf(call!.body);
    expect(card.version).toBe('1.5');
    expect(card.body[0].text).toBe(title);
    expect(card.actions.map((a: any) => a.title)).toContain(button);
    expect(card.actions[0]).toMatchObject({ type: 'Action.Execute', verb: 'case.new' });
  });

  it('an @mention in a channel is stripped before matching, and the reply goes to the thread', async () => {
    const act = message('Help', { serviceUrl: h.stub.url, kind: 'channel' });
    await h.post(act);
    const calls = await h.stub.waitFor((c) => c.some((x) => x.op === 'reply' || x.op === 'send'));
    const reply = calls.find((c) => c.op === 'reply' || c.op === 'send')!;
    expect(reply.conversationId).toBe(act.conversation.id);
    expect(cardText(cardOf(reply.body))).toContain('CSP Support Desk');
  });

  it('a word that only starts like a command is not the command', async () => {
    await h.post(message('helpful tips', { serviceUrl: h.stub.url }));
    const [call] = await h.stub.waitFor((c) => c.length > 0);
    expect(call!.body.text).toContain("didn't recognise");
    expect(cardOf(call!.body)).toBeUndefined();
  });

  it('Action.Execute help.show answers with the card in the invoke response', async () => {
    const res = await h.post(execute('help.show', { verb: 'help.show' }, { serviceUrl: h.stub.url, locale: 'zh-TW' }));
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(res.body.value.body[0].text).toBe('CSP 支援服務台');
  });

  it('the same data through Action.Submit (older clients) runs the same handler', async () => {
    await h.post(submit({ verb: 'help.show' }, { serviceUrl: h.stub.url, locale: 'zh-CN' }));
    const [call] = await h.stub.waitFor((c) => c.length > 0);
    expect(cardOf(call!.body).body[0].text).toBe('CSP 支持服务台');
  });

  it('an unknown verb gets a clear message in the user language, not an error', async () => {
    const res = await h.post(execute('no.such.verb', {}, { serviceUrl: h.stub.url, locale: 'zh-TW' }));
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('application/vnd.microsoft.activity.message');
    expect(res.body.value).toContain('我不知道如何處理這個按鈕');
  });
});

describe('bad bodies', () => {
  it.each([
    ['invalid JSON', '{"type": "message",'],
    ['an empty body', ''],
    ['an activity without conversation', JSON.stringify({ type: 'message', text: 'help', serviceUrl: 'http://127.0.0.1:1/', channelId: 'msteams', from: { id: 'x' } })],
    ['a JSON array', '[1,2]'],
    ['a serviceUrl that is not a URL', JSON.stringify({ type: 'message', serviceUrl: 'nope', channelId: 'msteams', conversation: { id: 'c' } })],
  ])('%s → 400, and the next "help" still works', async (_name, body) => {
    const res = await h.post(body);
    expect(res.status).toBe(400);
    const ok = await h.post(message('help', { serviceUrl: h.stub.url }));
    expect(ok.status).toBe(200);
    await h.stub.waitFor((c) => c.some((x) => x.op === 'reply'));
  });
});
