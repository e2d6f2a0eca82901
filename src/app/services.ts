import type { HealthChecker } from '../health/config.js';
import type { Env } from '../config/env.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/index.js';
import type { Directories } from '../directories/live.js';
import type { ChannelMessenger } from '../channel/port.js';
import type { PartnerCenterServices } from './partnerCenter.js';
import type { AzureSupport } from '../azureSupport/port.js';

/**
 * Everything a handler may use, built once at start and handed in, so tests can build the same app
 * around a temporary store, a fixed clock and a connector stub.
 */
export interface AppServices {
  env: Env;
  log: Logger;
  store: Store;
  clock: () => Date;
  messenger: ChannelMessenger;
  /** Service health for the health step: demo data, or Microsoft Graph + Azure Resource Health (HEALTH_MODE). */
  health: HealthChecker;
  /** Azure Support API for card clicks (track, file); absent unless AZURE_SUPPORT_MODE=live (issue 14). */
  azureSupport?: AzureSupport;
  /**
   * The partner's customers (intake picker) and marketplace publishers' support contacts (issue 4 point 5), from the
   * store: seeded from CUSTOMERS_FILE / ISV_DIRECTORY_FILE on first start, changed with `npm run import` (issue 12).
   */
  directories: Directories;
  /** Partner Center customers, sync and service requests (issue 14); absent when PARTNER_CENTER_CLIENT_ID is empty. */
  partnerCenter?: PartnerCenterServices;
}
