import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createApp, type App } from '../../src/app/createApp.js';
import { parseEnv } from '../../src/config/env.js';
import { ConnectorStub } from './connectorStub.js';
import { freshDatabase } from './freshDatabase.js';

export interface Harness {
  app: App;
  stub: ConnectorStub;
  baseUrl: string;
  dir: string;
  sqlitePath: string;
  /** Set when TEST_DATABASE_URL is: this harness's own PostgreSQL database (dropped on close). */
  databaseUrl?: string;
  /** Moves the injected clock. */
  clock: { now: Date; set(d: Date | string): void; advance(ms: number): void };
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; text: string }>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real app (same wiring as `npm start`) on a random loopback port, with its own SQLite file, an injected clock
 * and a connector stub as the serviceUrl. Tests talk to it only over HTTP, like Teams does.
 * With TEST_DATABASE_URL set (CI's PostgreSQL run) the store is a fresh PostgreSQL database instead of the SQLite file.
 */
export async function startHarness(opts: { env?: Record<string, string>; now?: string; stub?: ConnectorStub } = {}): Promise<Harness> {
  const stub = opts.stub ?? (await new ConnectorStub().start());
  const dir = mkdtempSync(join(tmpdir(), 'csp-desk-'));
  const sqlitePath = join(dir, 'desk.db');
  const clock = {
    now: new Date(opts.now ?? '2026-11-20T02:00:00Z'),
    set(d: Date | string) {
      clock.now = new Date(d);
    },
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const pgDb = opts.env?.DATABASE_URL ? undefined : await freshDatabase();
  const env = parseEnv({
    NODE_ENV: 'test',
    PORT: '0',
    SQLITE_PATH: sqlitePath,
    LOG_LEVEL: 'silent',
    REMINDERS_ENABLED: 'false',
    SEND_TIMEOUT_MS: '2000',
    ...(pgDb ? { DATABASE_URL: pgDb.url } : {}),
    ...opts.env,
  });
  const log = pino({ level: process.env.TEST_LOG ?? 'silent' });
  let app = await createApp({ env, log, clock: () => clock.now });
  let { port } = await app.start();
  const h: Harness = {
    get app() {
      return app;
    },
    stub,
    get baseUrl() {
      return `http://127.0.0.1:${port}`;
    },
    dir,
    sqlitePath,
    databaseUrl: pgDb?.url,
    clock,
    async post(body, headers = {}) {
      const res = await fetch(`${h.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: any;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: res.status, body: parsed, text };
    },
    async restart() {
      await app.stop();
      app = await createApp({ env, log, clock: () => clock.now });
      ({ port } = await app.start());
    },
    async close() {
      await app.stop();
      if (!opts.stub) await stub.stop();
      await pgDb?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  } as Harness;
  return h;
}

/** The Adaptive Card content of a connector call or invoke response. */
export function cardOf(activityOrInvoke: any): any {
  if (activityOrInvoke?.type === 'application/vnd.microsoft.card.adaptive') return activityOrInvoke.value;
  const a = activityOrInvoke?.activity ?? activityOrInvoke;
  return a?.attachments?.find((x: any) => x.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

/** All visible text of a card (TextBlocks, facts, rich text, action titles), for "the card says …" assertions. */
export function cardText(card: any): string {
  const out: string[] = [];
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (typeof n.text === 'string') out.push(n.text);
    if (typeof n.title === 'string') out.push(n.title);
    if (typeof n.value === 'string' && n.type !== 'Input.Text') out.push(n.value);
    if (typeof n.label === 'string') out.push(n.label);
    if (typeof n.placeholder === 'string') out.push(n.placeholder);
    for (const v of Object.values(n)) if (typeof v === 'object') walk(v);
  };
  walk(card);
  return out.join('\n');
}
