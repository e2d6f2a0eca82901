import { describe, expect, it } from 'vitest';
import { applyAction, startCase, allowedActions, type CaseAction } from '../../src/flow/transitions.js';
import { caseSteps, type HealthCheck } from '../../src/flow/case.js';
import { agent, caseAtDecide, colleague, intakeInputs, minutes, must, nothingFound, t0 } from './fixtures.js';

const fresh = () => startCase({ id: 'K7Q-X2M', tenantId: 'partner-tenant', actor: agent, locale: 'zh-TW', teamId: '19:team', now: t0 });

const exchangeIncident: HealthCheck = {
  checkedAt: minutes(3).toISOString(),
  demo: true,
  failures: [],
  items: [
    {
      id: 'EX812345',
      source: 'demo',
      title: 'Users may be unable to access shared mailboxes',
      service: 'Exchange Online',
      classification: 'incident',
      status: 'serviceDegradation',
      lastUpdated: '2026-11-03T08:55:00.000Z',
    },
  ],
};

describe('a case from intake to decide', () => {
  it('starts at intake, version 1', () => {
    expect(fresh()).toEqual({
      id: 'K7Q-X2M',
      tenantId: 'partner-tenant',
      version: 1,
      step: 'intake',
      createdAt: '2026-11-03T09:00:00.000Z',
      updatedAt: '2026-11-03T09:00:00.000Z',
      createdBy: agent,
      owner: agent,
      updatedBy: agent,
      locale: 'zh-TW',
      teamId: '19:team',
      healthChecks: [],
      troubleshooting: { tried: [], notes: '' },
    });
  });

  it('intake → health asks for a health check; each step bumps the version and records who and when', () => {
    const r = applyAction(fresh(), { type: 'intake.submit', inputs: intakeInputs() }, { now: minutes(2), actor: colleague });
    if (!r.ok) throw new Error('refused');
    expect(r.case.step).toBe('health');
    expect(r.case.version).toBe(2);
    expect(r.case.updatedAt).toBe('2026-11-03T09:02:00.000Z');
    expect(r.case.updatedBy).toEqual(colleague);
    expect(r.case.owner).toEqual(agent);
    expect(r.effects).toEqual([{ type: 'checkHealth' }]);
    expect(r.event).toEqual({ kind: 'intake.submitted', detail: { customer: 'Contoso Ltd', cloud: 'commercial', product: 'm365', severity: 'B' } });
  });

  it('a rejected intake keeps what was typed (known fields only) and changes nothing else', () => {
    const c = fresh();
    const r = applyAction(c, { type: 'intake.submit', inputs: { ...intakeInputs({ tenantId: 'nope' }), evil: '${x}' } }, { now: minutes(2), actor: agent });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([{ field: 'tenantId', key: 'flow.error.guid' }]);
    expect(r.case.version).toBe(1);
    expect(r.case.step).toBe('intake');
    expect(r.case.draftInputs).toEqual({ ...intakeInputs({ tenantId: 'nope' }) });
  });

  it('"nothing found at 10:42" is kept as evidence, and re-checks append', () => {
    let c = must(fresh(), { type: 'intake.submit', inputs: intakeInputs() }, minutes(2));
    c = must(c, { type: 'health.checked', check: nothingFound(minutes(2)) }, minutes(2));
    c = must(c, { type: 'health.checked', check: exchangeIncident }, minutes(3));
    expect(c.healthChecks.map((h) => [h.checkedAt, h.items.length])).toEqual([
      ['2026-11-03T09:02:00.000Z', 0],
      ['2026-11-03T09:03:00.000Z', 1],
    ]);
    expect(c.step).toBe('health');
  });

  it('attaching a known incident ends the case as a known service incident; continuing from it goes to troubleshooting', () => {
    let c = must(fresh(), { type: 'intake.submit', inputs: intakeInputs() }, minutes(2));
    c = must(c, { type: 'health.checked', check: exchangeIncident }, minutes(3));
    const bad = applyAction(c, { type: 'health.attach', inputs: { incidentId: 'MO000001' } }, { now: minutes(4), actor: agent });
    expect(bad.ok ? [] : bad.errors).toEqual([{ field: 'incidentId', key: 'flow.error.incidentNotFound' }]);
    const r = applyAction(c, { type: 'health.attach', inputs: { incidentId: 'EX812345' } }, { now: minutes(4), actor: agent });
    if (!r.ok) throw new Error('refused');
    expect(r.case.step).toBe('knownIncident');
    expect(r.case.attachedIncident?.id).toBe('EX812345');
    expect(r.event).toEqual({ kind: 'health.incidentAttached', detail: { incidentId: 'EX812345' } });
    expect(must(r.case, { type: 'knownIncident.continue' }, minutes(40)).step).toBe('troubleshoot');
  });

  it('"Solved" at troubleshooting closes as resolved by partner with what was tried', () => {
    let c = must(fresh(), { type: 'intake.submit', inputs: intakeInputs({ product: 'azure' }) }, minutes(2));
    c = must(c, { type: 'health.continue' }, minutes(3));
    c = must(c, { type: 'troubleshoot.solved', inputs: { 'tried.quotas': 'true', 'tried.rbac': 'true', notes: 'vCPU quota raised in West Europe.' } }, minutes(30));
    expect(c.step).toBe('resolvedByPartner');
    expect(c.troubleshooting).toEqual({ tried: ['quotas', 'rbac'], notes: 'vCPU quota raised in West Europe.' });
    expect(c.closed).toEqual({ at: '2026-11-03T09:30:00.000Z', outcome: 'resolvedByPartner', by: agent });
  });

  it('back to troubleshooting from decide', () => {
    const c = must(caseAtDecide(intakeInputs()), { type: 'decide.backToTroubleshoot' }, minutes(31));
    expect(c.step).toBe('troubleshoot');
  });
});

