import { renderCard, type Card } from '../cards/render.js';
import { allCatalogs, type Translate } from '../i18n/index.js';
import {
  clouds,
  escalationReasons,
  partnerRoles,
  products,
  severities,
  supportLanguages,
  type Case,
  type CaseListPlace,
  type CaseListRow,
  type HealthItem,
} from './case.js';
import { checklistFor, checklistLabelKey } from './checklists.js';
import { confirmPrefix, intakeFields, relationshipFlags, triedPrefix, type FieldError } from './forms.js';
import { route, type NextAction } from './route.js';
import type { CustomerDirectory } from '../customers/directory.js';
import { adminPortalLinks, linkInputOf } from '../links/index.js';
import { attachedRequestLine, requestsBlock } from '../partnerCenter/requestsCard.js';
import { linkButton } from '../links/buttons.js';
import { withOverflow } from '../cards/overflow.js';

/**
 * Builds the data object for each step's card (cards/flow-*.json), beside the flow it shows (as
 * escalation/threadCard.ts does for the thread): case + context in, card out, no Teams types. Every string comes from
 * the flow catalog; everything a person typed travels as data and is shown in TextRuns, never as template or markdown.
 */

export interface CardContext {
  t: Translate;
  directory: CustomerDirectory;
  /** Partner Center is configured: the customer picker also searches the synced list as the agent types (issue 14). */
  typeahead?: boolean;
  /** "Changed by … at …" or another line shown above the form. */
  notice?: string;
  errors?: FieldError[];
  /** What the agent typed on a rejected form (from the failed transition's case). */
  draft?: Record<string, string>;
}

/** Teams renders DATE/TIME functions in the reader's own time zone and language (Adaptive Cards text functions). */
export { readerTime as when } from '../cards/readerTime.js';
import { readerTime as when } from '../cards/readerTime.js';
import { inert, inertParams, inertRun } from '../text/inert.js';

const hasKey = (key: string) => Object.hasOwn(allCatalogs().en, key);

function header(c: Case, ctx: CardContext) {
  const { t } = ctx;
  const cust = c.intake?.customer;
  const customer = cust ? inertRun([cust.name, cust.domain ?? cust.tenantId].filter(Boolean).join(' · ')) : '';
  const general = (ctx.errors ?? []).filter((e) => e.field === '').map((e) => t(e.key, e.params));
  const hasFieldErrors = (ctx.errors ?? []).some((e) => e.field !== '');
  if (hasFieldErrors) general.push(t('flow.card.fixErrors'));
  return {
    title: t(`flow.card.title.${c.step}`),
    caseLine: t('flow.card.caseLine', {
      id: c.id,
      owner: inert(c.owner.name),
      severity: c.intake ? t(`flow.severity.short.${c.intake.severity}`) : '–',
    }),
    customer,
    notice: ctx.notice ?? '',
    formError: general.join(' '),
  };
}

function errorMap(fields: readonly string[], ctx: CardContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) out[f] = '';
  for (const e of ctx.errors ?? []) if (e.field && Object.hasOwn(out, e.field) && !out[e.field]) out[e.field] = ctx.t(e.key, e.params);
  return out;
}

const choicesOf = (t: Translate, prefix: string, values: readonly string[]) => values.map((v) => ({ title: t(`${prefix}.${v}`), value: v }));

function base(c: Case, ctx: CardContext) {
  return { caseId: c.id, version: c.version, header: header(c, ctx) };
}

function actionTitles(t: Translate) {
  return {
    submit: t('flow.action.submitIntake'),
    close: t('flow.action.close'),
    continue: t('flow.action.continueToTroubleshoot'),
    recheck: t('flow.action.recheck'),
    toDecide: t('flow.action.toDecide'),
    solved: t('flow.action.solved'),
  };
}

