import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The Bicep compiler cannot be installed on these machines (a .NET binary from GitHub, no npm package), so this reads
// infra/main.bicep's structure: what a compile would not catch anyway (the kinds of resources, secrets handling) and the
// syntax slips a compile would (unbalanced brackets, a parameter file naming a parameter that does not exist).

const bicep = readFileSync('infra/main.bicep', 'utf8');
const parameters = JSON.parse(readFileSync('infra/main.parameters.json', 'utf8')).parameters as Record<string, { value: unknown }>;

/** The text with comments removed and string contents blanked (interpolations kept), so brackets and keywords can be read. */
function code(src: string): string {
  let out = '';
  let i = 0;
  const stack: string[] = []; // "'" inside a string, '{' inside an interpolation
  while (i < src.length) {
    const c = src[i]!;
    const inString = stack.at(-1) === "'";
    if (inString) {
      if (c === '\\') i += 2;
      else if (c === "'") (stack.pop(), (out += "'"), i++);
      else if (c === '$' && src[i + 1] === '{') (stack.push('{'), (out += '${'), (i += 2));
      else i++;
      continue;
    }
    if (src.startsWith("'''", i)) {
      const end = src.indexOf("'''", i + 3);
      out += "''";
      i = end + 3;
    } else if (src.startsWith('//', i)) {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (src.startsWith('/*', i)) {
      i = src.indexOf('*/', i) + 2;
    } else if (c === "'") (stack.push("'"), (out += "'"), i++);
    else if (c === '}' && stack.at(-1) === '{') (stack.pop(), (out += '}'), i++);
    else if (c === '{' && stack.length) (stack.push('{'), (out += c), i++);
    else (out += c), i++;
  }
  return out;
}

interface Param {
  name: string;
  type: string;
  decorators: string;
  defaultValue?: string;
}
function params(src: string): Param[] {
  // A parameter's decorators are the non-blank lines right above it (they may span lines: @allowed([...]), '''...''').
  const lines = src.split('\n');
  const out: Param[] = [];
  lines.forEach((line, i) => {
    const m = /^param (\w+) (\w+)(?: = (.+))?$/.exec(line);
    if (!m) return;
    let j = i;
    while (j > 0 && lines[j - 1]!.trim() !== '' && !/^(param|var|resource|output|targetScope) /.test(lines[j - 1]!)) j--;
    out.push({ name: m[1]!, type: m[2]!, decorators: lines.slice(j, i).join('\n'), defaultValue: m[3]?.trim() });
  });
  return out;
}
function resources(src: string): { symbol: string; type: string; apiVersion: string; body: string }[] {
  const re = /^resource (\w+) '([\w.]+\/[\w./]+)@([\w-]+)'(?: existing)? = (?:if \([^)]*\) )?\{/gm;
  return [...src.matchAll(re)].map((m) => {
    let depth = 0;
    let j = m.index! + m[0].length - 1;
    for (; j < src.length; j++) {
      if (src[j] === '{') depth++;
      else if (src[j] === '}' && --depth === 0) break;
    }
    return { symbol: m[1]!, type: m[2]!, apiVersion: m[3]!, body: src.slice(m.index!, j + 1) };
  });
}

const stripped = code(bicep);
const all = resources(bicep);
const ofType = (type: string) => all.filter((r) => r.type === type);
const one = (type: string) => {
  const found = ofType(type);
  expect(found, type).toHaveLength(1);
  return found[0]!;
};
const declared = params(bicep);
const secure = declared.filter((p) => /@secure\(\)/.test(p.decorators));

describe('infra/main.bicep', () => {
  it('is balanced: every bracket opened outside strings and comments is closed, in order', () => {
    const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
    const stack: string[] = [];
    for (const ch of stripped) {
      if ('([{'.includes(ch)) stack.push(ch);
      else if (ch in pairs) expect(stack.pop(), `unmatched ${ch}`).toBe(pairs[ch]);
    }
    expect(stack).toEqual([]);
    expect(stripped.split("'").length % 2, 'unterminated string').toBe(1);
  });

  it('declares the resources a production bot needs, each with a dated API version', () => {
    for (const r of all) expect(r.apiVersion, r.type).toMatch(/^\d{4}-\d{2}-\d{2}(-preview)?$/);
    const types = new Set(all.map((r) => r.type));
    for (const t of [
      'Microsoft.BotService/botServices',
      'Microsoft.BotService/botServices/channels',
      'Microsoft.Web/serverfarms',
      'Microsoft.Web/sites',
      'Microsoft.DBforPostgreSQL/flexibleServers',
      'Microsoft.DBforPostgreSQL/flexibleServers/configurations',
      'Microsoft.DBforPostgreSQL/flexibleServers/databases',
      'Microsoft.KeyVault/vaults',
      'Microsoft.KeyVault/vaults/secrets',
      'Microsoft.ManagedIdentity/userAssignedIdentities',
      'Microsoft.Authorization/roleAssignments',
      'Microsoft.Insights/components',
    ])
      expect(types.has(t), t).toBe(true);
    // Nothing production depends on sits on a preview API.
    for (const r of all) expect(r.apiVersion, r.type).not.toMatch(/preview/);
  });

  it('Azure Bot: Teams channel on, endpoint is the web app\'s /api/messages, single-tenant or managed identity only', () => {
    expect(one('Microsoft.BotService/botServices/channels').body).toMatch(/channelName: 'MsTeamsChannel'[\s\S]*isEnabled: true/);
    const bot = one('Microsoft.BotService/botServices').body;
    expect(bot).toMatch(/endpoint: 'https:\/\/\$\{webApp\.properties\.defaultHostName\}\/api\/messages'/);
    expect(bot).toMatch(/msaAppType: botAppType/);
    expect(bot).toMatch(/msaAppMSIResourceId: useMsi \? identity\.id/);
    const appType = declared.find((p) => p.name === 'botAppType')!;
    expect(appType.decorators).toMatch(/'SingleTenant'/);
    expect(appType.decorators).toMatch(/'UserAssignedMSI'/);
    expect(appType.decorators).not.toMatch(/'MultiTenant'/);
    expect(declared.map((p) => p.name)).toContain('location');
  });

  it('App Service: Linux, at least two instances, health check on /readyz, HTTPS only, the managed identity reads Key Vault', () => {
    const plan = one('Microsoft.Web/serverfarms').body;
    expect(plan).toMatch(/reserved: true/);
    expect(plan).toMatch(/capacity: instanceCount/);
    expect(declared.find((p) => p.name === 'instanceCount')!.decorators).toMatch(/@minValue\(2\)/);
    const site = one('Microsoft.Web/sites').body;
    expect(site).toMatch(/healthCheckPath: '\/readyz'/);
    expect(site).toMatch(/httpsOnly: true/);
    expect(site).toMatch(/keyVaultReferenceIdentity: identity\.id/);
    expect(site).toMatch(/type: 'UserAssigned'/);
    const role = one('Microsoft.Authorization/roleAssignments').body;
    expect(role).toMatch(/scope: vault/);
    expect(role).toMatch(/principalId: identity\.properties\.principalId/);
    expect(bicep).toMatch(/keyVaultSecretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6'/);
  });

  it('PostgreSQL requires TLS, and the bot connects with sslmode=verify-full through a Key Vault reference', () => {
    const tls = ofType('Microsoft.DBforPostgreSQL/flexibleServers/configurations').find((r) => /name: 'require_secure_transport'/.test(r.body));
    expect(tls?.body).toMatch(/value: 'ON'/);
    const secret = ofType('Microsoft.KeyVault/vaults/secrets').find((r) => /name: 'database-url'/.test(r.body))!;
    expect(secret.body).toMatch(/sslmode=verify-full/);
    expect(bicep).toMatch(/\{ name: 'DATABASE_URL', value: databaseUrlRef \}/);
    expect(bicep).toMatch(/databaseUrlRef = '@Microsoft\.KeyVault\(VaultName=\$\{vault\.name\};SecretName=/);
  });

  it('secrets: @secure() parameters with no default (or an empty one), used only by the database and Key Vault', () => {
    for (const p of declared.filter((p) => /password|secret|key$|connectionString/i.test(p.name))) {
      expect(secure.map((s) => s.name), `${p.name} must be @secure()`).toContain(p.name);
    }
    expect(secure.map((p) => p.name).sort()).toEqual(['botAppPassword', 'postgresAdminPassword']);
    for (const p of secure) expect([undefined, "''"], `${p.name} default`).toContain(p.defaultValue);
    expect(secure.find((p) => p.name === 'postgresAdminPassword')!.defaultValue).toBeUndefined();
    const readers = all.filter((r) => secure.some((p) => new RegExp(`\\b${p.name}\\b`).test(r.body))).map((r) => r.type);
    expect(new Set(readers)).toEqual(new Set(['Microsoft.DBforPostgreSQL/flexibleServers', 'Microsoft.KeyVault/vaults/secrets']));
    // Nowhere else: not in a variable (app settings), an output or another resource.
    let rest = bicep;
    for (const r of all.filter((r) => readers.includes(r.type))) rest = rest.replace(r.body, '');
    rest = code(rest).replace(/^param \w+ .*$/gm, '');
    for (const p of secure) expect(rest, `${p.name} used outside PostgreSQL/Key Vault`).not.toMatch(new RegExp(`\\b${p.name}\\b`));
  });

  it('no literal secret anywhere: no password, key or connection string typed into the template or its parameter file', () => {
    const literal = /(AccountKey=|InstrumentationKey=|Password=|pwd=|sig=|-----BEGIN|postgres:\/\/\w+:[^$@']+@)/i;
    expect(bicep).not.toMatch(literal);
    for (const [name, { value }] of Object.entries(parameters)) {
      if (secure.some((p) => p.name === name)) expect(value, name).toMatch(/^\$\{\{SECRET_[A-Z_]+\}\}$/);
    }
  });

  it('outputs what the Agents Toolkit and the README use', () => {
    const outputs = [...bicep.matchAll(/^output (\w+) string = /gm)].map((m) => m[1]);
    for (const o of ['BOT_AZURE_APP_SERVICE_RESOURCE_ID', 'BOT_DOMAIN', 'BOT_ID', 'BOT_MESSAGING_ENDPOINT', 'KEY_VAULT_NAME']) expect(outputs).toContain(o);
  });

  it('main.parameters.json names only declared parameters and supplies every parameter without a default', () => {
    const names = declared.map((p) => p.name);
    for (const name of Object.keys(parameters)) expect(names, name).toContain(name);
    for (const p of declared.filter((p) => p.defaultValue === undefined)) expect(Object.keys(parameters), p.name).toContain(p.name);
  });
});
