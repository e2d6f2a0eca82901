/**
 * Partner Center in Teams (issue 14): `sync customers` / 同步客戶 / 同步客户 for admins, and the intake card's
 * type-ahead (`application/search`, dataset "customers").
 */
import { z } from 'zod';
import type { AppServices } from '../../app/services.js';
import { canManageTeam } from '../../settings/teamSettings.js';
import { inert } from '../../text/inert.js';
import { customersDataset, maxTop, searchCustomers, type Choice } from '../../partnerCenter/typeahead.js';
import { readerTime as when } from '../../cards/readerTime.js';
import type { Handler, Turn } from '../turn.js';

export const syncCustomers: Handler = async (turn, app) => {
  const pc = app.partnerCenter;
  if (!pc) return { text: turn.t('partnerCenter.sync.notConfigured') };
  // The same admins as the settings card: ADMIN_USER_IDS, or the team's settings admins.
  if (!(await canManageTeam(app, turn.conversation.teamId, turn.actor))) return { text: turn.t('partnerCenter.sync.notAllowed') };
  const outcome = await pc.syncNow();
  app.log.info({ status: outcome.status }, 'customer sync on demand');
  switch (outcome.status) {
    case 'synced':
      return { text: turn.t('partnerCenter.sync.done', { count: outcome.customers, removed: outcome.removed }) };
    case 'failed':
      return {
        text: `${turn.t('partnerCenter.sync.failed', { reason: turn.t(`partnerCenter.failure.${outcome.reason}`) })}\n\n${turn.t('partnerCenter.sync.detail', { detail: inert(outcome.detail) })}`,
      };
    case 'busy':
      return { text: turn.t('partnerCenter.sync.busy', { time: outcome.since ? when(outcome.since) : '–' }) };
    default:
      return { text: turn.t('partnerCenter.sync.busy', { time: '–' }) };
  }
};

/** Teams' search invoke value: { queryText, dataset, queryOptions: { skip, top } } (kind is left out by Adaptive Cards). */
const searchValue = z.object({
  queryText: z.string().max(200).optional().default(''),
  dataset: z.string().max(100),
  queryOptions: z
    .object({ skip: z.coerce.number().int().min(0).max(10_000).optional(), top: z.coerce.number().int().min(1).max(1_000).optional() })
    .optional(),
});

/** Results for a type-ahead query; an unknown dataset or a malformed value gets an empty list, never an error card. */
export async function answerSearch(turn: Turn, value: unknown, app: AppServices): Promise<Choice[]> {
  const parsed = searchValue.safeParse(value);
  if (!parsed.success || parsed.data.dataset !== customersDataset) return [];
  const { queryText, queryOptions } = parsed.data;
  return searchCustomers(
    {
      directory: await app.directories.customers(),
      ...(app.partnerCenter ? { search: app.partnerCenter.customers } : {}),
      // The caller's own tenant: another partner's agents never see this partner's customers.
      partnerTenantId: turn.tenantId,
      query: queryText,
      skip: queryOptions?.skip ?? 0,
      top: Math.min(queryOptions?.top ?? maxTop, maxTop),
    },
    (cloud) => turn.t(`flow.cloud.${cloud}`),
  );
}
