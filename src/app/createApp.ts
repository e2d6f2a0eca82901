import { CallerIdConstants, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { Env } from '../config/env.js';
import { createHttpServer, type HttpServer } from '../http/server.js';
import { DeskAdapter } from '../http/authGate.js';
import type { Logger } from '../log.js';
import { openStore, storeOptions, type Store } from '../store/index.js';
import { SupportDeskBot } from '../teams/bot.js';
import { BotFrameworkMessenger } from '../teams/botFrameworkMessenger.js';
import type { AppServices } from './services.js';
import { startReminderWorker } from './reminderWorker.js';
import { liveDirectories } from '../directories/live.js';
import { seedDirectories, seedFiles } from '../directories/seed.js';
import { observeOpenCases } from '../telemetry/index.js';
import { tracedSender } from '../telemetry/tracedSender.js';
import { openCasesByStep } from '../store/caseStats.js';
import { createHealthChecker, type HealthChecker } from '../health/config.js';

export interface App {
  services: AppServices;
  http: HttpServer;
  adapter: DeskAdapter;
  start(): Promise<{ port: number }>;
  stop(): Promise<void>;
}

export interface AppOptions {
  env: Env;
  log: Logger;
  /** Injected so tests can move time; production passes () => new Date(). */
  clock?: () => Date;
  store?: Store;
  health?: HealthChecker;
}

/** Builds the whole bot around one store and one clock: the same wiring for `npm start` and for tests. */
export async function createApp(opts: AppOptions): Promise<App> {
  const { env, log } = opts;
  const clock = opts.clock ?? (() => new Date());
  const store = opts.store ?? (await openStore(storeOptions(env)));

  const auth = new ConfigurationBotFrameworkAuthentication(botAuthConfig(env));
  const adapter = new DeskAdapter(auth);
  adapter.onTurnError = async (ctx, err) => {
    log.error({ err, type: ctx.activity?.type }, 'unhandled turn error');
  };

  const messenger = tracedSender(new BotFrameworkMessenger(adapter, env.MicrosoftAppId ?? '', env.SEND_TIMEOUT_MS, log), ['startThread', 'reply', 'update']);
  const health = opts.health ?? createHealthChecker(env, { clock }, (f) => log.warn({ source: f.source, reason: f.reason }, 'health source could not be checked'));
  try {
    await seedDirectories(store.directories, seedFiles(env), clock().toISOString(), log);
  } catch (err) {
    if (!opts.store) await store.close();
    throw err;
  }
  const directories = liveDirectories(store.directories);
  const stopObserving = observeOpenCases(() => openCasesByStep(store.db.kysely));
  const services: AppServices = { env, log, store, clock, messenger, health, directories };
  const bot = new SupportDeskBot(services);
  const http = createHttpServer({ adapter, auth, bot, log, ready: () => store.db.ping() });
  const reminders = env.REMINDERS_ENABLED ? startReminderWorker(services) : undefined;

  return {
    services,
    http,
    adapter,
    start: async () => {
      const addr = await http.listen(env.PORT, env.HOST);
      log.info({ host: env.HOST, port: addr.port, store: store.db.engine, auth: env.MicrosoftAppId ? 'bot token required' : 'anonymous (loopback)' }, 'CSP Support Desk listening');
      return addr;
    },
    stop: async () => {
      await http.close();
      await reminders?.stop();
      stopObserving();
      await store.close();
    },
  };
}

/**
 * botbuilder's authentication settings. With BOT_OPENID_METADATA_URL set, botbuilder switches to its parameterized
 * mode, which needs every public-cloud endpoint spelled out (these are botbuilder's AuthenticationConstants values,
 * which the package does not re-export): only where the channel's signing keys come from changes.
 */
export function botAuthConfig(env: Env): ConfigurationBotFrameworkAuthenticationOptions {
  const base = {
    MicrosoftAppId: env.MicrosoftAppId ?? '',
    MicrosoftAppPassword: env.MicrosoftAppPassword ?? '',
    MicrosoftAppType: env.MicrosoftAppType,
    MicrosoftAppTenantId: env.MicrosoftAppTenantId ?? '',
  };
  if (!env.BOT_OPENID_METADATA_URL) return base as ConfigurationBotFrameworkAuthenticationOptions;
  return {
    ...base,
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromChannelOpenIdMetadataUrl: env.BOT_OPENID_METADATA_URL,
    ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
    CallerId: CallerIdConstants.PublicAzureChannel,
  } as unknown as ConfigurationBotFrameworkAuthenticationOptions;
}
