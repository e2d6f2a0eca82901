import type { HealthChecker } from '../health/config.js';
import type { Env } from '../config/env.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/index.js';
import type { Directories } from '../directories/live.js';
import type { ChannelMessenger } from '../channel/port.js';

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
  /**
   * The partner's customers (intake picker) and marketplace publishers' support contacts (issue 4 point 5), from the
   * store: seeded from CUSTOMERS_FILE / ISV_DIRECTORY_FILE on first start, changed with `npm run import` (issue 12).
   */
  directories: Directories;
}
