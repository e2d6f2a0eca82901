import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_TEAMS_APP_ID,
  PLACEHOLDER_BOT_ID,
  PackageError,
  buildPackageFiles,
  checkIcon,
  manifestDir,
  projectRoot,
  schemaVersionOf,
  validateLocalization,
  validateManifest,
} from '../scripts/manifest-lib.mjs';

// pngjs ships no types; this is the part of its API the tests use.
interface Png { width: number; height: number; data: Buffer }
const { PNG } = createRequire(import.meta.url)('pngjs') as {
  PNG: { new (o: { width: number; height: number }): Png; sync: { read(b: Buffer): Png; write(p: Png): Buffer } };
};
const run = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'csp-manifest-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const BOT_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(manifestDir, file), 'utf8'));
const bundledSchemaDir = path.join(projectRoot, 'node_modules', '@microsoft', 'app-manifest', 'build', 'json-schemas', 'teams');

/** Minimal zip reader (central directory + stored/deflated entries), enough to inspect what Teams will unpack. */
function readZip(file: string): Map<string, Buffer> {
  const buf = fs.readFileSync(file);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataAt, dataAt + size);
    entries.set(name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Runs `npm run package`'s script with only the variables given (no .env, nothing from this shell). */
async function packageScript(env: Record<string, string>, outDir: string, extraArgs: string[] = []) {
  const clean = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmp, ...env };
  try {
    const r = await run(process.execPath, ['scripts/package.mjs', '--out', outDir, '--no-env-file', ...extraArgs], { cwd: projectRoot, env: clean });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('Teams app manifest', () => {
  const { manifest, files, warnings } = buildPackageFiles({});

  it('uses a schema version bundled in @microsoft/app-manifest, so validation never goes online', () => {
    const version = schemaVersionOf(manifest);
    expect(version).toBe('v1.19');
    expect(manifest.manifestVersion).toBe('1.19');
    expect(fs.existsSync(path.join(bundledSchemaDir, 'v1.19', 'MicrosoftTeams.schema.json'))).toBe(true);
    expect(fs.existsSync(path.join(bundledSchemaDir, 'v1.19', 'MicrosoftTeams.Localization.schema.json'))).toBe(true);
  });

  it('filled with defaults, validates against Microsoft schema and marks the missing bot registration', () => {
    expect(validateManifest(manifest)).toEqual([]);
    expect(manifest.id).toBe(DEFAULT_TEAMS_APP_ID);
    expect(manifest.bots[0].botId).toBe(PLACEHOLDER_BOT_ID);
    expect(manifest.name.short).toBe('CSP Support Desk');
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(warnings.some((w) => w.includes('MICROSOFT_APP_ID') && w.includes(PLACEHOLDER_BOT_ID))).toBe(true);
  });

  it('offers the bot in personal chat and teams with the four commands in each', () => {
    const bot = manifest.bots[0];
    expect(bot.scopes).toEqual(expect.arrayContaining(['personal', 'team']));
    const titles = bot.commandLists.map((l: { commands: { title: string }[] }) => l.commands.map((c) => c.title));
    expect(titles).toEqual([
      ['help', 'new case', 'cases', 'settings'],
      ['help', 'new case', 'cases', 'settings'],
    ]);
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'en-us',
      additionalLanguages: [
        { languageTag: 'zh-tw', file: 'zh-TW.json' },
        { languageTag: 'zh-cn', file: 'zh-CN.json' },
      ],
    });
  });

  it.each([
    ['zh-TW.json', ['說明', '新增案例', '案例', '設定']],
    ['zh-CN.json', ['帮助', '新建案例', '案例', '设置']],
  ])('%s validates against the Localization schema and translates every command', (file, titles) => {
    const localization = readJson(file);
    expect(validateLocalization(localization, 'v1.19')).toEqual([]);
    manifest.bots[0].commandLists.forEach((list: { commands: unknown[] }, l: number) => {
      list.commands.forEach((_c, c) => {
        expect(localization[`bots[0].commandLists[${l}].commands[${c}].title`]).toBe(titles[c]);
        expect(localization[`bots[0].commandLists[${l}].commands[${c}].description`]).toMatch(/\p{Script=Han}/u);
      });
    });
    expect(Object.keys(localization).filter((k) => k.startsWith('bots['))).toHaveLength(16);
    expect(files.has(file)).toBe(true);
  });

  it('rejects a broken manifest with one line naming each bad field', () => {
    const broken = structuredClone(manifest);
    broken.name.short = 'CSP Support Desk for Contoso Partner Helpdesk';
    broken.bots[0].scopes = ['personal', 'channel'];
    delete broken.developer.privacyUrl;
    broken.bots[0].commandLists[0].commands[0].colour = 'blue';
    broken.accentColor = 'blue';
    const errors = validateManifest(broken);
    expect(errors).toContain('name.short: must NOT have more than 30 characters');
    expect(errors).toContain('developer.privacyUrl: required');
    expect(errors).toContain('bots[0].commandLists[0].commands[0]: unknown property "colour"');
    expect(errors.some((e) => e.startsWith('bots[0].scopes[1]: must be equal to one of the allowed values'))).toBe(true);
    expect(errors.some((e) => e.startsWith('accentColor:'))).toBe(true);
  });

  it('rejects a manifest whose version is not bundled, instead of fetching a schema', () => {
    const v118 = { ...manifest, $schema: 'https://developer.microsoft.com/json-schemas/teams/v1.18/MicrosoftTeams.schema.json', manifestVersion: '1.18' };
    expect(validateManifest(v118)[0]).toMatch(/^no bundled MicrosoftTeams\.schema\.json for v1\.18/);
  });

  it('rejects a localization file with a command title over the 32-character limit', () => {
    const localization = { ...readJson('zh-TW.json'), 'bots[0].commandLists[0].commands[0].title': '說'.repeat(33) };
    expect(validateLocalization(localization, 'v1.19')).toEqual([
      'bots[0].commandLists[0].commands[0].title: must NOT have more than 32 characters',
    ]);
  });

  it('rejects bad environment values with one line per variable', () => {
    let error: unknown;
    try {
      buildPackageFiles({ MICROSOFT_APP_ID: 'my-bot', BOT_NAME: 'x'.repeat(31), APP_TERMS_URL: 'http://contoso.com/terms' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PackageError);
    expect((error as PackageError).lines).toEqual([
      "MICROSOFT_APP_ID: expected the Azure Bot's Microsoft App ID (a GUID)",
      'BOT_NAME: expected at most 30 characters (Teams limit for name.short)',
      'APP_TERMS_URL: expected an https:// URL',
    ]);
  });
});

describe('Teams app icons', () => {
  const color = fs.readFileSync(path.join(manifestDir, 'color.png'));
  const outline = fs.readFileSync(path.join(manifestDir, 'outline.png'));

  it('color is 192x192 and outline is 32x32 white on transparent', () => {
    expect(checkIcon(color, 'color')).toEqual([]);
    expect(checkIcon(outline, 'outline')).toEqual([]);
    const c = PNG.sync.read(color);
    const o = PNG.sync.read(outline);
    expect([c.width, c.height, o.width, o.height]).toEqual([192, 192, 32, 32]);
    let visible = 0;
    for (let i = 0; i < o.data.length; i += 4) {
      if (o.data[i + 3] !== 0) {
        visible++;
        expect([o.data[i], o.data[i + 1], o.data[i + 2]]).toEqual([255, 255, 255]);
      }
    }
    expect(visible).toBeGreaterThan(100);
    expect(visible).toBeLessThan(32 * 32);
  });

  it('flags an outline icon with coloured pixels or the wrong size', () => {
    const png = new PNG({ width: 32, height: 32 });
    png.data.fill(0);
    png.data.set([15, 108, 189, 255], 0);
    expect(checkIcon(PNG.sync.write(png), 'outline')).toEqual([
      'icons.outline: 1 visible pixel(s) are not white; Teams wants white on transparent',
    ]);
    expect(checkIcon(outline, 'color')).toEqual(['icons.color: is 32x32, must be 192x192']);
  });

  it('are exactly what scripts/make-icons.mjs draws', async () => {
    const out = path.join(tmp, 'icons');
    await run(process.execPath, ['scripts/make-icons.mjs', out], { cwd: projectRoot });
    expect(fs.readFileSync(path.join(out, 'color.png')).equals(color)).toBe(true);
    expect(fs.readFileSync(path.join(out, 'outline.png')).equals(outline)).toBe(true);
  });
});

describe('npm run package', () => {
  it('writes appPackage.zip with the manifest filled from the environment, icons and both localization files', async () => {
    const out = path.join(tmp, 'ok');
    const r = await packageScript({ MicrosoftAppId: BOT_ID, BOT_NAME: 'Contoso Helpdesk', BOT_DOMAIN: 'bot.contoso.com' }, out);
    expect(r.code).toBe(0);
    const zipPath = path.join(out, 'appPackage.zip');
    expect(r.stdout.trim().split('\n').at(-1)).toBe(zipPath);
    expect(r.stderr).not.toContain('MICROSOFT_APP_ID');

    const entries = readZip(zipPath);
    expect([...entries.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png', 'zh-CN.json', 'zh-TW.json']);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
    expect(validateManifest(manifest)).toEqual([]);
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    expect(manifest.id).toBe(DEFAULT_TEAMS_APP_ID);
    expect(manifest.name.short).toBe('Contoso Helpdesk');
    expect(manifest.validDomains).toEqual(['bot.contoso.com']);
    expect(entries.get('color.png')!.equals(fs.readFileSync(path.join(manifestDir, 'color.png')))).toBe(true);
    for (const file of ['zh-TW.json', 'zh-CN.json']) {
      const localization = JSON.parse(entries.get(file)!.toString('utf8'));
      expect(validateLocalization(localization, 'v1.19')).toEqual([]);
      expect(localization['name.short']).toBe('Contoso Helpdesk');
      expect(localization['name.full']).toMatch(/^Contoso Helpdesk：/);
    }
  });

  it('without an app ID still writes the zip, with the placeholder bot ID and a warning', async () => {
    const out = path.join(tmp, 'placeholder');
    const r = await packageScript({}, out);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`warning: no MICROSOFT_APP_ID / MicrosoftAppId: bots[0].botId is the placeholder ${PLACEHOLDER_BOT_ID}`);
    const manifest = JSON.parse(readZip(path.join(out, 'appPackage.zip')).get('manifest.json')!.toString('utf8'));
    expect(manifest.bots[0].botId).toBe(PLACEHOLDER_BOT_ID);
  });

  it('in production mode (NODE_ENV=production or --production) refuses to package without a real bot ID', async () => {
    for (const [name, env, args] of [
      ['env', { NODE_ENV: 'production' }, []],
      ['flag', {}, ['--production']],
      ['zeros', { MICROSOFT_APP_ID: PLACEHOLDER_BOT_ID }, ['--production']],
    ] as const) {
      const out = path.join(tmp, `prod-${name}`);
      const r = await packageScript({ ...env }, out, [...args]);
      expect(r.code, name).toBe(1);
      expect(r.stderr.trim(), name).toMatch(/^MICROSOFT_APP_ID: required in production mode \(NODE_ENV=production or --production\)/);
      expect(fs.existsSync(path.join(out, 'appPackage.zip')), name).toBe(false);
    }
    const out = path.join(tmp, 'prod-ok');
    const r = await packageScript({ NODE_ENV: 'production', MicrosoftAppId: BOT_ID }, out, ['--production']);
    expect(r.code).toBe(0);
    expect(JSON.parse(readZip(path.join(out, 'appPackage.zip')).get('manifest.json')!.toString('utf8')).bots[0].botId).toBe(BOT_ID);
  });

  it('stops with a message naming the bad variable and writes nothing', async () => {
    const out = path.join(tmp, 'bad');
    const r = await packageScript({ MICROSOFT_APP_ID: BOT_ID, TEAMS_APP_ID: 'csp-support-desk' }, out);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('TEAMS_APP_ID: expected a GUID that identifies the Teams app');
    expect(fs.existsSync(path.join(out, 'appPackage.zip'))).toBe(false);
  });
});