function intakeCard(c: Case, ctx: CardContext): Card {
  const { t } = ctx;
  const draft: Record<string, string> = { supportLanguage: 'english', ...(ctx.draft ?? c.draftInputs ?? {}) };
  const fields = [...intakeFields];
  const label: Record<string, string> = {};
  const placeholder: Record<string, string> = {};
  for (const f of fields) {
    label[f] = t(`flow.field.${f}`);
    placeholder[f] = hasKey(`flow.placeholder.${f}`) ? t(`flow.placeholder.${f}`) : '';
  }
  // Synced Partner Center customers (thousands) are found by type-ahead, not listed: a static list stays small.
  const directoryChoices = ctx.directory
    .all()
    .filter((d) => !d.id.startsWith('pc:'))
    .map((d) => ({ title: `${d.name} (${t(`flow.cloud.${d.cloud}`)})`, value: d.id }));
  // Progressive disclosure (issue 13): the Azure subscription and the marketplace product apply to one kind of case
  // each, so they open on request, or by themselves when they hold a value, an error, or the product they belong to.
  const errs = errorMap(fields, ctx);
  const opened = (f: 'subscriptionId' | 'marketplaceProduct', product: string) => Boolean(draft[f] || errs[f] || draft.product === product);
  return renderCard('flow-intake', {
    ...base(c, ctx),
    show: { subscriptionId: opened('subscriptionId', 'azure'), marketplaceProduct: opened('marketplaceProduct', 'marketplace') },
    more: {
      subscriptionId: t('experience.intake.addSubscription'),
      subscriptionIdTip: t('experience.intake.addSubscriptionTip'),
      marketplaceProduct: t('experience.intake.addMarketplaceProduct'),
      marketplaceProductTip: t('experience.intake.addMarketplaceProductTip'),
    },
    hasDirectory: directoryChoices.length > 0 || Boolean(ctx.typeahead),
    typeahead: Boolean(ctx.typeahead),
    // One flag rather than `hasDirectory && !typeahead`, so the card stays on the compiled fast path (issue 11).
    staticPicker: directoryChoices.length > 0 && !ctx.typeahead,
    typeaheadPlaceholder: ctx.typeahead ? t('partnerCenter.search.placeholder') : '',
    section: { customer: t('flow.section.customer'), orType: t('flow.section.orType'), problem: t('flow.section.problem') },
    label,
    placeholder,
    draft: Object.fromEntries(fields.map((f) => [f, draft[f] ?? ''])),
    err: errorMap(fields, ctx),
    choices: {
      customerPick: directoryChoices,
      cloud: choicesOf(t, 'flow.cloud', clouds),
      relationship: choicesOf(t, 'flow.relationship', relationshipFlags),
      role: choicesOf(t, 'flow.role', partnerRoles),
      product: choicesOf(t, 'flow.product', products),
      severity: choicesOf(t, 'flow.severity', severities),
      supportLanguage: choicesOf(t, 'flow.supportLanguage', supportLanguages),
    },
    action: actionTitles(t),
  });
}

function itemFacts(t: Translate, i: HealthItem) {
  const statusKey = `health.status.${i.status}`;
  return [
    { title: t('flow.health.id'), value: i.id },
    { title: t('flow.health.service'), value: `${i.service} · ${t(`health.classification.${i.classification}`)}` },
    { title: t('flow.health.status'), value: hasKey(statusKey) ? t(statusKey) : i.status },
    { title: t('flow.health.lastUpdate'), value: when(i.lastUpdated) },
  ];
}

function healthCard(c: Case, ctx: CardContext): Card {
  const { t } = ctx;
  const check = c.healthChecks.at(-1);
  const checkedLine = !check
    ? t('flow.health.notChecked')
    : check.items.length
      ? t('health.checkedAt', { time: when(check.checkedAt) })
      : t('health.nothingFound', { time: when(check.checkedAt) });
  return renderCard('flow-health', {
    ...base(c, ctx),
    demoLabel: check?.demo ? t('health.demoLabel') : '',
    checkedLine,
    failures: (check?.failures ?? []).map((f) => ({
      text: t('health.sourceFailed', { source: t(`health.source.${f.source}`), reason: hasKey(`health.failure.${f.reason}`) ? t(`health.failure.${f.reason}`) : f.reason }),
    })),
    items: (check?.items ?? []).map((i) => ({ id: i.id, title: inertRun(i.title), facts: itemFacts(t, i), attachTitle: t('flow.action.attachIncident') })),
    err: errorMap(['incidentId'], ctx),
    hint: t('flow.health.hint'),
    action: actionTitles(t),
  });
}

function troubleshootCard(c: Case, ctx: CardContext): Card {
  const { t } = ctx;
  const product = c.intake?.product ?? 'm365';
  const draft = ctx.draft ?? c.draftInputs;
  const items = checklistFor(product).map((i) => {
    const id = triedPrefix + i.key;
    const ticked = draft && Object.hasOwn(draft, id) ? draft[id] === 'true' : c.troubleshooting.tried.includes(i.key);
    return { id, title: t(checklistLabelKey(product, i.key)), value: ticked ? 'true' : 'false' };
  });
  const input = linkInputOf(c);
  const portals = input ? adminPortalLinks(input).map((l) => linkButton(l, t)) : [];
  return renderCard('flow-troubleshoot', {
    ...base(c, ctx),
    intro: t('flow.troubleshoot.intro'),
    items,
    portalsTitle: t('flow.troubleshoot.portals'),
    portals,
    label: { notes: t('flow.field.notes') },
    draft: { notes: draft?.notes ?? c.troubleshooting.notes },
    err: errorMap(['notes'], ctx),
    action: actionTitles(t),
  });
}

