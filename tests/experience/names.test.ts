import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardOf, cardText, startHarness, type Harness } from '../support/botHarness.js';
import { channelId, execute, installInTeam, message, teamId, type Where } from '../support/activities.js';
import { actionsOf, clickCard, m365Intake } from '../support/cases.js';
import { ConnectorStub } from '../support/connectorStub.js';

/**
 * Issue 13 "names, not ids": the thread notice and the settings card name channels and people as Teams lists them
 * (GET v3/teams/{teamId}/conversations, GET v3/conversations/{teamId}/pagedmembers on the connector stub), and fall
 * back to neutral wording when the connector does not list them. Channel activities carry no channel name here,
 * as in Teams, where channelData.channel.name comes only with some events.
 */

const admin = { id: '29:admin-lin', name: 'Lin Admin', aadObjectId: '00000000-0000-0000-0000-0000000000b1' };
const lead = { id: '29:lead-chen', name: 'Chen Wei', aadObjectId: '00000000-0000-0000-0000-0000000000c2' };

async function setUp(h: Harness) {
  const w: Where = { serviceUrl: h.stub.url, kind: 'channel', user: admin, channel: { id: channelId } };
  await h.post(installInTeam({ serviceUrl: h.stub.url, user: admin }));
  await h.post(message('help', w));
  const installReads = [...h.stub.reads];
  h.stub.reset();
  const chosen = await h.post(execute('channel.useForEscalations', { verb: 'channel.useForEscalations' }, w));
  return { w, installReads, chosen: typeof chosen.body?.value === 'string' ? chosen.body.value : cardText(chosen.body?.value) };
}

async function settingsCardOf(h: Harness, w: Where) {
  h.stub.reset();
  await h.post(message('settings', w));
  const [call] = await h.stub.waitFor((c) => c.some((x) => x.op === 'reply' || x.op === 'send'));
  const card = cardOf(call!.body);
  const inputs: Record<string, any> = {};
  const walk = (n: any) => (Array.isArray(n) ? n.forEach(walk) : n && typeof n === 'object' && (n.id && (inputs[n.id] = n), Object.values(n).forEach(walk)));
  walk(card.body);
  return { card, inputs };
}

async function escalateNotice(h: Harness, w: Where) {
  h.stub.reset();
  await h.post(message('new case', w));
  const [call] = await h.stub.waitFor((c) => c.some((x) => x.op === 'reply' || x.op === 'send'));
  let card = cardOf(call!.body);
  card = await clickCard(h, 'flow.intake.submit', card, m365Intake, w);
  card = await clickCard(h, 'flow.health.continue', card, {}, w);
  card = await clickCard(h, 'flow.troubleshoot.continue', card, { notes: 'Checked.' }, w);
  card = await clickCard(h, 'flow.decide.escalate', card, { reasons: 'serviceUnavailable' }, w);
  return cardText(card);
}

describe('when the connector lists the team\'s channels and members', () => {
  let h: Harness;
  let stub: ConnectorStub;
  beforeAll(async () => {
    stub = await new ConnectorStub().start();
    stub.teamChannels.set(teamId, [{ id: teamId }, { id: channelId, name: 'Escalations' }, { id: '19:billing@thread.tacv2', name: 'Billing desk' }]);
    stub.teamMembers.set(teamId, [admin, lead]);
    h = await startHarness({ stub });
  });
  afterAll(async () => {
    await h.close();
    await stub.stop();
  });

  it('"Use this channel" names the channel, the settings card lists channel and people names, the thread notice names the channel', async () => {
    const { w, chosen, installReads } = await setUp(h);
    expect(chosen).toContain('Escalations');
    expect(installReads.some((r) => r.path === `/v3/teams/${teamId}/conversations` && r.status === 200)).toBe(true);

    const { card, inputs } = await settingsCardOf(h, w);
    expect(inputs.escalationChannelId.choices.map((c: any) => c.title)).toEqual(expect.arrayContaining(['Escalations', 'Billing desk', 'General']));
    expect(JSON.stringify(inputs.escalationChannelId.choices)).not.toContain('(name not available)');
    const people = inputs.admins.choices.map((c: any) => c.title);
    expect(people).toEqual(expect.arrayContaining(['Lin Admin', 'Chen Wei']));
    expect(people.join(' ')).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}|29:/);
    // Teams' people picker searches the team's members; the static choices are the fallback and prefill.
    expect(inputs.leads['choices.data']).toEqual({ type: 'Data.Query', dataset: 'graph.microsoft.com/users?scope=currentContext' });
    // Visible text only (choice values are ids by design): no channel id anywhere a person reads.
    expect(JSON.stringify(inputs.escalationChannelId.choices.map((c: any) => c.title))).not.toContain('19:');
    expect(card.body.filter((b: any) => b.type === 'TextBlock').map((b: any) => b.text).join('\n')).not.toContain('19:');

    const notice = await escalateNotice(h, w);
    expect(notice).toContain('Posted in Helpdesk › Escalations.');
  });

  it('a lead picked in the people picker (an Entra object id) is saved with the display name from the roster', async () => {
    const w: Where = { serviceUrl: h.stub.url, kind: 'channel', user: admin, channel: { id: channelId } };
    const { inputs } = await settingsCardOf(h, w);
    const values = Object.fromEntries(Object.entries(inputs).map(([id, i]) => [id, typeof i.value === 'string' ? i.value : '']));
    const res = await h.post(execute('settings.save', { verb: 'settings.save', teamId, version: 1, ...values, leads: lead.aadObjectId, leadsAddMe: 'false' }, w));
    expect(cardText(res.body.value)).toContain('Saved by Lin Admin.');
    const { loadTeamSettings } = await import('../../src/settings/teamSettings.js');
    expect((await loadTeamSettings(h.app.services, teamId)).settings.leads).toEqual([{ id: lead.aadObjectId, name: 'Chen Wei' }]);
  });
});

describe('when the connector does not list them (404), the cards fall back gracefully', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('no channel id and no GUID is shown; the wording stays neutral', async () => {
    const { w, chosen, installReads } = await setUp(h);
    expect(installReads.some((r) => r.status === 404)).toBe(true);
    expect(chosen).not.toContain(channelId);

    const { card, inputs } = await settingsCardOf(h, w);
    const titles = inputs.escalationChannelId.choices.map((c: any) => c.title);
    expect(titles).toContain('Channel 1 (name not available)');
    expect(inputs.escalationChannelId.choices.map((c: any) => c.value)).toContain(channelId);
    expect(cardText(card)).toContain('Teams did not give the names of some channels');
    expect(inputs.admins.choices.map((c: any) => c.title)).toContain('Lin Admin');
    expect(JSON.stringify(inputs.admins.choices.map((c: any) => c.title))).not.toMatch(/29:|0000-0000/);

    const notice = await escalateNotice(h, w);
    expect(notice).toContain("Posted in Helpdesk, in the team's escalation channel.");
    expect(notice).not.toContain(channelId);
    expect(actionsOf(cardOf(h.stub.calls.find((c) => c.op === 'createConversation')!.body.activity)).length).toBeGreaterThan(0);
  });
});
