/**
 * "Track Azure ticket" and "File in Azure" on the case thread card (issue 14 points 4, 5). Same contract as the SR
 * verbs: load the case named on the card (tenant, version), call the Support API through the AzureSupport port,
 * apply a pure transition, store it with the version check, run its effects, and start the poll row.
 */
import { randomUUID } from 'node:crypto';
import type { AppServices } from '../../app/services.js';
import type { Case } from '../../flow/case.js';
import type { FieldError } from '../../flow/forms.js';
import { fileCard, trackCard } from '../../azureSupport/cards.js';
import { AzureSupportError, type AzureSupport, type NewTicket, type ProblemClassification, type SupportService, type SupportTicket } from '../../azureSupport/port.js';
import { trackTicket } from '../../azureSupport/transitions.js';
import { apiSeverityFor } from '../../azureSupport/tracking.js';
import { buildDrafts } from '../../escalation/draft.js';
import { partnerContact } from '../../escalation/runners.js';
import { buildCaseLinks, linkInputOf } from '../../links/index.js';
import { loadTeamSettings } from '../../settings/teamSettings.js';
import { inert } from '../../text/inert.js';
import type { Handler, Reply, Turn } from '../turn.js';
import { caseView, commit, generalErrors, loadFromCard } from './escalationCase.js';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const str = (v: unknown, max = 200) => (typeof v === 'string' ? v.trim().slice(0, max) : '');
/** How far back the ticket list looks (the $filter on createdDate): a case's ticket is recent. */
const listDays = 30;

type Ready = { ok: true; case: Case; api: AzureSupport; where: { cloud: NonNullable<Case['intake']>['cloud']; customerTenant: string } } | { ok: false; reply: Reply };

async function ready(turn: Turn, app: AppServices): Promise<Ready> {
  const loaded = await loadFromCard(turn, app);
  if (!loaded.ok) return loaded;
  const c = loaded.case;
  const api = app.azureSupport;
  if (!api) return { ok: false, reply: caseView(c, turn, app, turn.t('azureSupport.error.off')) };
  if (c.step !== 'escalated' || c.intake?.product !== 'azure') return { ok: false, reply: caseView(c, turn, app, turn.t('azureSupport.error.notAzure')) };
  const tenant = c.intake.customer.tenantId ?? c.intake.customer.domain;
  if (!tenant) return { ok: false, reply: caseView(c, turn, app, turn.t('azureSupport.error.noTenant')) };
  return { ok: true, case: c, api, where: { cloud: c.intake.cloud, customerTenant: tenant } };
}

export const problemText = (turn: Turn, err: unknown) => turn.t(`azureSupport.problem.${err instanceof AzureSupportError ? err.reason : 'network'}`);

function subscriptionOf(turn: Turn, c: Case): string {
  const typed = str(turn.data.subscriptionId, 60);
  return typed || c.azureTicket?.subscriptionId || c.intake?.customer.subscriptionId || '';
}

async function listFor(turn: Turn, api: AzureSupport, where: Ready & { ok: true }, subscriptionId: string): Promise<{ tickets: SupportTicket[]; note: string }> {
  if (!guid.test(subscriptionId)) return { tickets: [], note: '' };
  try {
    const since = new Date(turn.now.getTime() - listDays * 86_400_000);
    const tickets = await api.listTickets({ ...where.where, subscriptionId }, { status: 'Open', createdOnOrAfter: since });
    tickets.sort((a, b) => (b.createdDate ?? '').localeCompare(a.createdDate ?? ''));
    return { tickets, note: tickets.length ? '' : turn.t('azureSupport.track.none', { days: listDays }) };
  } catch (err) {
    return { tickets: [], note: problemText(turn, err) };
  }
}

