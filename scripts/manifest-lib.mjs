// Teams app package: fill manifest/manifest.template.json from the environment, validate it offline
// against Microsoft's schema bundled in @microsoft/app-manifest, check the icons, and zip it.
// Used by scripts/package.mjs (`npm run package`) and tests/manifest.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import pngjs from 'pngjs';
import yazl from 'yazl';

const require = createRequire(import.meta.url);
const Ajv04 = require('ajv-draft-04');
const addFormats = require('ajv-formats');

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const manifestDir = path.join(projectRoot, 'manifest');

/** Written into the zip when no bot registration exists yet; Teams rejects it on upload, which is the point. */
export const PLACEHOLDER_BOT_ID = '00000000-0000-0000-0000-000000000000';
/** Stable, so re-uploading a rebuilt package updates the same app in Teams instead of adding a second one. */
export const DEFAULT_TEAMS_APP_ID = '5b1c4d2e-8f3a-4c6b-9e7d-2a4f6c8e0b13';
export const DEFAULT_BOT_NAME = 'CSP Support Desk';
export const PLACEHOLDER_URL = 'https://www.example.com/csp-support-desk';

const schemaRoot = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');

const guid = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const blankToUndefined = (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = (schema) => z.preprocess(blankToUndefined, schema.optional());
const httpsUrl = optional(z.url({ protocol: /^https$/, error: 'expected an https:// URL' }));

const packageEnvSchema = z.object({
  MICROSOFT_APP_ID: optional(z.string().regex(guid, "expected the Azure Bot's Microsoft App ID (a GUID)")),
  MicrosoftAppId: optional(z.string().regex(guid, "expected the Azure Bot's Microsoft App ID (a GUID)")),
  TEAMS_APP_ID: optional(z.string().regex(guid, 'expected a GUID that identifies the Teams app')),
  BOT_NAME: optional(z.string().max(30, 'expected at most 30 characters (Teams limit for name.short)')),
  BOT_DOMAIN: optional(
    z.string().regex(/^(\*\.)?([a-z0-9-]+\.)+[a-z0-9-]+$/i, 'expected a host name without scheme or path, e.g. bot.contoso.com'),
  ),
  APP_VERSION: optional(z.string().regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/, 'expected a version like 1.2.3')),
  APP_DEVELOPER_NAME: optional(z.string().max(32, 'expected at most 32 characters (Teams limit for developer.name)')),
  PARTNER_COMPANY: optional(z.string()),
  APP_WEBSITE_URL: httpsUrl,
  APP_PRIVACY_URL: httpsUrl,
  APP_TERMS_URL: httpsUrl,
  // production (or `npm run package -- --production`) turns the placeholder bot ID from a warning into an error.
  NODE_ENV: optional(z.string()),
});

export class PackageError extends Error {
  /** @param {string[]} lines */
  constructor(lines) {
    super(lines.join('\n'));
    this.lines = lines;
  }
}

function packageVersion() {
  return JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).version;
}