describe('wrong step and close', () => {
  const anyInputs = { inputs: {} };
  const samples: CaseAction[] = [
    { type: 'intake.submit', ...anyInputs },
    { type: 'health.checked', check: nothingFound(t0) },
    { type: 'health.attach', ...anyInputs },
    { type: 'health.continue' },
    { type: 'knownIncident.continue' },
    { type: 'troubleshoot.continue', ...anyInputs },
    { type: 'troubleshoot.solved', ...anyInputs },
    { type: 'decide.escalate', ...anyInputs },
    { type: 'decide.contactIsv' },
    { type: 'decide.ownTenant' },
    { type: 'decide.resolved', ...anyInputs },
    { type: 'decide.backToTroubleshoot' },
    { type: 'close', ...anyInputs },
  ];

  it('every action outside its step is refused with flow.error.wrongStep and the case untouched', () => {
    for (const step of caseSteps) {
      const c = { ...fresh(), step };
      for (const a of samples.filter((s) => !allowedActions[step].includes(s.type))) {
        expect(applyAction(c, a, { now: minutes(1), actor: agent })).toEqual({ ok: false, errors: [{ field: '', key: 'flow.error.wrongStep' }], case: c });
      }
    }
  });

  it('closing mid-flow is a withdrawal; closing an escalated case with a thread cancels reminders and tells the thread', () => {
    const w = must(fresh(), { type: 'close', inputs: {} }, minutes(1));
    expect(w.closed).toEqual({ at: '2026-11-03T09:01:00.000Z', outcome: 'withdrawn', by: agent });

    const esc = must(caseAtDecide(intakeInputs()), { type: 'decide.escalate', inputs: { reasons: 'serviceUnavailable' } }, minutes(30));
    const withThread = {
      ...esc,
      escalation: {
        escalatedAt: esc.escalation!.escalatedAt,
        thread: {
          teamId: '19:team',
          channelId: '19:esc@thread.tacv2',
          serviceUrl: 'https://smba.trafficmanager.net/emea/',
          tenantId: 'partner-tenant',
          conversationId: '19:esc@thread.tacv2;messageid=1730624400000',
          rootActivityId: '1730624400000',
          postedAt: minutes(30).toISOString(),
        },
      },
    };
    const r = applyAction(withThread, { type: 'close', inputs: { closeNote: 'Microsoft fixed the tenant config.' } }, { now: minutes(300), actor: colleague });
    if (!r.ok) throw new Error('refused');
    expect(r.case.step).toBe('closed');
    expect(r.effects).toEqual([
      { type: 'cancelReminders' },
      { type: 'updateThreadCard' },
      { type: 'threadReply', key: 'flow.thread.closed', params: { name: 'Raj Patel' } },
    ]);
    expect(r.event).toEqual({ kind: 'case.closed', detail: { outcome: 'escalated', note: 'Microsoft fixed the tenant config.' } });
  });
});
