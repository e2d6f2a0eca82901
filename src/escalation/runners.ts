/**
 * Effect runners for the case thread (issue 4 point 3): start the thread, update its root card, reply in it.
 * They talk to Teams only through the messenger interface and never throw for delivery problems: a failed post is
 * kept on the case (`escalation.postError`) and told to the agent, so "Post to channel again" can retry.
 */
import type { AppServices } from '../app/services.js';
import type { Case, ChannelThread } from '../flow/case.js';
import { resolveLocale, t, type Locale } from '../i18n/index.js';
import type { EffectRunner } from '../effects/runner.js';
import { SendError, type PostedMessage } from '../channel/port.js';
import { findEscalationTarget, type TargetProblem } from './channelTarget.js';
import type { PartnerContact } from './draft.js';
import { cleanLine } from './plainText.js';
import { threadCardFor } from './threadCards.js';
import { announceOnce, defaultCalendarLine } from './calendarNotice.js';
import { inert } from '../text/inert.js';

/** Why a post did not land; each has an "escalation.postError.<code>" text saying what to do. */
export type PostProblem = TargetProblem | 'forbidden' | 'notFound' | 'unreachable';

/** Seed 001: Microsoft contacts the partner, so the draft's contact is the partner's company plus the agent filing. */
export function partnerContact(app: AppServices, c: Case): PartnerContact {
  const contact: PartnerContact = { company: app.env.PARTNER_COMPANY, name: c.owner.name, email: app.env.PARTNER_SUPPORT_EMAIL ?? '' };
  if (app.env.PARTNER_SUPPORT_PHONE) contact.phone = app.env.PARTNER_SUPPORT_PHONE;
  return contact;
}

export function problemOf(err: unknown): PostProblem {
  const status = err instanceof SendError ? err.status : undefined;
  // 403: the bot is not (or no longer) a member of the team; 404: the channel or thread is gone.
  if (status === 403 || status === 401) return 'forbidden';
  if (status === 404) return 'notFound';
  return 'unreachable';
}

export const postedOf = (thread: ChannelThread): PostedMessage => ({
  serviceUrl: thread.serviceUrl,
  tenantId: thread.tenantId,
  conversationId: thread.conversationId,
  activityId: thread.rootActivityId,
});

/** Names and numbers go into a markdown message: drop what markdown or a mention tag would interpret. */
export const plainParam = (v: string) => inert(cleanLine(v, 120));

const agentLocale = (c: Case, turnLocale?: Locale): Locale => turnLocale ?? resolveLocale(c.locale);

/** Starts the case's thread; also used by "Post to channel again". A case that already has its thread is left alone. */
export const postEscalation: EffectRunner<{ type: 'postEscalation' }> = async (_effect, c, turn, app) => {
  const locale = agentLocale(c, turn?.locale);
  const escalation = c.escalation ?? { escalatedAt: app.clock().toISOString() };
  if (escalation.thread) return {};
  const fail = (problem: PostProblem, params: Record<string, string> = {}) => {
    app.log.warn({ caseId: c.id, problem }, 'escalation post failed');
    return {
      case: { ...c, escalation: { ...escalation, postError: problem } },
      notices: [t(locale, `escalation.postError.${problem}`, params)],
    };
  };
  const found = await findEscalationTarget(app, c);
  if (!found.ok) return fail(found.problem);
  const target = found.target;
  const where = { team: plainParam(target.teamName), channel: plainParam(target.channelName) };
  // The first escalation of a team without a saved calendar says which one its deadlines use (issue 13).
  const inTeam = { ...c, teamId: c.teamId ?? target.teamId };
  const announce = await announceOnce(app, target.teamId, target.tenantId).catch(() => false);
  const calendarLine = announce ? await defaultCalendarLine(app, inTeam, resolveLocale(c.locale)) : undefined;
  const agentCalendarLine = announce ? await defaultCalendarLine(app, inTeam, locale) : undefined;
  const { card } = threadCardFor(c, partnerContact(app, c), undefined, undefined, calendarLine);
  try {
    const posted = await app.messenger.startThread({ serviceUrl: target.serviceUrl, tenantId: target.tenantId, channelId: target.channelId }, { card });
    const thread: ChannelThread = {
      teamId: target.teamId,
      channelId: target.channelId,
      serviceUrl: posted.serviceUrl,
      tenantId: posted.tenantId,
      conversationId: posted.conversationId,
      rootActivityId: posted.activityId,
      postedAt: app.clock().toISOString(),
    };
    const { postError: _cleared, ...rest } = escalation;
    app.log.info({ caseId: c.id, teamId: target.teamId }, 'case thread started');
    return { case: { ...c, escalation: { ...rest, thread } }, notices: [t(locale, where.channel ? 'escalation.posted' : 'experience.posted.unnamedChannel', where), ...(agentCalendarLine ? [agentCalendarLine] : [])] };
  } catch (err) {
    return fail(problemOf(err), where);
  }
};

/** Re-renders the root card in place (same activity id), so the thread always shows the case as it is now. */
export const updateThreadCard: EffectRunner<{ type: 'updateThreadCard' }> = async (_effect, c, turn, app) => {
  const thread = c.escalation?.thread;
  if (!thread) return {};
  try {
    await app.messenger.update(postedOf(thread), { card: threadCardFor(c, partnerContact(app, c), undefined, app.clock()).card });
    return {};
  } catch (err) {
    app.log.warn({ caseId: c.id, err: (err as Error).message }, 'thread card update failed');
    return { notices: [t(agentLocale(c, turn?.locale), `escalation.updateFailed.${problemOf(err)}`)] };
  }
};


/** A short line in the thread, in the case's language (the team reads the thread, not only the agent who clicked). */
export const threadReply: EffectRunner<{ type: 'threadReply'; key: string; params: Record<string, string> }> = async (effect, c, turn, app) => {
  const thread = c.escalation?.thread;
  if (!thread) return {};
  const params = Object.fromEntries(Object.entries(effect.params).map(([k, v]) => [k, plainParam(String(v))]));
  try {
    await app.messenger.reply(postedOf(thread), { text: t(resolveLocale(c.locale), effect.key, params) });
    return {};
  } catch (err) {
    app.log.warn({ caseId: c.id, err: (err as Error).message }, 'thread reply failed');
    return { notices: [t(agentLocale(c, turn?.locale), `escalation.updateFailed.${problemOf(err)}`)] };
  }
};
