import pino from 'pino';
import type { Case, Severity, SupportLanguage } from '../../src/flow/case.js';
import type { AppServices } from '../../src/app/services.js';
import { createReminderMessenger } from '../../src/teams/reminderConnector.js';
import { scheduleReminders } from '../../src/reminders/runners.js';
import { ReminderWorker } from '../../src/reminders/worker.js';
import { SendLimiter } from '../../src/reminders/limiter.js';
import { updateTeamSettings, type TeamSettings } from '../../src/settings/teamSettings.js';
import { channelId, teamId, tenantId } from '../support/activities.js';

export const owner = { id: '29:owner-mei', name: 'Mei Lin', aadObjectId: '00000000-0000-0000-0000-0000000000a1' };
export const lead = { id: '29:lead-chen', name: 'Chen Wei' };

/** An escalated case with its channel thread, as the escalation package leaves it, with the SR recorded. */
export function escalatedCase(p: { id: string; serviceUrl: string; filedAt: string; severity?: Severity; supportLanguage?: SupportLanguage; locale?: string }): Case {
  const root = `root-${p.id}`;
  return {
    id: p.id,
    tenantId,
    version: 1,
    step: 'escalated',
    createdAt: p.filedAt,
    updatedAt: p.filedAt,
    createdBy: owner,
    owner,
    updatedBy: owner,
    locale: p.locale ?? 'en-US',
    teamId,
    intake: {
      customer: { name: 'Contoso Ltd', domain: 'contoso.onmicrosoft.com' },
      cloud: 'commercial',
      product: 'm365',
      symptoms: 'Exchange Online mail flow stopped for all users',
      severity: p.severity ?? 'A',
      supportLanguage: p.supportLanguage ?? 'english',
      relationship: { hasAdminRights: true, azureOnly: false, indirectReseller: false, role: 'adminAgent' },
    },
    healthChecks: [],
    troubleshooting: { tried: [], notes: '' },
    decision: { reasons: ['serviceUnavailable'] },
    escalation: {
      escalatedAt: p.filedAt,
      thread: { teamId, channelId, serviceUrl: p.serviceUrl, tenantId, conversationId: `${channelId};messageid=${root}`, rootActivityId: root, postedAt: p.filedAt },
    },
    serviceRequest: { number: `2611200010${p.id.replace(/\D/g, '').padStart(6, '0')}`, filedAt: p.filedAt, severity: p.severity ?? 'A', recordedBy: owner },
  };
}

/** Stores the case and runs the scheduleReminders effect the way the Teams layer does (runner, then save the follow-up). */
export async function fileCase(app: AppServices, c: Case): Promise<Case> {
  await app.store.cases.insert(c, { caseId: c.id, version: 1, at: c.createdAt, actor: owner, kind: 'test.created', detail: {} });
  const out = await scheduleReminders({ type: 'scheduleReminders' }, c, undefined, app);
  if (!out.case) return c;
  const next = { ...out.case, version: c.version + 1 };
  await app.store.cases.save(next, c.version, []);
  return next;
}

export async function teamSettings(app: AppServices, change: (s: TeamSettings) => TeamSettings): Promise<void> {
  await updateTeamSettings(app, { teamId, tenantId }, owner, change);
}

export function worker(app: AppServices, opts: { id: string; clock: () => Date; maxAttempts?: number }): ReminderWorker {
  return new ReminderWorker({
    app,
    messenger: createReminderMessenger(app.env, pino({ level: 'silent' })),
    workerId: opts.id,
    clock: opts.clock,
    leaseMs: 120_000,
    random: () => 0,
    retry: { maxAttempts: opts.maxAttempts ?? 4, baseMs: 2_000, maxMs: 300_000, maxRetryAfterMs: 3_600_000 },
    // Pacing is tested on its own; here it must never wait.
    limiter: new SendLimiter({ perThread: 1_000, perTenant: 1_000, windowMs: 1_000 }),
    digestPlanEveryMs: 0,
  });
}
