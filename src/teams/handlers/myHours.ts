/**
 * `my hours` (issue 13, quiet hours): each person sees the working hours reminders assume for them (their Teams time
 * zone + the team's business hours) and may override their own daily hours or zone in the team's settings.
 */
import { describeWeek, parseMyHours, workingCalendar } from '../../sla/workingHours.js';
import { loadTeamSettings, updateTeamSettings } from '../../settings/teamSettings.js';
import { policiesFrom } from '../../reminders/teamPolicies.js';
import { inert } from '../../text/inert.js';
import type { Handler } from '../turn.js';

export const myHours: Handler = async (turn, app) => {
  const teamId = turn.conversation.teamId;
  if (!teamId) return { text: turn.t('quietHours.myHours.notInTeam') };
  const request = parseMyHours(turn.args);
  if (request.kind === 'invalid') return { text: turn.t('quietHours.myHours.invalid', { typed: inert(turn.args.slice(0, 80)) }) };
  const me = [turn.actor.id, turn.actor.aadObjectId].filter((x): x is string => Boolean(x)).map((x) => x.toLowerCase());
  const mine = (id: string) => me.includes(id.toLowerCase());
  if (request.kind !== 'show') {
    await updateTeamSettings(app, { teamId, tenantId: turn.tenantId }, turn.actor, (s) => {
      const others = s.memberHours.filter((m) => !mine(m.id));
      if (request.kind === 'reset') return { ...s, memberHours: others };
      const entry = { id: turn.actor.id, name: turn.actor.name.slice(0, 200), ...(request.hours ? { hours: request.hours } : {}), ...(request.timeZone ? { timeZone: request.timeZone } : {}) };
      return { ...s, memberHours: [...others, entry] };
    });
  }
  const { settings } = await loadTeamSettings(app, teamId);
  const policies = policiesFrom(settings, turn.locale);
  const override = settings.memberHours.find((m) => mine(m.id));
  const seen = (await app.store.people.find(turn.tenantId, turn.actor.id))?.timeZone ?? turn.timeZone;
  const calendar = workingCalendar(policies.calendar, seen, override);
  const head = request.kind === 'show' ? '' : turn.t('quietHours.myHours.saved') + ' ';
  if (!calendar) return { text: head + turn.t('quietHours.myHours.unknown') };
  return { text: head + turn.t(override ? 'quietHours.myHours.overridden' : 'quietHours.myHours.current', { week: describeWeek(calendar), timeZone: calendar.timeZone }) };
};
