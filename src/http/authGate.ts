import { CloudAdapter, type Activity, type ConfigurationBotFrameworkAuthentication, type InvokeResponse, type TurnContext } from 'botbuilder';

import { ConnectorClientCache, withCachedUserTokenClients } from './connectorCache.js';

type BotFrameworkAuthentication = Pick<ConfigurationBotFrameworkAuthentication, 'authenticateRequest'>;
type AuthenticateRequestResult = Awaited<ReturnType<BotFrameworkAuthentication['authenticateRequest']>>;
type BotFrameworkAuthenticationFull = NonNullable<ConstructorParameters<typeof CloudAdapter>[0]>;

/**
 * Token checking split from turn processing, so the two failure kinds get honest answers (issue 9 point 5):
 * a token that is forged, expired, for another audience or issuer, unsigned or HMAC-signed is a verdict → 401;
 * when the verdict could not be reached (Microsoft's OpenID metadata or signing keys unreachable or broken) the
 * caller is told to come back → 503 with Retry-After. botbuilder's own `process()` answers 500 for the latter and
 * for most jsonwebtoken rejections, which makes an outage and an attack look the same.
 */
export type AuthOutcome = { ok: true; result: AuthenticateRequestResult } | { ok: false; status: 401 | 503; reason: string };

/** Retry-After (seconds) sent with a 503 when the signing keys could not be fetched. */
export const keysRetryAfterSeconds = 30;

const tokenVerdicts = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

export function classifyAuthError(err: unknown): { status: 401 | 503; reason: string } {
  const e = err as { name?: string; statusCode?: number; message?: string };
  const message = String(e?.message ?? err).slice(0, 200);
  if (e && tokenVerdicts.has(e.name ?? '')) return { status: 401, reason: message };
  // AuthenticationError carries the status botbuilder meant: 401 for a rejected token, 500 when keys failed to load.
  if (e && e.statusCode === 401) return { status: 401, reason: message };
  return { status: 503, reason: message };
}

export async function authenticate(auth: BotFrameworkAuthentication, activity: Activity, authHeader: string): Promise<AuthOutcome> {
  try {
    return { ok: true, result: await auth.authenticateRequest(activity, authHeader) };
  } catch (err) {
    return { ok: false, ...classifyAuthError(err) };
  }
}

/** CloudAdapter with its turn processing reachable for an already-authenticated request. */
export class DeskAdapter extends CloudAdapter {
  readonly connectors = new ConnectorClientCache();

  constructor(auth: BotFrameworkAuthenticationFull) {
    super(withCachedUserTokenClients(auth));
  }

  serve(result: AuthenticateRequestResult, activity: Activity, logic: (ctx: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity({ ...result, connectorFactory: this.connectors.wrap(result) }, activity, logic);
  }
}

/** What botbuilder's `validateAndFixActivity` does to a parsed body: timestamps become Dates (raw strings kept). */
export function fixActivity(body: Record<string, unknown>): Activity {
  const a = body as Record<string, unknown>;
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
    if (typeof a[field] === 'string') {
      a[raw] = a[field];
      a[field] = new Date(a[field] as string);
    }
  }
  return a as unknown as Activity;
}
