/**
 * Wires Partner Center (issue 14) from the environment: tokens, two REST clients (patient for the background sync,
 * quick for an agent waiting on a card), the store as customer sink/search, the sync lease, the sealed refresh token.
 * Returns undefined when PARTNER_CENTER_CLIENT_ID is empty: nothing of Partner Center exists then.
 */
import { createHash } from 'node:crypto';
import type { Env } from '../config/env.js';
import type { Cloud } from '../flow/case.js';
import type { FetchLike } from '../health/resilience.js';
import type { Logger } from '../log.js';
import { PartnerCenterClient } from '../partnerCenter/client.js';
import type { CustomerSearch, PartnerCenterApi } from '../partnerCenter/ports.js';
import { runCustomerSync, startCustomerSyncLoop, type SyncDeps, type SyncOutcome } from '../partnerCenter/sync.js';
import { createPartnerCenterTokens } from '../partnerCenter/tokens.js';
import { createRefreshTokenVault, parseTokenKey, type RefreshTokenVault } from '../partnerCenter/vault.js';
import type { Store } from '../store/index.js';
import type { Directories } from '../directories/live.js';
import type { CustomerSink, PartnerCenterCustomer } from '../partnerCenter/ports.js';
import { isPartnerCenterValue, toDirectoryCustomer } from '../partnerCenter/typeahead.js';
import type { DirectoryCustomer } from '../customers/directory.js';

export interface PartnerCenterServices {
  cloud: Cloud;
  /** The partner's tenant: synced customers are stored under it and shown only to its agents. */
  partnerTenantId: string;
  /** For calls an agent waits on (decide step): short timeout, one retry. */
  api: PartnerCenterApi;
  customers: CustomerSearch;
  /** An admin's "sync customers": runs now unless another instance is syncing. */
  syncNow(): Promise<SyncOutcome>;
  /** One round of the schedule: syncs only when the stored due time has come and no live lease is held. */
  tick(): Promise<SyncOutcome>;
  lastSync(): Promise<Record<string, unknown> | undefined>;
  start(): { stop(): Promise<void> };
}

const syncRowId = 'customerSync';
const seedRowId = 'refreshTokenSeed';

/**
 * PARTNER_CENTER_REFRESH_TOKEN is a bootstrap: sealed into the store once. Entra may rotate the token later and the
 * store then holds the newer one, so the same env value is not written again after a restart (its hash is kept).
 */
async function seedRefreshToken(env: Env, store: Store, vault: RefreshTokenVault, clock: () => Date): Promise<void> {
  const token = env.PARTNER_CENTER_REFRESH_TOKEN;
  if (!token) return;
  const hash = createHash('sha256').update(token).digest('hex');
  if ((await store.partnerCenter.read(seedRowId)) === hash) return;
  await vault.put(token);
  await store.partnerCenter.write(seedRowId, hash, clock().toISOString());
}

const fromDirectory = (d: DirectoryCustomer): PartnerCenterCustomer => {
  const c: PartnerCenterCustomer = { tenantId: d.tenantId ?? d.id.slice(3), name: d.name, cloud: d.cloud, hasAdminRights: d.relationship.hasAdminRights };
  if (d.domain) c.domain = d.domain;
  return c;
};

/**
 * The customers table (issue 12's directory, source 'partnerCenter', id "pc:<tenant>") as the sync's sink and the
 * type-ahead's search. The table has no partner-tenant column (one bot serves one partner), so the scoping lives here:
 * only agents of PARTNER_CENTER_TENANT_ID see these rows. Search runs over the directory every instance already
 * caches by version (thousands of rows filter in well under a millisecond).
 */
function directoryCustomers(store: Store, directories: Directories, partnerTenantId: string): CustomerSink & CustomerSearch {
  const synced = async (tenant: string) =>
    tenant.toLowerCase() === partnerTenantId ? (await directories.customers()).all().filter((d) => isPartnerCenterValue(d.id)) : [];
  return {
    upsertMany: async (_tenant, customers, source, at) => {
      await store.directories.writeCustomers(customers.map(toDirectoryCustomer), source, at, 'merge');
      return customers.length;
    },
    removeStale: (_tenant, source, before) => store.directories.removeStaleCustomers(source, before, before),
    async search(tenant, query, page) {
      const words = query.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
      return (await synced(tenant))
        .filter((d) => words.every((w) => [d.name, d.domain ?? '', d.tenantId ?? ''].join(' ').toLowerCase().includes(w)))
        .slice(page.skip, page.skip + page.top)
        .map(fromDirectory);
    },
    async get(tenant, customerTenantId) {
      const d = (await synced(tenant)).find((x) => x.id === `pc:${customerTenantId.toLowerCase()}`);
      return d && fromDirectory(d);
    },
    count: async (tenant) => (await synced(tenant)).length,
  };
}

