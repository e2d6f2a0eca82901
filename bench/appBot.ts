/**
 * This bot as the turns bench runs it (issue 11): the real app from createApp, store from SQLITE_PATH or DATABASE_URL
 * (prepared by bench/turns.ts), reminders off so only turns are measured, JSON logs at info (production's format) to
 * stdout, which the bench sends to /dev/null. Started as a child process; prints its port on IPC.
 */
import { parseEnv } from '../src/config/env.js';
import { createLogger } from '../src/log.js';
import { createApp } from '../src/app/createApp.js';
import { answerMemoryProbes } from './memoryProbe.js';

const env = parseEnv({ ...process.env, PORT: '0', HOST: '127.0.0.1', REMINDERS_ENABLED: 'false' });
const log = createLogger({ level: env.LOG_LEVEL, format: env.LOG_FORMAT ?? 'json' });
const app = await createApp({ env, log });
const { port } = await app.start();
process.send?.({ port });
process.on('SIGTERM', () => {
  void app.stop().then(() => process.exit(0));
});
answerMemoryProbes();
