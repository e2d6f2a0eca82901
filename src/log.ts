import pino, { type Logger } from 'pino';

/**
 * JSON lines in production (for log shippers), readable lines in development.
 * Redaction is a backstop: code logs ids and verbs at info, never tokens or what users typed.
 */
export function createLogger(opts: { level: string; format: 'json' | 'pretty' }): Logger {
  const redact = { paths: ['*.authorization', '*.Authorization', '*.password', '*.secret', '*.token', '*.text', '*.value'], censor: '[redacted]' };
  if (opts.format === 'pretty') {
    return pino({ level: opts.level, redact, transport: { target: 'pino-pretty', options: { colorize: false, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } });
  }
  return pino({ level: opts.level, redact });
}

export type { Logger };
