import { afterEach, describe, expect, it } from 'vitest';
import { cardOf, cardText, startHarness, type Harness } from '../support/botHarness.js';
import { execute, installInTeam, installPersonal, message, teamId, uninstallFromTeam } from '../support/activities.js';
import { actionsOf } from '../support/cases.js';

let h: Harness;
afterEach(async () => h?.close());

describe('installing in a team', () => {
  it('stores the team channel, welcomes once, and the reference survives a restart', async () => {
    h = await startHarness();
    const res = await h.post(installInTeam({ serviceUrl: h.stub.url, locale: 'zh-TW' }));
    expect(res.status).toBe(200);
    const [welcome] = await h.stub.waitFor((c) => c.length > 0);
    expect(welcome!.conversationId).toBe(teamId);
    const card = cardOf(welcome!.body);
    expect(card.body[0].text).toBe('CSP 支援服務台已安裝在 Helpdesk');
    expect(card.actions[0]).toMatchObject({ type: 'Action.Execute', verb: 'channel.useForEscalations' });

    // Teams (and the Playground) repeat install events: no second welcome.
    await h.post(installInTeam({ serviceUrl: h.stub.url }));
    await new Promise((r) => setTimeout(r, 150));
    expect(h.stub.calls).toHaveLength(1);

    await h.restart();
    const channel = await h.app.services.store.channels.get(teamId);
    expect(channel).toMatchObject({ kind: 'channel', teamId, teamName: 'Helpdesk', serviceUrl: h.stub.url, active: true, tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' });
    expect(channel!.reference.conversation?.id).toBe(teamId);
  });

  it('"Use this channel for escalations" records the channel; uninstall marks the team inactive', async () => {
    h = await startHarness();
    await h.post(installInTeam({ serviceUrl: h.stub.url }));
    const where = { serviceUrl: h.stub.url, kind: 'channel' as const };
    const res = await h.post(execute('channel.useForEscalations', { verb: 'channel.useForEscalations' }, where));
    expect(res.status).toBe(200);
    // The welcome card is answered in place: the chosen channel instead of the button (issue 13).
    expect(cardText(res.body.value)).toContain('Escalations for Helpdesk will be posted in this channel (Escalations)');
    expect(actionsOf(res.body.value).map((a: any) => a.verb)).toEqual(['help.show']);
    const settings = await h.app.services.store.teamSettings.get(teamId);
    expect(settings!.data).toMatchObject({ escalationChannelId: '19:escalations-channel@thread.tacv2' });

    // Teams often sends only the channel id: the bot then says "this channel" instead of guessing a name.
    const unnamed = { serviceUrl: h.stub.url, kind: 'channel' as const, channel: { id: '19:ops@thread.tacv2' } };
    const res2 = await h.post(execute('channel.useForEscalations', {}, unnamed));
    expect(cardText(res2.body.value)).toContain('Escalations for Helpdesk will be posted in this channel. Chosen by Mei Lin.');
    expect((await h.app.services.store.teamSettings.get(teamId))!.data).toMatchObject({ escalationChannelId: '19:ops@thread.tacv2' });
    expect(((await h.app.services.store.teamSettings.get(teamId))!.data as any).escalationChannelName).toBeUndefined();

    await h.post(uninstallFromTeam({ serviceUrl: h.stub.url }));
    expect((await h.app.services.store.channels.listTeam(teamId)).every((c) => !c.active)).toBe(true);
  });

  it('someone who is not the installer or an admin cannot choose the escalation channel', async () => {
    h = await startHarness();
    await h.post(installInTeam({ serviceUrl: h.stub.url, user: { id: '29:owner', name: 'Owner', aadObjectId: 'aad-owner' } }));
    const res = await h.post(execute('channel.useForEscalations', {}, { serviceUrl: h.stub.url, kind: 'channel', user: { id: '29:other', name: 'Other', aadObjectId: 'aad-other' } }));
    expect(res.body.value).toContain('Only team owners');
    expect(((await h.app.services.store.teamSettings.get(teamId))!.data as any).escalationChannelId).toBeUndefined();
  });

  it('personal install welcomes the user in their language', async () => {
    h = await startHarness();
    await h.post(installPersonal({ serviceUrl: h.stub.url, locale: 'zh-CN' }));
    const [call] = await h.stub.waitFor((c) => c.length > 0);
    expect(cardText(cardOf(call!.body))).toContain('欢迎使用 CSP 支持服务台');
  });
});

describe('ALLOWED_TENANT_IDS', () => {
  it('another tenant gets a short refusal and nothing is stored', async () => {
    h = await startHarness({ env: { ALLOWED_TENANT_IDS: '11111111-2222-3333-4444-555555555555' } });
    await h.post(installInTeam({ serviceUrl: h.stub.url }));
    await h.post(message('help', { serviceUrl: h.stub.url, kind: 'channel' }));
    const calls = await h.stub.waitFor((c) => c.length > 0);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body.text).toContain('serves only its own organization');
    expect(cardOf(calls[0]!.body)).toBeUndefined();
    expect(await h.app.services.store.channels.listActiveTeamChannels()).toHaveLength(0);
    expect(await h.app.services.store.teamSettings.get(teamId)).toBeUndefined();
  });

  it('the allowed tenant is served', async () => {
    h = await startHarness({ env: { ALLOWED_TENANT_IDS: '72F988BF-86F1-41AF-91AB-2D7CD011DB47' } });
    await h.post(message('help', { serviceUrl: h.stub.url }));
    const [call] = await h.stub.waitFor((c) => c.length > 0);
    expect(cardOf(call!.body).body[0].text).toBe('CSP Support Desk');
  });
});
