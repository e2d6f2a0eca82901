import { z } from 'zod';
import { parseCaseId } from '../../flow/caseId.js';
import { casesCard, type CaseListPaging } from '../../flow/cards.js';
import type { AppServices } from '../../app/services.js';
import type { Handler, Reply, Turn } from '../turn.js';
import { showCase } from './flow.js';

/**
 * `cases` and `cases all`: a page of open cases, most recently updated first, with "Older cases" to go on.
 * Twenty rows keep the card readable in a chat and far below Teams' bot message limit (100 KB counted as UTF-16,
 * 80 KB recommended; a 413 MessageSizeTooBig loses the whole reply), whatever the length of the customers' names.
 */
export const casesPageSize = 20;

/** What "Older cases" sends back (cards/flow-cases.json): the last case shown and how many were shown so far. */
const olderCasesData = z.object({
  afterUpdatedAt: z.iso.datetime(),
  afterId: z.string().max(40).transform(parseCaseId).pipe(z.string()),
  shown: z.coerce.number().int().min(0).max(1_000_000),
});

async function casesPage(turn: Turn, app: AppServices, verb: CaseListPaging['verb'], title: string, ownerId?: string): Promise<Reply> {
  // No paging data (a typed command, the help card's button, "Newest cases") or data that does not parse: the first page.
  const older = olderCasesData.safeParse(turn.data);
  const after = older.success ? { updatedAt: older.data.afterUpdatedAt, id: older.data.afterId } : undefined;
  const page = await app.store.cases.openPage(turn.tenantId, { ...(ownerId ? { ownerId } : {}), ...(after ? { after } : {}), size: casesPageSize });
  const paging: CaseListPaging = { verb, shownBefore: older.success ? older.data.shown : 0, total: page.total, ...(page.next ? { next: page.next } : {}) };
  return { card: casesCard(turn.t, title, page.cases, paging) };
}

export const listMyCases: Handler = async (turn, app) => {
  // "案例 K7Q-X2M" shares its first word with "案例" (my cases): an ID after it means one case.
  if (turn.args && parseCaseId(turn.args)) return showCase(turn, app);
  return casesPage(turn, app, 'cases.mine', turn.t('flow.cases.mine'), turn.actor.id);
};

export const listAllCases: Handler = (turn, app) => casesPage(turn, app, 'cases.all', turn.t('flow.cases.all'));
