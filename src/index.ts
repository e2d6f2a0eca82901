import { existsSync } from 'node:fs';
import dotenv from 'dotenv';
import { ConfigError, isLoopback, parseEnv } from './config/env.js';
import { createLogger } from './log.js';
import { createApp } from './app/createApp.js';
import { startTelemetry } from './telemetry/setup.js';

/** Checks that must stop the process before it listens: bad config, or an anonymous bot reachable from the network. */
function loadConfig() {
  if (existsSync('.env')) dotenv.config({ path: '.env', quiet: true });
  try {
    const env = parseEnv(process.env);
    if (!env.MicrosoftAppId && !isLoopback(env.HOST) && !env.ALLOW_ANONYMOUS_REMOTE) {
      throw new ConfigError([
        `HOST: refusing to listen on ${env.HOST} without MicrosoftAppId: with no app ID the bot accepts unauthenticated requests. ` +
          'Set MicrosoftAppId/MicrosoftAppPassword, use HOST=127.0.0.1, or set ALLOW_ANONYMOUS_REMOTE=true if you really mean it.',
      ]);
    }
    return env;
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Configuration error:\n${err.lines.map((l) => `  ${l}`).join('\n')}\n`);
      process.exit(1);
    }
    throw err;
  }
}

async function main() {
  const env = loadConfig();
  const log = createLogger({ level: env.LOG_LEVEL, format: env.LOG_FORMAT ?? (env.NODE_ENV === 'production' ? 'json' : 'pretty') });
  if (!env.MicrosoftAppId && !isLoopback(env.HOST)) {
    log.warn('!!! ALLOW_ANONYMOUS_REMOTE=true: the bot accepts UNAUTHENTICATED requests from the network. Never do this in production. !!!');
  }
  // Before the store opens, so its queries become spans of the turn that made them.
  const telemetry = await startTelemetry(env, log);
  const app = await createApp({ env, log });
  await app.start();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing turns in flight');
    try {
      await app.stop();
      await telemetry.shutdown();
      log.info('stopped');
      log.flush?.();
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`CSP Support Desk failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
