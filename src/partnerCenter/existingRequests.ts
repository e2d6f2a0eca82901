/**
 * The decide step's look at the customer's open service requests (issue 14 point 3). Partner Center failing never
 * blocks the flow: the check comes back with a reason code, the card says it could not check and why.
 */
import type { ExistingRequestsCheck, Intake } from '../flow/case.js';
import { PartnerCenterError, type PartnerCenterApi } from './ports.js';

/** Enough to recognise a duplicate without crowding the card (Teams' 40 KB limit). */
const maxShown = 10;

/**
 * The agent is waiting on the card (Teams gives an invoke about 15 s): token, call and one retry together get this
 * long, then the card says Partner Center didn't answer in time. The call may still finish; its result is dropped.
 */
export const requestsBudgetMs = 8_000;

function withinBudget<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PartnerCenterError('timeout', `no answer within ${ms} ms`)), ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** Undefined when Partner Center is not configured: the decide card then shows nothing about it. */
export async function checkExistingRequests(
  api: PartnerCenterApi | undefined,
  intake: Intake,
  now: Date,
  budgetMs = requestsBudgetMs,
): Promise<ExistingRequestsCheck | undefined> {
  if (!api) return undefined;
  const checkedAt = now.toISOString();
  const failed = (failure: string): ExistingRequestsCheck => ({ checkedAt, items: [], failure });
  // 21Vianet customers' requests are handled by 21Vianet; Microsoft documents no service-request listing there.
  if (intake.cloud === 'china21v') return failed('unavailableInCloud');
  // One Partner Center account answers for its own cloud only (tokens are not interchangeable across clouds).
  if (intake.cloud !== api.cloud) return failed('otherCloud');
  if (!intake.customer.tenantId) return failed('noTenantId');
  try {
    const all = await withinBudget(api.serviceRequests(intake.customer.tenantId), budgetMs);
    const items = all
      .filter((r) => r.status === 'open' || r.status === 'attentionNeeded')
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, maxShown)
      .map((r) => ({ number: r.number, title: r.title.slice(0, 300), status: r.status, createdAt: r.createdAt }));
    return { checkedAt, items };
  } catch (err) {
    return failed(err instanceof PartnerCenterError ? err.reason : 'serverError');
  }
}