const nextActionVerb: Record<NextAction, string> = {
  escalate: 'flow.decide.escalate',
  contactIsv: 'flow.decide.contactIsv',
  recordOwnTenant: 'flow.decide.ownTenant',
  resolved: 'flow.decide.resolved',
  backToTroubleshoot: 'flow.decide.backToTroubleshoot',
  close: 'flow.close',
};

function decideCard(c: Case, ctx: CardContext): Card {
  const { t } = ctx;
  if (!c.intake) return outcomeCard(c, ctx);
  const advice = route(c.intake, c.decision);
  const draft = ctx.draft ?? c.draftInputs ?? {};
  const escalatable = advice.route !== 'contactIsv' && advice.route !== 'ownTenantNotCovered';
  const errs = errorMap(['reasons', 'overrideReason', 'resolution', ...advice.confirmations.map((k) => confirmPrefix + k)], ctx);
  return renderCard('flow-decide', {
    ...base(c, ctx),
    routeLine: t(`flow.route.${advice.route}`),
    rules: [
      ...advice.rules.filter((r) => r.phase !== 'file').map((r) => ({ text: t(r.key, inertParams(r.params)), color: r.tone === 'attention' ? 'Attention' : 'Default' })),
      // How to file comes once, on the escalation package the agent opens after escalating.
      ...(advice.rules.some((r) => r.phase === 'file') ? [{ text: t('experience.rules.onPackage'), color: 'Default' }] : []),
    ],
    showReasons: escalatable,
    showResolution: advice.nextActions.includes('resolved'),
    label: {
      reasons: t('flow.field.reasons'),
      overrideReason: t('flow.field.overrideReason'),
      resolution: t('flow.field.resolution'),
    },
    choices: { reasons: choicesOf(t, 'flow.reason', escalationReasons) },
    draft: {
      reasons: draft.reasons ?? advice.reasons.join(','),
      overrideReason: draft.overrideReason ?? c.decision?.overrideReason ?? '',
      resolution: draft.resolution ?? '',
    },
    err: errs,
    confirmations: advice.confirmations.map((k) => ({
      id: confirmPrefix + k,
      title: t(`flow.confirm.${k}`),
      value: draft[confirmPrefix + k] === 'true' ? 'true' : 'false',
      error: errs[confirmPrefix + k] ?? '',
    })),
    requests: requestsBlock(c, t, advice.nextActions.includes('escalate')),
    actions: withOverflow(
      advice.nextActions.map((a, i) => ({
        verb: nextActionVerb[a],
        title: t(`flow.action.${a}`),
        style: i === 0 ? 'positive' : 'default',
      })),
    ),
  });
}

/**
 * After the decision, the escalation package (links, draft, Record SR) or the ISV contact is one click away; when the
 * channel post failed, posting again is offered right here so the agent never has to go looking for it.
 */
function escalationActions(c: Case, t: Translate, showKey: string): { verb: string; title: string; style: string }[] {
  const out = [{ verb: 'escalation.show', title: t(showKey), style: 'positive' }];
  if (c.escalation?.postError) out.push({ verb: 'escalation.post', title: t('escalation.action.postAgain'), style: 'default' });
  return out;
}

