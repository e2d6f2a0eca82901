import restify, { type Server } from 'restify';
import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { SupportDeskBot } from '../teams/bot.js';
import type { Logger } from '../log.js';
import { describeActivityProblem } from './activityBody.js';
import { authenticate, fixActivity, keysRetryAfterSeconds, type DeskAdapter } from './authGate.js';
import { inTurn } from '../telemetry/index.js';

export interface HttpServer {
  server: Server;
  listen(port: number, host: string): Promise<{ port: number }>;
  /** Stops accepting, then waits for turns in flight (bounded), so SIGTERM never cuts a reply in half. */
  close(graceMs?: number): Promise<void>;
}

export function createHttpServer(deps: {
  adapter: DeskAdapter;
  auth: Pick<ConfigurationBotFrameworkAuthentication, 'authenticateRequest'>;
  bot: SupportDeskBot;
  log: Logger;
  ready: () => Promise<boolean>;
}): HttpServer {
  const server = restify.createServer({ name: 'csp-support-desk', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 256 * 1024 }));
  let inFlight = 0;
  let idle: (() => void) | undefined;
  let closing = false;

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req, res) => {
    const ok = !closing && (await deps.ready());
    res.send(ok ? 200 : 503, { status: ok ? 'ready' : 'not ready', store: ok ? 'reachable' : 'unreachable' });
  });

  server.post('/api/messages', async (req, res) => {
    if (closing) {
      res.send(503, { error: 'shutting down' });
      return;
    }
    const problem = describeActivityProblem(req.body);
    if (problem) {
      res.send(400, { error: problem });
      return;
    }
    inFlight++;
    try {
      const type = typeof (req.body as { type?: unknown })?.type === 'string' ? (req.body as { type: string }).type : 'other';
      await inTurn(
        type,
        async () => {
          const activity = fixActivity(req.body as Record<string, unknown>);
          const header = req.headers.authorization;
          const auth = await authenticate(deps.auth, activity, typeof header === 'string' ? header : '');
          if (!auth.ok) {
            deps.log.warn({ status: auth.status, reason: auth.reason }, auth.status === 401 ? 'request refused: token not valid' : 'request refused: signing keys unavailable');
            if (auth.status === 503) res.header('Retry-After', String(keysRetryAfterSeconds));
            res.send(auth.status, { error: auth.status === 401 ? 'unauthorized' : 'token could not be verified now; retry later' });
            return;
          }
          const answer = await deps.adapter.serve(auth.result, activity, (ctx) => deps.bot.run(ctx));
          if (!res.headersSent) {
            if (answer?.body !== undefined) res.send(answer.status ?? 200, answer.body);
            else res.send(answer?.status ?? 200);
          }
        },
        () => res.statusCode,
      );
    } catch (err) {
      deps.log.error({ err: err instanceof Error ? err.message : String(err) }, 'activity processing failed');
      if (!res.headersSent) res.send(500, { error: 'request not processed' });
    } finally {
      inFlight--;
      if (inFlight === 0) idle?.();
    }
  });

  // Malformed JSON is rejected by bodyParser with a 400; log it without the body.
  server.on('restifyError', (req, _res, err, cb) => {
    deps.log.info({ path: req.path?.(), status: (err as { statusCode?: number }).statusCode }, 'request rejected');
    return cb();
  });

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const addr = server.address();
          resolve({ port: typeof addr === 'object' && addr ? addr.port : port });
        });
      }),
    close: async (graceMs = 10_000) => {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      if (inFlight > 0) {
        await Promise.race([new Promise<void>((r) => (idle = r)), new Promise((r) => setTimeout(r, graceMs).unref())]);
      }
      await Promise.race([stopped, new Promise((r) => setTimeout(r, 1000).unref())]);
    },
  };
}
