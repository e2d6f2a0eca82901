/**
 * Starts the reminder worker with the app (issue 5): one per bot instance; several instances share the store safely.
 * Wired here, in the composition root, because it chooses the worker's adapter (a Bot Connector line without retries).
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { AppServices } from './services.js';
import { defaultRetryPolicy } from '../reminders/delivery.js';
import { createReminderMessenger } from '../teams/reminderConnector.js';
import { ReminderWorker } from '../reminders/worker.js';
import { tracedSender } from '../telemetry/tracedSender.js';

export function startReminderWorker(app: AppServices): ReminderWorker {
  const worker = new ReminderWorker({
    app,
    messenger: tracedSender(createReminderMessenger(app.env, app.log), ['startThread', 'reply', 'update']),
    workerId: `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
    leaseMs: app.env.REMINDER_LEASE_MS,
    batchSize: app.env.REMINDER_BATCH_SIZE,
    concurrency: app.env.REMINDER_CONCURRENCY,
    retry: { ...defaultRetryPolicy, maxAttempts: app.env.REMINDER_MAX_ATTEMPTS },
  });
  worker.start(app.env.REMINDER_POLL_MS);
  app.log.info({ worker: worker.id, pollMs: app.env.REMINDER_POLL_MS, concurrency: app.env.REMINDER_CONCURRENCY }, 'reminder worker started');
  return worker;
}