function outcomeCard(c: Case, ctx: CardContext): Card {
  const { t } = ctx;
  const lines: { text: string; color: string }[] = [];
  const line = (text: string, color = 'Default') => lines.push({ text, color });
  let facts: { title: string; value: string }[] = [];
  let userText = '';
  let actions: { verb: string; title: string; style: string }[] = [];
  const advice = c.intake ? route(c.intake, c.decision) : undefined;
  switch (c.step) {
    case 'knownIncident':
      line(t('flow.outcome.knownIncident'));
      if (c.attachedIncident) {
        facts = itemFacts(t, c.attachedIncident);
        userText = inertRun(c.attachedIncident.title);
      }
      actions = [
        { verb: 'flow.knownIncident.continue', title: t('flow.action.notThisIncident'), style: 'default' },
        { verb: 'flow.close', title: t('flow.action.close'), style: 'default' },
      ];
      break;
    case 'resolvedByPartner':
      line(t('flow.outcome.resolvedByPartner', { name: inert(c.closed?.by.name ?? c.updatedBy.name), time: when(c.closed?.at ?? c.updatedAt) }));
      userText = inertRun(c.troubleshooting.notes);
      break;
    case 'ownTenant':
      line(t('flow.outcome.ownTenant'));
      for (const r of advice?.rules ?? []) line(t(r.key, inertParams(r.params)));
      break;
    case 'waitingOnIsv':
      line(t('flow.outcome.waitingOnIsv', { product: inert(c.intake?.marketplaceProduct ?? '') }));
      for (const r of advice?.rules ?? []) line(t(r.key, inertParams(r.params)));
      actions = [...escalationActions(c, t, 'flow.action.showIsv'), { verb: 'flow.close', title: t('flow.action.close'), style: 'default' }];
      break;
    case 'escalated':
      line(t('flow.outcome.escalated', { time: when(c.escalation?.escalatedAt ?? c.updatedAt) }));
      {
        const attached = attachedRequestLine(c, t);
        if (attached) line(attached);
      }
      if (c.initialResponseDue && !c.microsoftRespondedAt) {
        line(t('experience.case.deadline', { time: when(c.initialResponseDue), rule: c.initialResponseRule ?? '' }));
      }
      if (c.decision?.overrideReason) {
        line(t('flow.outcome.overrideReason'));
        userText = inertRun(c.decision.overrideReason);
      }
      // The rules were on the decide card and are on the package: not a third time here (issue 13).
      line(t('experience.rules.seePackage'));
      actions = [...escalationActions(c, t, 'flow.action.showPackage'), { verb: 'flow.close', title: t('flow.action.close'), style: 'default' }];
      break;
    default:
      line(
        t('flow.outcome.closed', {
          outcome: t(`flow.outcomeName.${c.closed?.outcome ?? 'withdrawn'}`),
          name: inert(c.closed?.by.name ?? c.updatedBy.name),
          time: when(c.closed?.at ?? c.updatedAt),
        }),
      );
  }
  return renderCard('flow-outcome', { ...base(c, ctx), lines, facts, userText, actions });
}

/** The case's card at its current step. */
export function caseCard(c: Case, ctx: CardContext): Card {
  switch (c.step) {
    case 'intake':
      return intakeCard(c, ctx);
    case 'health':
      return healthCard(c, ctx);
    case 'troubleshoot':
      return troubleshootCard(c, ctx);
    case 'decide':
      return decideCard(c, ctx);
    default:
      return outcomeCard(c, ctx);
  }
}

/**
 * Where a case list card sits in its list: the verb that lists it again, how many cases came before this page, the
 * list's size, and where the next page starts (absent on the last page).
 */
export interface CaseListPaging {
  verb: 'cases.all' | 'cases.mine';
  shownBefore: number;
  total: number;
  next?: CaseListPlace;
}

const noAction = { verb: '', title: '' };

export function casesCard(t: Translate, title: string, cases: CaseListRow[], paging?: CaseListPaging): Card {
  const from = (paging?.shownBefore ?? 0) + 1;
  const to = from + cases.length - 1;
  // The range line only when the list does not fit on one card; "Newest cases" only away from the first page.
  const paged = paging && cases.length > 0 && (paging.next || paging.shownBefore > 0);
  return renderCard('flow-cases', {
    title,
    empty: t('flow.cases.empty'),
    openTitle: t('flow.action.open'),
    newCaseTitle: t('flow.action.newCase'),
    range: paged ? t('flow.cases.range', { from, to, total: Math.max(paging.total, to) }) : '',
    older: paging?.next
      ? { verb: paging.verb, title: t('flow.action.olderCases'), afterUpdatedAt: paging.next.updatedAt, afterId: paging.next.id, shown: String(to) }
      : noAction,
    newest: paging && paging.shownBefore > 0 ? { verb: paging.verb, title: t('flow.action.newestCases') } : noAction,
    cases: cases.map((c) => ({
      id: c.id,
      line: t('flow.cases.line', { id: c.id, step: t(`flow.card.title.${c.step}`) }),
      customer: c.customerName !== undefined ? inertRun(c.customerName) : t('flow.cases.noCustomerYet'),
      meta:
        t('flow.cases.meta', { owner: inert(c.ownerName), time: when(c.updatedAt), severity: c.severity ? t(`flow.severity.short.${c.severity}`) : '–' }) +
        // Issue 5: a reminder that could not be delivered is visible in the list, not only on the case.
        (c.reminderFailed ? ` · ${t('reminders.failure.short')}` : ''),
    })),
  });
}
