import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM script without types (scripts/ is JavaScript)
import { parseDevArgs, rewriteActivity, startLocaleProxy } from '../scripts/locale-proxy.mjs';
import { cardOf, startHarness, type Harness } from './support/botHarness.js';
import { message } from './support/activities.js';

/** `npm run dev -- --locale zh-TW`: the Playground sends en-US; the dev proxy makes the bot see the chosen locale (issue 13). */
describe('dev --locale', () => {
  it('parses --locale and --timezone, and refuses what is not a language tag or an IANA zone', () => {
    expect(parseDevArgs(['--locale', 'zh-TW'])).toEqual({ locale: 'zh-TW' });
    expect(parseDevArgs(['--locale=zh-CN', '--timezone', 'Asia/Shanghai'])).toEqual({ locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
    expect(parseDevArgs([])).toEqual({});
    expect(() => parseDevArgs(['--locale'])).toThrow(/needs a value/);
    expect(() => parseDevArgs(['--locale', 'zh TW'])).toThrow(/not a language tag/);
    expect(() => parseDevArgs(['--timezone', 'Mars/Olympus'])).toThrow(/not an IANA time zone/);
  });

  it('sets the activity locale and the clientInfo entity, and leaves the rest alone', () => {
    const playground = { type: 'message', text: 'help', locale: 'en-US', entities: [{ type: 'clientInfo', locale: 'en-US', timezone: null }, { type: 'mention', text: '<at>x</at>' }] };
    expect(rewriteActivity(playground, { locale: 'zh-TW', timeZone: 'Asia/Taipei' })).toEqual({
      type: 'message',
      text: 'help',
      locale: 'zh-TW',
      localTimezone: 'Asia/Taipei',
      entities: [{ type: 'clientInfo', locale: 'zh-TW', timezone: 'Asia/Taipei' }, { type: 'mention', text: '<at>x</at>' }],
    });
    expect(rewriteActivity({ type: 'invoke' }, { locale: 'zh-CN' })).toEqual({ type: 'invoke', locale: 'zh-CN', entities: [{ type: 'clientInfo', locale: 'zh-CN' }] });
  });

  describe('through the proxy, the bot answers in the chosen language', () => {
    let h: Harness;
    let proxy: { url: string; close(): Promise<void> };
    beforeAll(async () => {
      h = await startHarness();
      proxy = await startLocaleProxy({ target: `${h.baseUrl}/api/messages`, locale: 'zh-TW' });
    });
    afterAll(async () => {
      await proxy.close();
      await h.close();
    });

    it('an en-US "help" from the Playground gets the Traditional Chinese help card', async () => {
      const res = await fetch(proxy.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message('help', { serviceUrl: h.stub.url, locale: 'en-US' })) });
      expect(res.status).toBe(200);
      const [call] = await h.stub.waitFor((c) => c.some((x) => x.op === 'reply' || x.op === 'send'));
      expect(cardOf(call!.body).body[0].text).toMatch(/[\u4e00-\u9fff]/);
    });
  });
});
