import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnBot } from './support/botProcess.js';

/** The real entry point (src/index.ts) in a child process. */
const runBot = (env: Record<string, string>) => spawnBot({ LOG_LEVEL: 'info', ...env });

const dirs: string[] = [];
/** Children still running when a test fails early are stopped, so a failed run leaves no bot behind. */
const children: ReturnType<typeof runBot>['child'][] = [];
afterAll(() => children.forEach((c) => c.exitCode === null && c.signalCode === null && c.kill('SIGKILL')));
const tempDb = () => {
  const d = mkdtempSync(join(tmpdir(), 'csp-proc-'));
  dirs.push(d);
  return join(d, 'nested', 'desk.db');
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

// Each test starts Node with tsx, which compiles the sources first: slow when many test runs share two cores.
describe('the bot process', { timeout: 90_000 }, () => {
  it('starts on loopback, answers /healthz and /readyz, creates its SQLite file, and exits cleanly on SIGTERM', async () => {
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const bot = runBot({ PORT: port, SQLITE_PATH: tempDb() });
    children.push(bot.child);
    let health: Response | undefined;
    // tsx compiles the sources on start: up to a minute when eight test runs share two cores.
    for (let i = 0; i < 400 && !health; i++) {
      await new Promise((r) => setTimeout(r, 150));
      health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
    }
    expect(health?.status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ store: 'reachable' });
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.output()).toContain('stopped');
  });

  it('with no app ID and HOST=0.0.0.0 it refuses to start, saying why', async () => {
    const bot = runBot({ HOST: '0.0.0.0', SQLITE_PATH: tempDb() });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toMatch(/HOST: refusing to listen on 0\.0\.0\.0 without MicrosoftAppId/);
  });

  it('bad configuration: one line per bad variable, naming it and what is expected', async () => {
    const bot = runBot({ PORT: 'eighty', MicrosoftAppType: 'Sometimes', ALLOWED_TENANT_IDS: 'contoso', SQLITE_PATH: tempDb() });
    expect(await bot.exited).toBe(1);
    const lines = bot.output().split('\n').filter((l) => l.startsWith('  '));
    expect(lines).toEqual(
      expect.arrayContaining([
        '  PORT: expected a whole number between 0 and 65535',
        '  MicrosoftAppType: expected MultiTenant, SingleTenant or UserAssignedMSI',
        '  ALLOWED_TENANT_IDS: expected a comma-separated list of tenant GUIDs',
      ]),
    );
    expect(lines).toHaveLength(3);
  });
});

describe('directories are checked at start', { timeout: 90_000 }, () => {
  it('a customer file with a bad tenant ID stops the start, naming the row and field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-dir-'));
    dirs.push(dir);
    const file = join(dir, 'customers.json');
    writeFileSync(file, JSON.stringify([{ name: 'Contoso', tenantId: 'not-a-guid', domain: 'contoso.onmicrosoft.com', cloud: 'commercial' }]));
    const bot = runBot({ CUSTOMERS_FILE: file, SQLITE_PATH: tempDb() });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toMatch(/tenantId/);
    expect(bot.output()).toMatch(/(row|entry|item|#)\s*1/i);
  });
});
