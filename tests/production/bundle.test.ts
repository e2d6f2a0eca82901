import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleMetafile } from '../../scripts/bundle.mjs';
import { CollectorStub } from '../telemetry/collector.js';
import { ConnectorStub } from '../support/connectorStub.js';
import { execute, message } from '../support/activities.js';
import { buildBundle, spawnBot } from '../support/botProcess.js';

/**
 * `npm start` runs dist/bundle/index.mjs (scripts/bundle.mjs, issue 11). These tests build that bundle and run it as
 * production does: the same code the other suites test through tsx, so here only what bundling could break is checked
 * (tests/production/twoInstances.pg.test.ts runs it on PostgreSQL).
 */
let file = '';
let meta: BundleMetafile;
let removeBundle = () => {};
let text = '';
const dirs: string[] = [];
let stub: ConnectorStub;
let collector: CollectorStub;

beforeAll(async () => {
  ({ entry: file, meta, remove: removeBundle } = await buildBundle('run'));
  text = readFileSync(file, 'utf8');
  stub = await new ConnectorStub().start();
  collector = await new CollectorStub().start();
}, 60_000);
afterAll(async () => {
  await stub?.stop();
  await collector?.stop();
  removeBundle();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/** The bundle on a random port with its own SQLite file, `env` on top; resolves once /readyz answers 200. */
async function startBundle(env: Record<string, string>, nodeArgs: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'csp-bundle-'));
  dirs.push(dir);
  const port = String(20000 + Math.floor(Math.random() * 20000));
  const bot = spawnBot({ PORT: port, HOST: '127.0.0.1', SQLITE_PATH: join(dir, 'desk.db'), REMINDERS_ENABLED: 'false', ...env }, [...nodeArgs, file]);
  const base = `http://127.0.0.1:${port}`;
  let ready: Response | undefined;
  for (let i = 0; i < 200 && ready?.status !== 200 && bot.child.exitCode === null; i++) {
    await new Promise((r) => setTimeout(r, 100));
    ready = await fetch(`${base}/readyz`).catch(() => undefined);
  }
  expect(ready?.status, bot.output()).toBe(200);
  const post = (body: unknown) => fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { ...bot, dir, post };
}

describe('the production bundle', { timeout: 90_000 }, () => {
  it('is ASCII only, so V8 holds its source as one byte per character (the zh-TW/zh-CN command words are escaped)', () => {
    expect(text.length).toBeGreaterThan(100_000);
    expect(/[^\x00-\x7f]/.exec(text)?.[0]).toBeUndefined();
    // The words are there, escaped: 說明 (help) as esbuild escapes strings, 重設 (reset) as src/ writes it in a regex.
    expect(/\\u8aaa\\u660e/i.test(text)).toBe(true);
    expect(/\\u91cd\\u8a2d/i.test(text)).toBe(true);
  });

  it('bundles zod with English only, and leaves the platform, native and load-on-first-use packages as imports', () => {
    const inputs = Object.keys(meta.inputs);
    const zodLocales = inputs.filter((i) => /zod\/v4\/locales\/[^/]+\.js$/.test(i));
    expect(zodLocales.map((i) => i.split('/').at(-1))).toEqual(['en.js']);
    expect(inputs.some((i) => i.includes('node_modules/kysely/'))).toBe(true);
    const external = new Set(Object.values(meta.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)));
    for (const pkg of ['botbuilder', 'restify', 'better-sqlite3', 'pino']) expect(external, pkg).toContain(pkg);
    for (const pkg of ['zod', 'kysely', 'intl-messageformat']) expect(external, pkg).not.toContain(pkg);
  });

  it('nothing in src/ switches zod to another locale (the bundle only has English)', () => {
    const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
    const uses = walk('src').filter((f) => f.endsWith('.ts') && /\bz\.(locales|config)\b|zod\/(v4\/)?locales/.test(readFileSync(f, 'utf8')));
    expect(uses).toEqual([]);
  });

  it('runs: health, the intake card on case.new, help in Chinese through the connector, spans over OTLP, a clean stop', async () => {
    const { child, exited, output, post } = await startBundle({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_SERVICE_NAME: 'csp-desk-bundle' });
    try {
      const intake = await post(execute('case.new', {}, { serviceUrl: stub.url, locale: 'zh-TW' }));
      expect(intake.status).toBe(200);
      const card = JSON.stringify(((await intake.json()) as { value: unknown }).value);
      expect(card).toContain('Input.ChoiceSet');
      expect(card).toMatch(/[\u4e00-\u9fff]/);

      const help = await post(message('說明', { serviceUrl: stub.url, locale: 'zh-TW' }));
      expect(help.status).toBeLessThan(300);
      const [reply] = await stub.waitFor((calls) => calls.length > 0);
      expect(JSON.stringify(reply!.body)).toMatch(/[\u4e00-\u9fff]/);

      const bad = await post({ type: 'message' });
      expect(bad.status).toBe(400);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(output()).toContain('stopped');
    // The OpenTelemetry API stays one shared import: the bundled store's spans join the turn's trace in the external SDK.
    const spans = collector.spans();
    const turn = spans.find((s) => s.name === 'turn invoke' && s.attributes.verb === 'case.new');
    expect(turn, JSON.stringify(spans.map((s) => s.name))).toBeDefined();
    const children = spans.filter((s) => s.parentSpanId === turn!.spanId);
    expect(children.map((s) => s.name)).toContain('store insert cases');
    expect(children.every((s) => s.traceId === turn!.traceId)).toBe(true);
  });

  it('a bot without telemetry, Graph health or PostgreSQL never loads the OpenTelemetry API, MSAL or pg, even after turns', async () => {
    // Preloaded before the bundle: at exit, the packages Node loaded from node_modules.
    const report = [
      "import { createRequire } from 'node:module';",
      'const loaded = createRequire(import.meta.url).cache;',
      "process.on('exit', () => console.log('LOADED ' + JSON.stringify(Object.keys(loaded).map((k) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\/[^]*$/.exec(k)?.[1]).filter(Boolean))));",
    ].join('\n');
    const reportFile = join(mkdtempSync(join(tmpdir(), 'csp-bundle-report-')), 'report.mjs');
    dirs.push(dirname(reportFile));
    writeFileSync(reportFile, report);
    const { child, exited, output, post } = await startBundle({}, ['--import', pathToFileURL(reportFile).href]);
    try {
      expect((await post(execute('case.new', {}, { serviceUrl: stub.url }))).status).toBe(200);
      expect((await post(message('cases all', { serviceUrl: stub.url }))).status).toBeLessThan(300);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    const line = output().split('\n').find((l) => l.startsWith('LOADED '));
    const packages = new Set(JSON.parse(line!.slice('LOADED '.length)) as string[]);
    // The report works: what every turn needs is there.
    expect(packages.has('botbuilder') && packages.has('better-sqlite3')).toBe(true);
    for (const onFirstUse of ['@opentelemetry/api', '@azure/msal-node', 'pg', 'date-holidays']) expect(packages.has(onFirstUse), onFirstUse).toBe(false);
  });
});