async function showTrack(turn: Turn, app: AppServices, errors?: FieldError[]): Promise<Reply> {
  const r = await ready(turn, app);
  if (!r.ok) return r.reply;
  const subscriptionId = subscriptionOf(turn, r.case);
  const subErrors: FieldError[] = subscriptionId && !guid.test(subscriptionId) ? [{ field: 'subscriptionId', key: 'azureSupport.error.subscription' }] : [];
  const { tickets, note } = await listFor(turn, r.api, r, subscriptionId);
  return { card: trackCard(r.case, { locale: turn.locale, values: { ...turn.data, subscriptionId }, tickets, ticketsNote: note, errors: [...subErrors, ...(errors ?? [])] }) };
}

export const showTrackForm: Handler = (turn, app) => showTrack(turn, app);
export const listTickets: Handler = (turn, app) => showTrack(turn, app);

/** Starts the poll row: the first read soon after, then every AZURE_SUPPORT_POLL_INTERVAL_MS. */
async function watch(app: AppServices, c: Case, now: Date): Promise<void> {
  await app.store.azureTickets.watch(c.id, c.tenantId, new Date(now.getTime() + app.env.AZURE_SUPPORT_POLL_INTERVAL_MS).toISOString(), now.toISOString());
}

export const saveTracking: Handler = async (turn, app) => {
  const r = await ready(turn, app);
  if (!r.ok) return r.reply;
  const c = r.case;
  const subscriptionId = str(turn.data.subscriptionId, 60);
  const again = (errors: FieldError[], tickets: SupportTicket[] = []) => ({ card: trackCard(c, { locale: turn.locale, values: turn.data, tickets, errors }) });
  if (!guid.test(subscriptionId)) return again([{ field: 'subscriptionId', key: 'azureSupport.error.subscription' }]);
  const target = { ...r.where, subscriptionId };
  const typed = str(turn.data.ticketNumber, 128);
  const picked = str(turn.data.ticketPick, 128);
  if (!typed && !picked) return again([{ field: 'ticket', key: 'azureSupport.error.ticketMissing' }]);
  let ticket: SupportTicket | undefined;
  try {
    if (typed) {
      // People quote the number (supportTicketId); the API addresses the resource name. Look the number up first.
      const all = await r.api.listTickets(target, { createdOnOrAfter: new Date(turn.now.getTime() - 90 * 86_400_000) });
      ticket = all.find((tk) => tk.supportTicketId === typed || tk.name === typed);
      if (!ticket && /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(typed)) ticket = await r.api.getTicket(target, typed);
    } else {
      ticket = await r.api.getTicket(target, picked);
    }
  } catch (err) {
    if (err instanceof AzureSupportError && err.reason === 'notFound') return again([{ field: 'ticket', key: 'azureSupport.error.ticketNotFound' }]);
    return again([{ field: '', key: `azureSupport.problem.${err instanceof AzureSupportError ? err.reason : 'network'}` }]);
  }
  if (!ticket) return again([{ field: 'ticket', key: 'azureSupport.error.ticketNotFound' }]);
  const t = trackTicket(c, ticket, subscriptionId, { now: turn.now, actor: turn.actor });
  if (!t.ok) return caseView(c, turn, app, generalErrors(t, turn));
  const out = await commit(turn, app, c, t);
  if (!out.ok) return out.reply;
  await watch(app, out.case, turn.now);
  app.log.info({ caseId: c.id, ticket: ticket.name }, 'azure ticket tracked');
  return caseView(out.case, turn, app, [turn.t('azureSupport.notice.tracking', { number: inert(ticket.supportTicketId ?? ticket.name) }), ...out.notices].join(' '));
};

// ---- File in Azure ----

interface FileLists {
  services: SupportService[];
  classifications: ProblemClassification[];
}

async function fileLists(turn: Turn, r: Ready & { ok: true }, serviceId: string): Promise<FileLists> {
  const services = await r.api.listServices(r.where);
  const service = services.find((s) => s.id === serviceId);
  const classifications = service ? await r.api.listProblemClassifications(r.where, service.name) : [];
  return { services, classifications };
}

