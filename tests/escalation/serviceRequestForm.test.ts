import { describe, expect, it } from 'vitest';
import { parseSrForm, parseSrNumber } from '../../src/escalation/serviceRequestForm.js';
import { recordServiceRequest } from '../../src/escalation/transitions.js';
import type { Case } from '../../src/flow/case.js';

const c = (over: Partial<Case> = {}): Case =>
  ({
    id: 'K7Q-X2M',
    tenantId: 't',
    version: 3,
    step: 'escalated',
    createdAt: '2026-11-20T01:30:40.000Z',
    updatedAt: '2026-11-20T01:40:00.000Z',
    createdBy: { id: '29:a', name: 'Mei' },
    owner: { id: '29:a', name: 'Mei' },
    updatedBy: { id: '29:a', name: 'Mei' },
    locale: 'en',
    intake: { cloud: 'commercial', severity: 'B' },
    healthChecks: [],
    troubleshooting: { tried: [], notes: '' },
    escalation: { escalatedAt: '2026-11-20T01:40:00.000Z' },
    ...over,
  }) as Case;
const now = new Date('2026-11-20T02:00:00Z');
const ok = { srNumber: '2411200010001234', filedDate: '2026-11-20', filedTime: '09:45', severity: 'A' };

describe('SR number (Microsoft: 6–20 digits; 21Vianet: alphanumeric 6–40)', () => {
  it.each([
    ['2411200010001234', 'commercial', '2411200010001234'],
    ['2411 2000 1000 1234', 'commercial', '2411200010001234'],
    ['7000-1234-56', 'usgov', '7000123456'],
    ['123456', 'commercial', '123456'],
    ['cn-2411-0001', 'china21v', 'CN-2411-0001'],
  ] as const)('%s (%s) → %s', (typed, cloud, number) => expect(parseSrNumber(typed, cloud)).toEqual({ ok: true, number }));
  it.each([
    ['12345', 'commercial'],
    ['123456789012345678901', 'commercial'],
    ['SR2411200010001234', 'commercial'],
    ['２４１１２０００１０００１２３４', 'commercial'],
    ['-ABCDE', 'china21v'],
    ['AB<1>', 'china21v'],
    ['', 'commercial'],
  ] as const)('%s (%s) is refused', (typed, cloud) => expect(parseSrNumber(typed, cloud).ok).toBe(false));
});

describe('filing time in the agent time zone', () => {
  it('09:45 in Taipei is 01:45Z; stored exactly', () => {
    const r = parseSrForm(c(), ok, { now, timeZone: 'Asia/Taipei' });
    expect(r).toEqual({ ok: true, value: { number: '2411200010001234', filedAt: '2026-11-20T01:45:00.000Z', severity: 'A' } });
  });
  it('the case’s first minute is accepted (the form has minute precision)', () => {
    expect(parseSrForm(c(), { ...ok, filedTime: '09:30' }, { now, timeZone: 'Asia/Taipei' }).ok).toBe(true);
    const before = parseSrForm(c(), { ...ok, filedTime: '09:29' }, { now, timeZone: 'Asia/Taipei' });
    expect(before).toEqual({ ok: false, errors: [{ field: 'filedTime', key: 'escalation.sr.error.beforeCase', params: { date: '2026-11-20', time: '09:30', timeZone: 'Asia/Taipei' } }] });
  });
  it('a time in the future is refused (two minutes of clock skew allowed)', () => {
    expect(parseSrForm(c(), { ...ok, filedTime: '10:02' }, { now, timeZone: 'Asia/Taipei' }).ok).toBe(true);
    const r = parseSrForm(c(), { ...ok, filedTime: '10:03' }, { now, timeZone: 'Asia/Taipei' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([{ field: 'filedTime', key: 'escalation.sr.error.future' }]);
  });
  it('every field error at once, each next to its field', () => {
    const r = parseSrForm(c(), { srNumber: 'abc', filedDate: '2026-02-30', filedTime: '', severity: 'Z' }, { now, timeZone: 'UTC' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => `${e.field}:${e.key}`)).toEqual([
      'srNumber:escalation.sr.error.numberDigits',
      'severity:escalation.sr.error.severity',
      'filedDate:escalation.sr.error.date',
      'filedTime:escalation.sr.error.required',
    ]);
  });
  it('an unknown time zone falls back to UTC', () => {
    const r = parseSrForm(c(), { ...ok, filedTime: '01:45' }, { now, timeZone: 'Mars/Olympus' });
    expect(r.ok && r.value.filedAt).toBe('2026-11-20T01:45:00.000Z');
  });
});

describe('recordServiceRequest', () => {
  const actor = { id: '29:b', name: 'Wei' };
  it('stores the filing, drops a stale deadline and asks for thread update, reply and reminders', () => {
    const thread = { teamId: 'x', channelId: 'y', serviceUrl: 'u', tenantId: 't', conversationId: 'y;messageid=1', rootActivityId: '1', postedAt: '' };
    const r = recordServiceRequest(c({ escalation: { escalatedAt: '', thread }, initialResponseDue: '2026-11-20T05:00:00.000Z' }), ok, { now, actor, timeZone: 'Asia/Taipei' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.case.serviceRequest).toEqual({ number: '2411200010001234', filedAt: '2026-11-20T01:45:00.000Z', severity: 'A', recordedBy: actor });
    expect(r.case.initialResponseDue).toBeUndefined();
    expect(r.case.version).toBe(4);
    expect(r.effects).toEqual([
      { type: 'scheduleReminders' },
      { type: 'updateThreadCard' },
      { type: 'threadReply', key: 'escalation.reply.srRecorded', params: { number: '2411200010001234', name: 'Wei' } },
    ]);
    expect(r.event.kind).toBe('sr.recorded');
  });
  it('only an escalated case takes an SR', () => {
    expect(recordServiceRequest(c({ step: 'closed' }), ok, { now, actor, timeZone: 'UTC' }).ok).toBe(false);
  });
});
