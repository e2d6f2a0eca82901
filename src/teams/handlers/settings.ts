/**
 * `settings` / 設定 / 设置 and the settings card's Save (issue 5 point 6). Only settings admins (canManageTeam:
 * ADMIN_USER_IDS, the installer, added admins) see or change them; everyone else gets a polite refusal.
 */
import { z } from 'zod';
import type { AppServices } from '../../app/services.js';
import { ensureDigestRows } from '../../reminders/digest.js';
import { settingsCard } from '../../settings/card.js';
import { parseSettingsForm } from '../../settings/form.js';
import { canManageTeam, loadTeamSettings, observeTimeZone, updateTeamSettings } from '../../settings/teamSettings.js';
import type { Handler, Reply, Turn } from '../turn.js';
import { inert } from '../../text/inert.js';

async function cardFor(turn: Turn, app: AppServices, teamId: string, extra: Partial<Parameters<typeof settingsCard>[0]> = {}): Promise<Reply> {
  const { settings, version } = await loadTeamSettings(app, teamId);
  const channels = await app.store.channels.listTeam(teamId);
  const recent = await app.store.cases.list(turn.tenantId, { teamId, limit: 200 });
  const people = [
    { id: turn.actor.aadObjectId ?? turn.actor.id, name: turn.actor.name },
    ...recent.map((c) => ({ id: c.owner.aadObjectId ?? c.owner.id, name: c.owner.name })),
  ];
  return { card: settingsCard({ teamId, version, settings, channels, people, locale: turn.locale, year: turn.now.getUTCFullYear(), ...extra }) };
}

async function gate(turn: Turn, app: AppServices, teamId: string | undefined): Promise<Reply | undefined> {
  if (!teamId) return { text: turn.t('settings.notInTeam') };
  if (!(await canManageTeam(app, teamId, turn.actor))) return { text: turn.t('settings.notAllowed') };
  return undefined;
}

export const showSettings: Handler = async (turn, app) => {
  const teamId = turn.conversation.teamId;
  const refused = await gate(turn, app, teamId);
  if (refused) return refused;
  await observeTimeZone(app, { teamId: teamId!, tenantId: turn.tenantId }, turn.actor, turn.timeZone);
  await turn.syncTeam?.();
  return cardFor(turn, app, teamId!);
};

const saveData = z.object({ teamId: z.string().min(1).max(200) });

export const saveSettings: Handler = async (turn, app) => {
  const parsed = saveData.safeParse(turn.data);
  // The team comes from where the card is, and only when the card was sent there (a card forwarded elsewhere is refused).
  const teamId = turn.conversation.teamId ?? (parsed.success ? parsed.data.teamId : undefined);
  if (parsed.success && turn.conversation.teamId && parsed.data.teamId !== turn.conversation.teamId) return { text: turn.t('settings.notInTeam') };
  const refused = await gate(turn, app, teamId);
  if (refused) return refused;
  // People picked in Teams' people picker arrive as Entra object ids: read the roster for their names.
  if (turn.conversation.teamId) await turn.syncTeam?.(true);
  const { settings } = await loadTeamSettings(app, teamId!);
  const form = parseSettingsForm(settings, turn.data, turn.actor);
  if (!form.ok) {
    return cardFor(turn, app, teamId!, { typed: turn.data, errors: form.errors, notice: { text: turn.t('settings.notSaved'), color: 'Attention' } });
  }
  await updateTeamSettings(app, { teamId: teamId!, tenantId: turn.tenantId }, turn.actor, (current) => ({ ...form.settings!, admins: form.settings!.admins.length ? form.settings!.admins : current.admins }));
  app.log.info({ teamId }, 'team settings saved');
  await ensureDigestRows(app, turn.now).catch((err) => app.log.warn({ err }, 'digest planning after settings save failed'));
  return cardFor(turn, app, teamId!, { notice: { text: turn.t('settings.saved', { name: inert(turn.actor.name.slice(0, 80)) }), color: 'Good' } });
};
