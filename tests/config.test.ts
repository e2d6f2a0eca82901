import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, envSchema, parseEnv } from '../src/config/env.js';

describe('configuration', () => {
  it('defaults run the bot locally: loopback, port 3978, SQLite under ./data, demo health', () => {
    expect(parseEnv({})).toMatchObject({ HOST: '127.0.0.1', PORT: 3978, SQLITE_PATH: './data/support-desk.db', HEALTH_MODE: 'demo', ALLOWED_TENANT_IDS: [] });
  });

  it('empty values (as .env files leave them) count as unset', () => {
    expect(parseEnv({ PORT: '', MicrosoftAppId: '', DATABASE_URL: ' ' })).toMatchObject({ PORT: 3978, MicrosoftAppId: undefined, DATABASE_URL: undefined });
  });

  it('an app ID needs a password unless it is a managed identity; SingleTenant needs the tenant', () => {
    const appId = '0b0e5a1e-1b7a-4c55-9f3e-6a9b1f4d2c11';
    expect(() => parseEnv({ MicrosoftAppId: appId })).toThrow(/MicrosoftAppPassword: required/);
    expect(parseEnv({ MicrosoftAppId: appId, MicrosoftAppType: 'UserAssignedMSI' }).MicrosoftAppType).toBe('UserAssignedMSI');
    expect(() => parseEnv({ MicrosoftAppId: appId, MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant' })).toThrow(/MicrosoftAppTenantId: required/);
  });

  it('tenant lists are normalised to lower case', () => {
    expect(parseEnv({ ALLOWED_TENANT_IDS: ' 72F988BF-86F1-41AF-91AB-2D7CD011DB47 ,' }).ALLOWED_TENANT_IDS).toEqual(['72f988bf-86f1-41af-91ab-2d7cd011db47']);
  });

  it('each bad variable is one line naming it', () => {
    try {
      parseEnv({ PORT: '-1', DATABASE_URL: 'mysql://x', REMINDERS_ENABLED: 'maybe', HEALTH_MODE: 'sometimes' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const names = (e as ConfigError).lines.map((l) => l.split(':')[0]);
      expect(names.sort()).toEqual(['DATABASE_URL', 'HEALTH_MODE', 'PORT', 'REMINDERS_ENABLED']);
    }
  });

  it('.env.example documents every variable the bot reads, each with a comment above it', () => {
    const example = readFileSync('.env.example', 'utf8').split('\n');
    const documented = new Map<string, number>();
    example.forEach((line, i) => {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(line);
      if (m) documented.set(m[1]!, i);
    });
    const schema = envSchema();
    const keys = Object.keys((schema as any).shape ?? (schema as any)._def?.schema?.shape ?? (schema as any).in?.shape ?? {});
    expect(keys.length).toBeGreaterThan(20);
    for (const key of keys) {
      expect(documented.has(key), `${key} missing from .env.example`).toBe(true);
      const i = documented.get(key)!;
      const above = example.slice(0, i).reverse().find((l) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(l));
      expect(above?.startsWith('#'), `${key} has no comment`).toBe(true);
    }
  });
});