function contactOf(app: AppServices): NewTicket['contact'] | undefined {
  const e = app.env;
  if (!e.PARTNER_CONTACT_FIRST_NAME || !e.PARTNER_CONTACT_LAST_NAME || !e.PARTNER_SUPPORT_EMAIL) return undefined;
  return {
    firstName: e.PARTNER_CONTACT_FIRST_NAME,
    lastName: e.PARTNER_CONTACT_LAST_NAME,
    primaryEmailAddress: e.PARTNER_SUPPORT_EMAIL,
    ...(e.PARTNER_SUPPORT_PHONE ? { phoneNumber: e.PARTNER_SUPPORT_PHONE } : {}),
    preferredContactMethod: 'email',
    preferredTimeZone: e.PARTNER_CONTACT_TIME_ZONE,
    country: e.PARTNER_CONTACT_COUNTRY.toLowerCase(),
    preferredSupportLanguage: e.PARTNER_CONTACT_LANGUAGE,
  };
}

/** Filing is opt-in per team (settings card) and needs the partner's contact and tenant: say which is missing. */
async function filingRefusal(turn: Turn, app: AppServices, c: Case): Promise<string | undefined> {
  const teamId = c.teamId ?? c.escalation?.thread?.teamId;
  const optedIn = teamId ? (await loadTeamSettings(app, teamId)).settings.azureFiling : false;
  if (!optedIn) return turn.t('azureSupport.error.filingOff');
  if (!contactOf(app)) return turn.t('azureSupport.error.noContact');
  if (!app.env.AZURE_SUPPORT_PARTNER_TENANT_ID) return turn.t('azureSupport.error.noPartnerTenant');
  if (c.azureTicket) return turn.t('azureSupport.error.alreadyTracking');
  return undefined;
}

function portalLink(turn: Turn, c: Case): { title: string; url: string } | undefined {
  const input = linkInputOf(c);
  const link = input ? buildCaseLinks(input).find((l) => l.purpose === 'escalate') : undefined;
  return link ? { title: turn.t(link.key), url: link.url } : undefined;
}

function fileView(turn: Turn, app: AppServices, c: Case, lists: FileLists, extra: { errors?: FieldError[]; microsoftSaid?: string; portal?: { title: string; url: string } } = {}): Reply {
  const contact = partnerContact(app, c);
  const drafts = buildDrafts(c, contact, turn.locale);
  const env = app.env;
  return {
    card: fileCard(c, {
      locale: turn.locale,
      values: turn.data,
      services: lists.services,
      classifications: lists.classifications,
      defaultTitle: drafts.english.title,
      contactLine: `${env.PARTNER_CONTACT_FIRST_NAME ?? ''} ${env.PARTNER_CONTACT_LAST_NAME ?? ''} · ${env.PARTNER_COMPANY} · ${env.PARTNER_SUPPORT_EMAIL ?? ''}`,
      ...(extra.errors ? { errors: extra.errors } : {}),
      ...(extra.microsoftSaid ? { microsoftSaid: extra.microsoftSaid } : {}),
      ...(extra.portal ? { portal: extra.portal } : {}),
    }),
  };
}

async function showFile(turn: Turn, app: AppServices): Promise<Reply> {
  const r = await ready(turn, app);
  if (!r.ok) return r.reply;
  const refusal = await filingRefusal(turn, app, r.case);
  if (refusal) return caseView(r.case, turn, app, refusal);
  try {
    return fileView(turn, app, r.case, await fileLists(turn, r, str(turn.data.serviceId, 300)));
  } catch (err) {
    return caseView(r.case, turn, app, problemText(turn, err));
  }
}

export const showFileForm: Handler = (turn, app) => showFile(turn, app);
export const loadClassifications: Handler = (turn, app) => showFile(turn, app);

