/**
 * The reminder worker's own line to the Bot Connector. botbuilder's connector client retries 429 and 5xx by itself
 * (sleeping Retry-After inside the send, up to three times); the worker owns retry instead (domain-facts §4.1:
 * honour Retry-After, else exponential backoff with jitter, bounded), so a throttled reminder goes back into the
 * store with its next attempt time rather than holding a worker slot asleep. This HTTP client answers every
 * non-2xx with an error the pipeline does not retry, carrying the status and Retry-After for `SendError`.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { Env } from '../config/env.js';
import type { Logger } from '../log.js';
import type { ChannelMessenger } from '../channel/port.js';
import { BotFrameworkMessenger } from './botFrameworkMessenger.js';

interface HeadersLike {
  get(name: string): string | undefined;
  toJson(opts?: { preserveCase?: boolean }): Record<string, string>;
  toJSON(opts?: { preserveCase?: boolean }): Record<string, string>;
}
interface WebResourceLike {
  url: string;
  method: string;
  headers: { toJson(opts?: { preserveCase?: boolean }): Record<string, string> };
  body?: unknown;
  abortSignal?: AbortSignal;
}

function headersLike(h: Headers): HeadersLike {
  const record: Record<string, string> = {};
  h.forEach((v, k) => (record[k] = v));
  return { get: (n) => record[n.toLowerCase()], toJson: () => ({ ...record }), toJSON: () => ({ ...record }) };
}

/** Thrown for non-2xx answers: not a RestError and not a system error, so core-rest-pipeline passes it straight up. */
export class ConnectorHttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly response: { headers: HeadersLike; bodyAsText: string; status: number; request: { url: string; method: string; headers: HeadersLike } },
  ) {
    super(`connector answered ${statusCode}`);
  }
}

export const noRetryHttpClient = {
  async sendRequest(request: WebResourceLike) {
    const res = await fetch(request.url, {
      method: request.method,
      headers: request.headers.toJson({ preserveCase: true }),
      body: typeof request.body === 'string' ? request.body : request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: request.abortSignal,
    });
    const bodyAsText = await res.text();
    const headers = headersLike(res.headers);
    // botbuilder turns the error's response back into a compat response, which reads request.headers.toJSON().
    const sent = { url: request.url, method: request.method, headers: headersLike(new Headers(request.headers.toJson({ preserveCase: true }))) };
    if (!res.ok) throw new ConnectorHttpError(res.status, { headers, bodyAsText, status: res.status, request: sent });
    return { request, status: res.status, headers, bodyAsText };
  },
};

export function createReminderMessenger(env: Env, log: Logger): ChannelMessenger {
  const auth = new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: env.MicrosoftAppId ?? '',
      MicrosoftAppPassword: env.MicrosoftAppPassword ?? '',
      MicrosoftAppType: env.MicrosoftAppType,
      MicrosoftAppTenantId: env.MicrosoftAppTenantId ?? '',
    } as ConfigurationBotFrameworkAuthenticationOptions,
    undefined,
    undefined,
    undefined,
    { httpClient: noRetryHttpClient } as never,
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (_ctx, err) => {
    log.warn({ err }, 'reminder send failed inside the adapter');
  };
  return new BotFrameworkMessenger(adapter, env.MicrosoftAppId ?? '', env.SEND_TIMEOUT_MS, log);
}