export async function createPartnerCenter(
  env: Env,
  store: Store,
  directories: Directories,
  clock: () => Date,
  log: Logger,
  deps: { fetch?: FetchLike; workerId?: string } = {},
): Promise<PartnerCenterServices | undefined> {
  if (!env.PARTNER_CENTER_CLIENT_ID || !env.PARTNER_CENTER_CLIENT_SECRET || !env.PARTNER_CENTER_TENANT_ID) return undefined;
  const fetchImpl: FetchLike = deps.fetch ?? ((url, init) => fetch(url, init));
  const cloud = env.PARTNER_CENTER_CLOUD;
  const partnerTenantId = env.PARTNER_CENTER_TENANT_ID;
  const key = env.PARTNER_CENTER_TOKEN_KEY ? parseTokenKey(env.PARTNER_CENTER_TOKEN_KEY) : undefined;
  const vault = key ? createRefreshTokenVault(store.partnerCenter, key, `${partnerTenantId}|${env.PARTNER_CENTER_CLIENT_ID}`, clock) : undefined;
  if (vault) await seedRefreshToken(env, store, vault, clock);

  const tokens = createPartnerCenterTokens({
    cloud,
    partnerTenantId,
    clientId: env.PARTNER_CENTER_CLIENT_ID,
    clientSecret: env.PARTNER_CENTER_CLIENT_SECRET,
    ...(vault ? { vault } : {}),
    fetch: fetchImpl,
    ...(env.PARTNER_CENTER_LOGIN_URL ? { loginOverride: env.PARTNER_CENTER_LOGIN_URL } : {}),
    timeoutMs: env.PARTNER_CENTER_TIMEOUT_MS,
    clock,
  });
  const common = { cloud, tokens, fetch: fetchImpl, ...(env.PARTNER_CENTER_API_URL ? { apiOverride: env.PARTNER_CENTER_API_URL } : {}), pageSize: 200 };
  const background = new PartnerCenterClient({ ...common, timeoutMs: env.PARTNER_CENTER_TIMEOUT_MS, retryAfterCapMs: env.PARTNER_CENTER_RETRY_AFTER_CAP_MS, maxRetries: 3 });
  const interactive = new PartnerCenterClient({
    ...common,
    timeoutMs: Math.min(env.PARTNER_CENTER_TIMEOUT_MS, 5_000),
    retryAfterCapMs: Math.min(env.PARTNER_CENTER_RETRY_AFTER_CAP_MS, 2_000),
    maxRetries: 1,
  });

  const repo = store.partnerCenter;
  const customers = directoryCustomers(store, directories, partnerTenantId);
  const syncDeps: SyncDeps = {
    api: background,
    sink: customers,
    lease: {
      claim: (owner, now, until, force) => repo.claimSync(syncRowId, owner, now, until, force),
      finish: (owner, next, data, now) => repo.finishSync(syncRowId, owner, next, data, now),
      state: () => repo.syncRow(syncRowId),
    },
    partnerTenantId,
    intervalMs: env.PARTNER_CENTER_SYNC_MINUTES * 60_000,
    leaseMs: 15 * 60_000,
    workerId: deps.workerId ?? `pc-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    clock,
    log,
  };
  log.info({ cloud, syncMinutes: env.PARTNER_CENTER_SYNC_MINUTES, appUser: Boolean(vault) }, 'Partner Center configured');

  return {
    cloud,
    partnerTenantId,
    api: interactive,
    customers,
    syncNow: () => runCustomerSync(syncDeps, true),
    tick: () => runCustomerSync(syncDeps, false),
    lastSync: async () => (await repo.syncRow(syncRowId))?.data,
    start: () => (syncDeps.intervalMs > 0 ? startCustomerSyncLoop(syncDeps, env.PARTNER_CENTER_POLL_MS) : { stop: async () => undefined }),
  };
}
