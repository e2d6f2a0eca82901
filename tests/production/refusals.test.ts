import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '../../src/config/env.js';
import { spawnBot as runBot } from '../support/botProcess.js';

const dir = mkdtempSync(join(tmpdir(), 'csp-prod-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('NODE_ENV=production', () => {
  it('with no DATABASE_URL the bot refuses to start, with a one-line reason, and creates no SQLite file', async () => {
    const sqlite = join(dir, 'never.db');
    const bot = runBot({ NODE_ENV: 'production', PORT: '0', SQLITE_PATH: sqlite });
    expect(await bot.exited).toBe(1);
    const reasons = bot.output().split('\n').filter((l) => l.startsWith('  '));
    expect(reasons).toEqual([
      '  DATABASE_URL: required when NODE_ENV=production (PostgreSQL shared by every instance); set ALLOW_SQLITE_IN_PRODUCTION=true only for a single instance',
    ]);
    const { existsSync } = await import('node:fs');
    expect(existsSync(sqlite)).toBe(false);
  });

  it('ALLOW_SQLITE_IN_PRODUCTION=true lets a single instance run on SQLite; other environments need nothing', () => {
    expect(parseEnv({ NODE_ENV: 'production', ALLOW_SQLITE_IN_PRODUCTION: 'true' }).DATABASE_URL).toBeUndefined();
    expect(parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://desk@db:5432/desk' }).DATABASE_POOL_MAX).toBe(10);
    expect(parseEnv({}).NODE_ENV).toBe('development');
    expect(() => parseEnv({ NODE_ENV: 'production', ALLOW_SQLITE_IN_PRODUCTION: 'perhaps' })).toThrow(ConfigError);
  });

  it('pool size and sslmode are checked like every other variable', () => {
    expect(parseEnv({ DATABASE_POOL_MAX: '25' }).DATABASE_POOL_MAX).toBe(25);
    const lines = (() => {
      try {
        parseEnv({ DATABASE_POOL_MAX: '0', DATABASE_URL: 'postgres://desk@db/desk?sslmode=prefer' });
        return [];
      } catch (e) {
        return (e as ConfigError).lines;
      }
    })();
    expect(lines.sort()).toEqual([
      'DATABASE_POOL_MAX: expected a whole number between 1 and 500',
      'DATABASE_URL: sslmode=prefer is not supported; use one of disable, require, verify-ca, verify-full',
    ]);
  });
});