export const fileInAzure: Handler = async (turn, app) => {
  const r = await ready(turn, app);
  if (!r.ok) return r.reply;
  const c = r.case;
  const refusal = await filingRefusal(turn, app, c);
  if (refusal) return caseView(c, turn, app, refusal);
  const contact = contactOf(app)!;
  const serviceId = str(turn.data.serviceId, 300);
  const classificationId = str(turn.data.problemClassificationId, 400);
  let lists: FileLists;
  try {
    // Ids are checked against Microsoft's lists as they are now, never trusted from the card (nor hard-coded).
    lists = await fileLists(turn, r, serviceId);
  } catch (err) {
    return caseView(c, turn, app, problemText(turn, err));
  }
  const errors: FieldError[] = [];
  const subscriptionId = str(turn.data.subscriptionId, 60);
  if (!guid.test(subscriptionId)) errors.push({ field: 'subscriptionId', key: 'azureSupport.error.subscription' });
  if (!lists.services.some((s) => s.id === serviceId)) errors.push({ field: 'serviceId', key: 'azureSupport.file.serviceRequired' });
  else if (!lists.classifications.some((p) => p.id === classificationId)) errors.push({ field: 'problemClassificationId', key: 'azureSupport.file.classificationRequired' });
  const consent = str(turn.data.consent, 5);
  if (consent !== 'Yes' && consent !== 'No') errors.push({ field: 'consent', key: 'azureSupport.file.consentRequired' });
  const title = str(turn.data.ticketTitle, 200);
  if (!title) errors.push({ field: 'ticketTitle', key: 'azureSupport.file.titleRequired' });
  else if (title.length > 100) errors.push({ field: 'ticketTitle', key: 'azureSupport.file.titleTooLong' });
  if (errors.length) return fileView(turn, app, c, lists, { errors });

  const severity = c.serviceRequest?.severity ?? c.intake!.severity;
  const highest = severity === 'A' && str(turn.data.highestImpact, 5) === 'true';
  const drafts = buildDrafts(c, partnerContact(app, c), turn.locale);
  const ticket: NewTicket = {
    // The resource name only has to be unique in the subscription; the case id keeps it recognisable.
    name: `cspdesk-${c.id.toLowerCase().replace(/[^a-z0-9-]/g, '')}-${randomUUID().slice(0, 8)}`,
    serviceId,
    problemClassificationId: classificationId,
    title,
    // Microsoft's engineers read English around the clock (seed 001): the English draft, which names the partner.
    description: drafts.english.description,
    severity: apiSeverityFor(severity, highest),
    advancedDiagnosticConsent: consent as 'Yes' | 'No',
    contact,
    ...(severity === 'A' ? { require24X7Response: true } : {}),
  };
  const target = { ...r.where, subscriptionId };
  let outcome;
  try {
    outcome = await r.api.createTicket(target, ticket);
  } catch (err) {
    const reason = err instanceof AzureSupportError ? err.reason : 'network';
    app.log.warn({ caseId: c.id, reason, status: err instanceof AzureSupportError ? err.extra.status : undefined }, 'azure ticket not filed');
    const said = err instanceof AzureSupportError ? err.extra.microsoftMessage : undefined;
    const portal = reason === 'planNotEligible' || reason === 'forbidden' || reason === 'unauthorized' || reason === 'createFailed' ? portalLink(turn, c) : undefined;
    return fileView(turn, app, c, lists, {
      errors: [{ field: '', key: `azureSupport.problem.${reason}` }],
      ...(said ? { microsoftSaid: said } : {}),
      ...(portal ? { portal } : {}),
    });
  }
  const filed = outcome.state === 'created' ? outcome.ticket : { name: ticket.name, pending: true as const };
  const t = trackTicket(c, filed, subscriptionId, { now: turn.now, actor: turn.actor }, true);
  if (!t.ok) return caseView(c, turn, app, generalErrors(t, turn));
  const out = await commit(turn, app, c, t);
  if (!out.ok) return out.reply;
  await watch(app, out.case, turn.now);
  app.log.info({ caseId: c.id, ticket: ticket.name, state: outcome.state }, 'azure ticket filed');
  const number = outcome.state === 'created' ? (outcome.ticket.supportTicketId ?? outcome.ticket.name) : ticket.name;
  return caseView(out.case, turn, app, [turn.t(outcome.state === 'created' ? 'azureSupport.notice.filed' : 'azureSupport.notice.filedPending', { number: inert(number) }), ...out.notices].join(' '));
};
