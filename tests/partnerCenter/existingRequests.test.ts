import { describe, expect, it } from 'vitest';
import { checkExistingRequests } from '../../src/partnerCenter/existingRequests.js';
import { PartnerCenterError, type ExistingServiceRequest, type PartnerCenterApi } from '../../src/partnerCenter/ports.js';
import { storedIntake } from '../support/storedCase.js';

const now = new Date('2026-11-20T02:00:00Z');
const api = (serviceRequests: PartnerCenterApi['serviceRequests'], cloud: PartnerCenterApi['cloud'] = 'commercial'): PartnerCenterApi => ({
  cloud,
  listCustomers: async () => [],
  serviceRequests,
});
const sr = (number: string, status: ExistingServiceRequest['status'], createdAt: string): ExistingServiceRequest => ({ number, title: `t${number}`, status, createdAt });

describe('the decide step\'s look at open requests', () => {
  it('keeps open and attention-needed requests, newest first, at most ten', async () => {
    const list = [sr('a', 'closed', '2026-11-19T00:00:00.000Z'), sr('b', 'open', '2026-11-18T00:00:00.000Z'), sr('c', 'attentionNeeded', '2026-11-19T01:00:00.000Z')];
    for (let i = 0; i < 12; i++) list.push(sr(`o${i}`, 'open', `2026-10-${String(10 + i).padStart(2, '0')}T00:00:00.000Z`));
    const check = await checkExistingRequests(api(async () => list), storedIntake(), now);
    expect(check?.items.map((i) => i.number)).toEqual(['c', 'b', 'o11', 'o10', 'o9', 'o8', 'o7', 'o6', 'o5', 'o4']);
    expect(check?.failure).toBeUndefined();
  });

  it('never throws: a Partner Center error, a hang past the budget, or a case it cannot look up become a reason', async () => {
    expect(await checkExistingRequests(api(async () => Promise.reject(new PartnerCenterError('throttled', '429'))), storedIntake(), now)).toMatchObject({ items: [], failure: 'throttled' });
    expect(await checkExistingRequests(api(() => new Promise(() => undefined)), storedIntake(), now, 30)).toMatchObject({ failure: 'timeout' });
    expect(await checkExistingRequests(api(async () => []), storedIntake({ customer: { name: 'x', domain: 'x.onmicrosoft.com' } }), now)).toMatchObject({ failure: 'noTenantId' });
    expect(await checkExistingRequests(api(async () => []), storedIntake({ cloud: 'usgov' }), now)).toMatchObject({ failure: 'otherCloud' });
    expect(await checkExistingRequests(api(async () => [], 'china21v'), storedIntake({ cloud: 'china21v' }), now)).toMatchObject({ failure: 'unavailableInCloud' });
    expect(await checkExistingRequests(undefined, storedIntake(), now)).toBeUndefined();
  });
});
