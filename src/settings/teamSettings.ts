import { z } from 'zod';
import type { AppServices } from '../app/services.js';
import type { Actor } from '../flow/case.js';
import { teamCalendarSchema } from '../sla/calendar.js';
import { isValidTimeZone } from '../sla/zonedTime.js';
import { slaPolicySchema } from '../sla/deadline.js';
import { reminderPolicySchema } from '../sla/reminderPlan.js';
import { memberHoursSchema } from '../sla/workingHours.js';
import { supportedLocales } from '../i18n/index.js';
import { partnerPromiseSchema } from '../sla/partnerPromise.js';

/** Someone to @mention: Teams user id (29:…) or Entra object id, and the display name the mention shows. */
export const personSchema = z.object({ id: z.string().min(1).max(200), name: z.string().max(200).default('') });
export type Person = z.infer<typeof personSchema>;

/** A team member as the connector's roster lists them: Teams user id, Entra object id, display name (issue 13). */
export const rosterEntrySchema = z.object({ id: z.string().min(1).max(200), aadObjectId: z.string().max(200).optional(), name: z.string().max(200).default('') });
export type RosterEntry = z.infer<typeof rosterEntrySchema>;

/**
 * Per-team settings. Parsed on every read: a stored row written by an older version gets defaults for new fields
 * instead of breaking the team.
 */
export const teamSettingsSchema = z.looseObject({
  escalationChannelId: z.string().optional(),
  escalationChannelName: z.string().optional(),
  /** Per-customer escalation channel overrides: customer tenant ID or name → channel id. */
  customerChannels: z.record(z.string(), z.string()).default({}),
  /** Teams user ids / Entra object ids allowed to change settings, besides ADMIN_USER_IDS; the installer is added on install. */
  admins: z.array(z.string()).default([]),
  /** Business hours and holidays for local-language clocks (issue 5); absent → a default from the team's language. */
  calendar: teamCalendarSchema.optional(),
  slaPolicy: slaPolicySchema.optional(),
  reminderPolicy: reminderPolicySchema.optional(),
  /** Language of reminders and the digest in the team's channel; absent → the case's language. */
  locale: z.enum(supportedLocales).optional(),
  /** Local time of the daily digest on business days ("HH:MM"), or "off". */
  digestTime: z.union([z.literal('off'), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/)]).default('09:00'),
  /** @mentioned on overdue reminders (reminder policy `mentionLeadsAfterBreach`). */
  leads: z.array(personSchema).default([]),
  /**
   * The Teams time zone (clientInfo) of whoever installed the bot or first opened settings here (issue 13): the
   * default calendar until an admin saves one, so an English UI in Taipei still gets Taipei hours and holidays.
   */
  observedTimeZone: z.object({ timeZone: z.string().max(64), by: z.string().max(200).default(''), at: z.string().max(40) }).optional(),
  /** The team's members from the connector (cached for names: settings admins, leads, the picker's offline choices). */
  roster: z.array(rosterEntrySchema).max(500).default([]),
  rosterAt: z.string().max(40).optional(),
  /** When the first escalation told the team which default calendar its deadlines use (said once). */
  defaultCalendarAnnouncedAt: z.string().max(40).optional(),
  /** Issue 14 point 5: "File in Azure" on this team's Azure cases (needs AZURE_SUPPORT_MODE=live too). Off by default. */
  azureFiling: z.boolean().default(false),
  /** Issue 14 point 6: the partner's own response promise to its customers, hours per severity in business hours. */
  partnerPromise: partnerPromiseSchema.optional(),
  /**
   * Quiet hours (issue 13): per-person overrides of the working hours otherwise read from the person's Teams time zone
   * and the team's business hours.
   */
  memberHours: z.array(memberHoursSchema).max(200).default([]),
});
export type TeamSettings = z.infer<typeof teamSettingsSchema>;

export async function loadTeamSettings(app: AppServices, teamId: string): Promise<{ settings: TeamSettings; version: number }> {
  const stored = await app.store.teamSettings.get(teamId);
  if (!stored) return { settings: teamSettingsSchema.parse({}), version: 0 };
  const parsed = teamSettingsSchema.safeParse(stored.data);
  if (!parsed.success) {
    app.log.warn({ teamId }, 'stored team settings did not parse; using defaults');
    return { settings: teamSettingsSchema.parse({}), version: stored.version };
  }
  return { settings: parsed.data, version: stored.version };
}

/** Read-modify-write with the version check, retried a few times when two owners save at once. */
export async function updateTeamSettings(
  app: AppServices,
  team: { teamId: string; tenantId: string },
  actor: Actor,
  change: (s: TeamSettings) => TeamSettings,
): Promise<TeamSettings> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const { settings, version } = await loadTeamSettings(app, team.teamId);
    const next = change(settings);
    const ok = await app.store.teamSettings.save({ ...team, data: next, updatedAt: app.clock().toISOString(), updatedBy: actor.id }, version);
    if (ok) return next;
  }
  throw new Error('team settings changed concurrently too often');
}

/**
 * Remembers the first Teams time zone seen from the installer or the first admin who opens settings (issue 13): the
 * team's default calendar until someone saves one. Later zones never overwrite it, so the default does not flip
 * between members in different places.
 */
export function withObservedTimeZone(s: TeamSettings, zone: string | undefined, actor: Actor, at: Date): TeamSettings {
  if (s.observedTimeZone || s.calendar || !zone || !isValidTimeZone(zone)) return s;
  return { ...s, observedTimeZone: { timeZone: zone, by: actor.name.slice(0, 200), at: at.toISOString() } };
}

export async function observeTimeZone(app: AppServices, team: { teamId: string; tenantId: string }, actor: Actor, zone: string | undefined): Promise<void> {
  if (!zone || !isValidTimeZone(zone)) return;
  const { settings } = await loadTeamSettings(app, team.teamId);
  if (settings.observedTimeZone || settings.calendar) return;
  await updateTeamSettings(app, team, actor, (s) => withObservedTimeZone(s, zone, actor, app.clock()));
}

/**
 * Bot Framework's roster has no "team owner" role, so settings admins are: ADMIN_USER_IDS from config, the person who
 * installed the bot in the team, and whoever they add. With neither configured (a fresh local run), anyone may.
 */
export async function canManageTeam(app: AppServices, teamId: string | undefined, actor: Actor): Promise<boolean> {
  const ids = [actor.id, actor.aadObjectId].filter((x): x is string => Boolean(x)).map((x) => x.toLowerCase());
  const configured = app.env.ADMIN_USER_IDS.map((x) => x.toLowerCase());
  if (configured.some((a) => ids.includes(a))) return true;
  if (!teamId) return configured.length === 0;
  const { settings } = await loadTeamSettings(app, teamId);
  const teamAdmins = settings.admins.map((x) => x.toLowerCase());
  if (teamAdmins.some((a) => ids.includes(a))) return true;
  return configured.length === 0 && teamAdmins.length === 0;
}

/** The display name of a Teams user id or Entra object id, from the roster, the leads or the actor; '' when unknown. */
export function nameOf(s: TeamSettings, id: string): string {
  const lower = id.toLowerCase();
  const hit = s.roster.find((r) => r.id.toLowerCase() === lower || r.aadObjectId?.toLowerCase() === lower);
  if (hit?.name) return hit.name;
  return s.leads.find((l) => l.id.toLowerCase() === lower)?.name ?? '';
}
