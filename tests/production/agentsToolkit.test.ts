import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { load } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';

// The Agents Toolkit (atk) cannot run here (it signs in to Microsoft 365 and Azure), so these tests check what would make
// `atk provision` fail before it reaches the cloud: action names and inputs, files it points at, variables nobody sets,
// secrets in committed files, and that the package step really is `npm run package` and accepts the committed values.

interface Step {
  uses: string;
  name?: string;
  with?: Record<string, any>;
  env?: Record<string, string>;
  writeToEnvironmentFile?: Record<string, string>;
}
interface Project {
  version: string;
  environmentFolderPath?: string;
  provision: Step[];
  deploy: Step[];
  publish?: Step[];
}
const project = (file: string) => load(readFileSync(file, 'utf8')) as Project;
const remote = project('m365agents.yml');
const local = project('m365agents.local.yml');
const envFile = (file: string) =>
  Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  ) as Record<string, string>;
const bicepOutputs = [...readFileSync('infra/main.bicep', 'utf8').matchAll(/^output (\w+) /gm)].map((m) => m[1]!);
const placeholders = (text: string) => [...text.matchAll(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)].map((m) => m[1]!);
const uses = (steps: Step[]) => steps.map((s) => s.uses);
const step = (steps: Step[], name: string) => steps.find((s) => s.uses === name)!;
// Set by the Toolkit itself (the environment name, and the subscription / resource group it asks for when empty).
const BUILT_IN = ['TEAMSFX_ENV', 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME'];

const tmp = mkdtempSync(join(tmpdir(), 'csp-atk-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('Agents Toolkit project (m365agents.yml)', () => {
  it('provision: Teams app, bot app registration, Azure resources from infra/, then validate, package and update the app', () => {
    expect(remote.version).toMatch(/^v1\.\d+$/);
    expect(remote.environmentFolderPath).toBe('./env');
    expect(uses(remote.provision)).toEqual([
      'teamsApp/create',
      'aadApp/create',
      'arm/deploy',
      'teamsApp/validateManifest',
      'cli/runNpmCommand',
      'teamsApp/validateAppPackage',
      'teamsApp/update',
    ]);
    const aad = step(remote.provision, 'aadApp/create');
    expect(aad.with).toMatchObject({ generateClientSecret: true, signInAudience: 'AzureADMyOrg' });
    expect(aad.writeToEnvironmentFile).toMatchObject({ clientId: 'BOT_ID', clientSecret: 'SECRET_BOT_PASSWORD' });
    const arm = step(remote.provision, 'arm/deploy').with!;
    for (const t of arm.templates) {
      expect(existsSync(t.path), t.path).toBe(true);
      expect(existsSync(t.parameters), t.parameters).toBe(true);
    }
    expect(step(remote.provision, 'teamsApp/validateManifest').with!.manifestPath).toBe('./manifest/manifest.template.json');
    expect(existsSync('manifest/manifest.template.json')).toBe(true);
  });

  it('the app package is built by `npm run package` (scripts/package.mjs) and the next steps read the zip it writes', () => {
    expect(JSON.parse(readFileSync('package.json', 'utf8')).scripts.package).toBe('node scripts/package.mjs');
    for (const p of [remote, local]) {
      const pkg = step(p.provision, 'cli/runNpmCommand');
      const out = /^run package -- --no-env-file --out (\S+)$/.exec(pkg.with!.args)?.[1];
      expect(out, pkg.with!.args).toBeDefined();
      for (const name of ['teamsApp/validateAppPackage', 'teamsApp/update']) expect(step(p.provision, name).with!.appPackagePath).toBe(`${out}/appPackage.zip`);
      expect(pkg.env!.MICROSOFT_APP_ID).toBe('${{BOT_ID}}');
      expect(pkg.env!.TEAMS_APP_ID).toBe('${{TEAMS_APP_ID}}');
    }
    expect(step(remote.provision, 'cli/runNpmCommand').env!.NODE_ENV).toBe('production');
  });

  it('deploy: zip deploy to the App Service the Bicep template outputs, leaving out what App Service builds itself', () => {
    const zip = step(remote.deploy, 'azureAppService/zipDeploy').with!;
    expect(zip.resourceId).toBe('${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}');
    expect(bicepOutputs).toContain('BOT_AZURE_APP_SERVICE_RESOURCE_ID');
    const ignore = readFileSync(zip.ignoreFile, 'utf8').split('\n');
    for (const p of ['node_modules/', '.env', 'env/', '.localConfigs']) expect(ignore).toContain(p);
  });

  it('local: a bot registration on the dev tunnel\'s /api/messages with the Teams channel, credentials to a git-ignored file', () => {
    const bot = step(local.provision, 'botFramework/create').with!;
    expect(bot.messagingEndpoint).toBe('${{BOT_ENDPOINT}}/api/messages');
    expect(bot.channels).toEqual([{ name: 'msteams' }]);
    const cfg = step(local.deploy, 'file/createOrUpdateEnvironmentFile').with!;
    expect(cfg.target).toBe('./.localConfigs');
    expect(cfg.envs).toMatchObject({ MicrosoftAppId: '${{BOT_ID}}', MicrosoftAppPassword: '${{SECRET_BOT_PASSWORD}}', HOST: '127.0.0.1' });
  });

  it('every ${{VARIABLE}} is set: in env/.env.<env>, by an earlier step, by a Bicep output, or as a SECRET_ in the .user file', () => {
    const manifestVars = placeholders(readFileSync('manifest/manifest.template.json', 'utf8'));
    const paramsVars = placeholders(readFileSync('infra/main.parameters.json', 'utf8'));
    for (const [file, p, env] of [
      ['m365agents.yml', remote, envFile('env/.env.dev')],
      ['m365agents.local.yml', local, envFile('env/.env.local')],
    ] as const) {
      const written = p.provision.flatMap((s) => Object.values(s.writeToEnvironmentFile ?? {}));
      const known = new Set([...Object.keys(env), ...written, ...BUILT_IN, ...(p === remote ? bicepOutputs : [])]);
      const used = [...placeholders(readFileSync(file, 'utf8')), ...(p === remote ? paramsVars : [])];
      for (const v of used) if (!v.startsWith('SECRET_')) expect(known.has(v), `${file}: \${{${v}}} is never set`).toBe(true);
      // The manifest placeholders reach the package script through the step's env block.
      const pkgEnv = step(p.provision, 'cli/runNpmCommand').env!;
      for (const v of manifestVars.filter((v) => v !== 'BOT_ID')) expect(Object.keys(pkgEnv), v).toContain(v);
    }
  });

  it('committed env files hold no secret, and git ignores the .user files and .localConfigs but not the templates', () => {
    for (const file of ['env/.env.dev', 'env/.env.local']) {
      const env = envFile(file);
      for (const [k, v] of Object.entries(env)) {
        if (/SECRET|PASSWORD|KEY|TOKEN/i.test(k)) expect(v, `${file}: ${k}`).toBe('');
        expect(v, `${file}: ${k}`).not.toMatch(/[A-Za-z0-9~._-]{30,}/);
      }
    }
    const ignored = (p: string) => {
      try {
        execFileSync('git', ['check-ignore', '-q', p]);
        return true;
      } catch {
        return false;
      }
    };
    expect(ignored('env/.env.dev.user')).toBe(true);
    expect(ignored('env/.env.local.user')).toBe(true);
    expect(ignored('.localConfigs')).toBe(true);
    for (const p of ['env/.env.dev', 'env/.env.local', 'm365agents.yml', 'm365agents.local.yml', 'infra/main.parameters.json']) expect(ignored(p), p).toBe(false);
  });

  it('the package script accepts the committed dev values with a provisioned bot ID (what `atk provision` runs)', async () => {
    const env = envFile('env/.env.dev');
    const pkgEnv = step(remote.provision, 'cli/runNpmCommand').env!;
    const provisioned: Record<string, string> = {
      ...env,
      BOT_ID: '3f2a9c4e-1b7d-4e8a-9c0f-5d6e7f8a9b0c',
      TEAMS_APP_ID: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
      BOT_DOMAIN: 'cspdesk-dev-app-abc123.azurewebsites.net',
    };
    const childEnv: Record<string, string> = { PATH: process.env.PATH ?? '' };
    for (const [k, v] of Object.entries(pkgEnv)) childEnv[k] = v.replace(/\$\{\{(\w+)\}\}/g, (_m, name) => provisioned[name] ?? '');
    const r = await promisify(execFile)(process.execPath, ['scripts/package.mjs', '--no-env-file', '--out', tmp], { env: childEnv });
    expect(r.stdout).toContain('bot 3f2a9c4e-1b7d-4e8a-9c0f-5d6e7f8a9b0c');
    expect(existsSync(join(tmp, 'appPackage.zip'))).toBe(true);
  });
});
