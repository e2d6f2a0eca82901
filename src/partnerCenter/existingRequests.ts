/**
 * The decide step's look at the customer's open service requests (issue 14 point 3). Partner Center failing never
 * blocks the flow: the check comes back with a reason code, the card says it could not check and why.
 */
import type { ExistingRequestsCheck, Intake } from '../flow/case.js';
import { PartnerCenterError, type PartnerCenterApi } from './ports.js';

/** Enough to recognise a duplicate without crowding the card (Teams' 40 KB limit). */
const maxShown = 10;

/** Undefined when Partner Center is not configured: the decide card then shows nothing about it. */
export async function checkExistingRequests(api: PartnerCenterApi | undefined, intake: Intake, now: Date): Promise<ExistingRequestsCheck | undefined> {
  if (!api) return undefined;
  const checkedAt = now.toISOString();
  const failed = (failure: string): ExistingRequestsCheck => ({ checkedAt, items: [], failure });
  // 21Vianet customers' requests are handled by 21Vianet; Microsoft documents no service-request listing there.
  if (intake.cloud === 'china21v') return failed('unavailableInCloud');
  // One Partner Center account answers for its own cloud only (tokens are not interchangeable across clouds).
  if (intake.cloud !== api.cloud) return failed('otherCloud');
  if (!intake.customer.tenantId) return failed('noTenantId');
  try {
    const all = await api.serviceRequests(intake.customer.tenantId);
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
