import type { HealthChecker } from '../health/config.js';
import type { Env } from '../config/env.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/index.js';
import type { IsvEntry } from '../isv/directory.js';
import type { CustomerDirectory } from '../customers/directory.js';
import type { ChannelMessenger } from '../channel/port.js';
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
  /** The partner's customers from CUSTOMERS_FILE, validated at start, for the intake form's picker. */
  customers: CustomerDirectory;
  /** Marketplace publishers' support contacts from ISV_DIRECTORY_FILE, validated at start (issue 4 point 5). */
  isvDirectory: readonly IsvEntry[];
  /** Azure Support API for card clicks (track, file); absent unless AZURE_SUPPORT_MODE=live (issue 14). */
  azureSupport?: AzureSupport;
}