/** Template values from the environment; one line per bad variable, like the bot's own config. */
export function parsePackageEnv(env) {
  const parsed = packageEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new PackageError([...new Set(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`))]);
  }
  const e = parsed.data;
  const errors = [];
  const warnings = [];
  if (e.MICROSOFT_APP_ID && e.MicrosoftAppId && e.MICROSOFT_APP_ID.toLowerCase() !== e.MicrosoftAppId.toLowerCase()) {
    errors.push('MICROSOFT_APP_ID: differs from MicrosoftAppId; set one, or both to the same bot app ID');
  }
  const developerName = e.APP_DEVELOPER_NAME ?? e.PARTNER_COMPANY ?? 'Contoso Cloud Partner (demo)';
  if (!e.APP_DEVELOPER_NAME && developerName.length > 32) {
    errors.push('PARTNER_COMPANY: longer than the 32 characters Teams allows for developer.name; set APP_DEVELOPER_NAME to a shorter name');
  }
  const botId = e.MICROSOFT_APP_ID ?? e.MicrosoftAppId;
  // A production package with the placeholder would install in Teams and then never reach the bot: refuse it outright.
  if (e.NODE_ENV === 'production' && (!botId || botId === PLACEHOLDER_BOT_ID)) {
    errors.push(
      'MICROSOFT_APP_ID: required in production mode (NODE_ENV=production or --production): set MICROSOFT_APP_ID or MicrosoftAppId ' +
        "to your Azure Bot's Microsoft App ID; a package with the placeholder bot ID would never reach the bot",
    );
  }
  if (errors.length) throw new PackageError(errors);
  if (!botId) {
    warnings.push(
      `no MICROSOFT_APP_ID / MicrosoftAppId: bots[0].botId is the placeholder ${PLACEHOLDER_BOT_ID}; ` +
        'rebuild with your Azure Bot registration before uploading the package to Teams',
    );
  }
  if (!e.APP_WEBSITE_URL || !e.APP_PRIVACY_URL || !e.APP_TERMS_URL) {
    warnings.push(`developer URLs default to ${PLACEHOLDER_URL}/...; set APP_WEBSITE_URL, APP_PRIVACY_URL and APP_TERMS_URL to your own pages`);
  }
  return {
    values: {
      BOT_ID: botId ?? PLACEHOLDER_BOT_ID,
      TEAMS_APP_ID: e.TEAMS_APP_ID ?? DEFAULT_TEAMS_APP_ID,
      BOT_NAME: e.BOT_NAME ?? DEFAULT_BOT_NAME,
      APP_VERSION: e.APP_VERSION ?? packageVersion(),
      APP_DEVELOPER_NAME: developerName,
      APP_WEBSITE_URL: e.APP_WEBSITE_URL ?? PLACEHOLDER_URL,
      APP_PRIVACY_URL: e.APP_PRIVACY_URL ?? `${PLACEHOLDER_URL}/privacy`,
      APP_TERMS_URL: e.APP_TERMS_URL ?? `${PLACEHOLDER_URL}/terms`,
    },
    botName: e.BOT_NAME,
    validDomains: e.BOT_DOMAIN ? [e.BOT_DOMAIN] : [],
    warnings,
  };
}

/** Replaces ${{NAME}} in every string of the template; an unknown name is an error, never left in the package. */
export function fillTemplate(template, values) {
  const missing = new Set();
  const walk = (node) => {
    if (typeof node === 'string') {
      return node.replace(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_, name) => {
        if (!(name in values)) missing.add(name);
        return values[name] ?? '';
      });
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    return node;
  };
  const filled = walk(template);
  if (missing.size) throw new PackageError([...missing].map((n) => `manifest template: no value for \${{${n}}}`));
  return filled;
}

/** "v1.19" from the manifest's $schema URL (with or without /en-us/), else from manifestVersion. */
export function schemaVersionOf(manifest) {
  const url = typeof manifest?.$schema === 'string' ? manifest.$schema : '';
  const hit = /json-schemas\/teams\/(v\d+(?:\.\d+)*)\//i.exec(url);
  if (hit?.[1]) return hit[1];
  return typeof manifest?.manifestVersion === 'string' ? `v${manifest.manifestVersion}` : undefined;
}

export function bundledSchemaVersions() {
  return fs
    .readdirSync(schemaRoot)
    .filter((d) => fs.existsSync(path.join(schemaRoot, d, 'MicrosoftTeams.schema.json')))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

const validators = new Map();
function validatorFor(version, file) {
  const key = `${version}/${file}`;
  if (!validators.has(key)) {
    const full = path.join(schemaRoot, version, file);
    if (!fs.existsSync(full)) return undefined;
    // Same clean-up as @microsoft/app-manifest: some schemas contain \a and \v escapes that JSON.parse rejects.
    const raw = fs.readFileSync(full, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
    // The Localization schema has patterns such as `\[\b(...)\b]\.description` with a lone `]`, which is
    // literal in the regex dialects Microsoft uses but a syntax error under the `u` flag ajv adds by default.
    const unicodeRegExp = !file.includes('Localization');
    const ajv = new Ajv04({ allErrors: true, strictTypes: false, strict: false, unicodeRegExp });
    addFormats(ajv, ['uri', 'email', 'regex']);
    validators.set(key, ajv.compile(JSON.parse(raw)));
  }
  return validators.get(key);
}

/** "/bots/0/commandLists/1/commands/0/title" -> "bots[0].commandLists[1].commands[0].title", the notation of localization keys. */
function fieldName(instancePath) {
  if (!instancePath) return '(root)';
  return instancePath
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

function formatAjvError(e) {
  const params = e.params ?? {};
  if (params.additionalProperty) return `${fieldName(e.instancePath)}: unknown property "${params.additionalProperty}"`;
  if (params.missingProperty) {
    const parent = fieldName(e.instancePath);
    return `${parent === '(root)' ? '' : `${parent}.`}${params.missingProperty}: required`;
  }
  let msg = `${fieldName(e.instancePath)}: ${e.message ?? 'invalid'}`;
  if (params.allowedValues) msg += ` ${JSON.stringify(params.allowedValues)}`;
  return msg;
}

function runSchema(version, file, data) {
  const validate = validatorFor(version, file);
  if (!validate) return [`no bundled ${file} for ${version} in @microsoft/app-manifest (bundled: ${bundledSchemaVersions().join(', ')})`];
  if (validate(JSON.parse(JSON.stringify(data)))) return [];
  return [...new Set(validate.errors.map(formatAjvError))];
}

/** Schema errors for a filled manifest, one line each naming the field; [] when valid. */
export function validateManifest(manifest) {
  const version = schemaVersionOf(manifest);
  if (!version) return ['$schema: expected a Teams schema URL (…/json-schemas/teams/vX.Y/MicrosoftTeams.schema.json)'];
  const errors = [];
  if (typeof manifest.manifestVersion === 'string' && `v${manifest.manifestVersion}` !== version) {
    errors.push(`manifestVersion: ${manifest.manifestVersion} does not match the $schema version ${version}`);
  }
  return [...errors, ...runSchema(version, 'MicrosoftTeams.schema.json', manifest)];
}

/** Schema errors for a localization file (zh-TW.json, zh-CN.json) against the same version's Localization schema. */
export function validateLocalization(localization, version) {
  return runSchema(version, 'MicrosoftTeams.Localization.schema.json', localization);
}

const ICON_SIZES = { color: 192, outline: 32 };

/** Teams: color 192x192; outline 32x32, white on a transparent background (anti-aliased edges stay white). */
export function checkIcon(png, kind) {
  let image;
  try {
    image = pngjs.PNG.sync.read(png);
  } catch (err) {
    return [`icons.${kind}: not a readable PNG (${err.message})`];
  }
  const size = ICON_SIZES[kind];
  const errors = [];
  if (image.width !== size || image.height !== size) errors.push(`icons.${kind}: is ${image.width}x${image.height}, must be ${size}x${size}`);
  if (kind === 'outline') {
    let notWhite = 0;
    let transparent = 0;
    for (let i = 0; i < image.data.length; i += 4) {
      const alpha = image.data[i + 3];
      if (alpha === 0) transparent++;
      else if (image.data[i] !== 255 || image.data[i + 1] !== 255 || image.data[i + 2] !== 255) notWhite++;
    }
    if (notWhite) errors.push(`icons.outline: ${notWhite} visible pixel(s) are not white; Teams wants white on transparent`);
    if (!transparent) errors.push('icons.outline: no transparent pixels; Teams wants white on transparent');
  }
  return errors;
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
}

/**
 * Everything that goes into the zip, validated. The localized names follow BOT_NAME when it is set,
 * so a partner's own bot name shows in every language.
 */
export function buildPackageFiles(env, dir = manifestDir) {
  const { values, botName, validDomains, warnings } = parsePackageEnv(env);
  const manifest = fillTemplate(readJson(path.join(dir, 'manifest.template.json')), values);
  manifest.validDomains = validDomains;
  const errors = validateManifest(manifest);
  const version = schemaVersionOf(manifest) ?? '';
  const files = new Map();
  for (const kind of ['color', 'outline']) {
    const rel = manifest.icons?.[kind];
    if (typeof rel !== 'string') continue;
    const file = path.join(dir, rel);
    if (!fs.existsSync(file)) {
      errors.push(`icons.${kind}: ${rel} not found in ${dir}`);
      continue;
    }
    const png = fs.readFileSync(file);
    errors.push(...checkIcon(png, kind));
    files.set(rel, png);
  }
  for (const { file: rel } of manifest.localizationInfo?.additionalLanguages ?? []) {
    const file = path.join(dir, rel);
    if (!fs.existsSync(file)) {
      errors.push(`localizationInfo: ${rel} not found in ${dir}`);
      continue;
    }
    const localization = readJson(file);
    if (botName) {
      const defaultShort = localization['name.short'];
      localization['name.short'] = botName;
      if (typeof localization['name.full'] === 'string' && defaultShort) {
        localization['name.full'] = localization['name.full'].split(defaultShort).join(botName);
      }
    }
    errors.push(...validateLocalization(localization, version).map((e) => `${rel}: ${e}`));
    files.set(rel, Buffer.from(JSON.stringify(localization, null, 2) + '\n'));
  }
  if (errors.length) throw new PackageError(errors);
  return { manifest, files: new Map([['manifest.json', Buffer.from(JSON.stringify(manifest, null, 2) + '\n')], ...files]), warnings };
}

/** Writes <outDir>/appPackage.zip (manifest.json, icons, localization files at the zip root, as Teams expects). */
export async function writeAppPackage({ env, outDir = path.join(projectRoot, 'build'), dir = manifestDir }) {
  const { manifest, files, warnings } = buildPackageFiles(env, dir);
  fs.mkdirSync(outDir, { recursive: true });
  const zipPath = path.join(outDir, 'appPackage.zip');
  const zip = new yazl.ZipFile();
  // A fixed timestamp keeps the zip byte-identical for identical input.
  const mtime = new Date('2020-01-01T00:00:00Z');
  for (const [name, data] of files) zip.addBuffer(data, name, { mtime });
  zip.end();
  await new Promise((resolve, reject) => {
    const out = fs.createWriteStream(zipPath);
    out.on('close', resolve);
    out.on('error', reject);
    zip.outputStream.on('error', reject).pipe(out);
  });
  return { zipPath, manifest, entries: [...files.keys()], warnings };
}
