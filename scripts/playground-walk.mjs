#!/usr/bin/env node
// Walk the bot in Microsoft 365 Agents Playground as a helpdesk agent would, in headless Chromium, and take
// screenshots (tests/playground/README.md). Not part of `npm test`: it needs Chromium and playwright-core, which is
// NOT a project dependency; it is loaded from the shared tools folder (PLAYGROUND_TOOLS, default /work/shared/tools).
//
//   npm run build && node scripts/playground-walk.mjs tests/playground/walk-*.json [--shots out/playground]
//        [--attach] [--sqlite ./data/support-desk.db] [--timeout 10000] [--keep]
//
// By default it starts its own bot (dist/bundle/index.mjs, what npm start runs; no app ID, a fresh SQLite file, REMINDER_POLL_MS=1000) and its
// own Playground (this project's .m365agentsplayground.yml), both on 127.0.0.1, runs the scenario files in order in one
// browser page, and stops both by PID. --attach uses what `npm run dev` started instead (then --sqlite names its
// store for `teamSettings` steps).
//
// Steps are those of the shared driver (/work/shared/tools/playground/playground-e2e.mjs: chat, send (+mention),
// expectText, expectCard, fill, click, expectLog, http, customActivity, screenshot, wait) plus what our cards need:
//   {"choose": "label or placeholder", "option": "Contoso Ltd"}   pick from a compact choice set in the last card
//   {"check": "label text"}                                        tick a radio button or checkbox in the last card
//   {"screenshot": "name", "card": true}                           the window made tall enough to show the whole last card
//   {"dump": true}                                                 print the inputs and buttons of the last card
//   {"teamSettings": {...}, "teamId": "19:…"}                      merge into the team's stored settings, checked by
//                                                                  the bot's own schema (what a settings card saves)
// "click", "fill", "choose", "check" act in the last card, or in the last card containing "in": "text" when given.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const LOOPBACK = '127.0.0.1';

function parseArgs(argv) {
  const o = { scenarios: [], shots: path.join(root, 'out', 'playground'), attach: false, sqlite: null, timeout: 10_000, keep: false, botPort: 3978, port: 56150 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i];
    if (a === '--shots') o.shots = path.resolve(v());
    else if (a === '--attach') o.attach = true;
    else if (a === '--sqlite') o.sqlite = path.resolve(v());
    else if (a === '--timeout') o.timeout = Number(v());
    else if (a === '--keep') o.keep = true;
    else if (a === '--bot-port') o.botPort = Number(v());
    else if (a === '--port') o.port = Number(v());
    else if (a === '-h' || a === '--help') {
      console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('//')).join('\n'));
      process.exit(0);
    } else if (a.startsWith('--')) throw new Error(`unknown argument ${a}`);
    else o.scenarios.push(path.resolve(a));
  }
  if (!o.scenarios.length) throw new Error('give one or more scenario files (tests/playground/walk-*.json)');
  return o;
}

function loadPlaywright() {
  const tools = process.env.PLAYGROUND_TOOLS || '/work/shared/tools';
  try {
    return createRequire(path.join(tools, 'package.json'))('playwright-core');
  } catch {
    throw new Error(`playwright-core not found under ${tools}/node_modules: run "npm ci" there, or set PLAYGROUND_TOOLS`);
  }
}

function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const dir of (process.env.PATH ?? '').split(':')) {
    for (const name of ['chromium', 'chromium-browser']) if (fs.existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  throw new Error('no Chromium on PATH: apt-get install -y chromium, or set CHROMIUM_PATH');
}

/** Starts a child in its own process group and resolves when `ready()` says so; the child's output goes to `logFile`. */
function startChild(name, args, env, logFile) {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, args, { cwd: root, env, detached: true, stdio: ['ignore', out, out] });
  child.on('exit', (code, signal) => { child.exitedWith = signal ?? code; });
  console.log(`started ${name} pid ${child.pid} (log ${path.relative(root, logFile)})`);
  return child;
}

async function waitFor(what, check, timeoutMs, child) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child && child.exitedWith !== undefined) throw new Error(`${what}: the process exited (${child.exitedWith})`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what}: not ready within ${timeoutMs} ms`);
}

async function startStack(o, work) {
  const botEntry = path.join(root, 'dist', 'bundle', 'index.mjs');
  if (!fs.existsSync(botEntry)) throw new Error('dist/bundle/index.mjs not found: run "npm run build" first');
  for (const [what, url] of [['bot', `http://${LOOPBACK}:${o.botPort}/healthz`], ['Playground', `http://${LOOPBACK}:${o.port}/`]]) {
    if (await fetch(url, { signal: AbortSignal.timeout(1000) }).then(() => true, () => false)) throw new Error(`something already answers ${url} (${what}); stop it or use --attach`);
  }
  o.sqlite = path.join(work, 'walk.db');
  const botEndpoint = `http://${LOOPBACK}:${o.botPort}/api/messages`;
  const bot = startChild('bot', [botEntry], {
    ...process.env, PORT: String(o.botPort), HOST: LOOPBACK, MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: '',
    SQLITE_PATH: o.sqlite, REMINDERS_ENABLED: 'true', REMINDER_POLL_MS: process.env.REMINDER_POLL_MS || '1000', HEALTH_MODE: 'demo', LOG_FORMAT: 'json',
  }, path.join(o.shots, 'bot.log'));
  await waitFor('bot', async () => (await fetch(`http://${LOOPBACK}:${o.botPort}/healthz`, { signal: AbortSignal.timeout(1000) })).ok, 60_000, bot);
  const playground = startChild('Playground', ['-r', path.join(root, 'scripts', 'force-loopback.cjs'), require.resolve('@microsoft/m365agentsplayground/cli.js'),
    '--disable-telemetry', '-p', String(o.port), '-e', botEndpoint, '-c', 'msteams'], {
    ...process.env, BOT_ENDPOINT: botEndpoint, TEAMSAPPTESTER_BROWSER: 'none', TEAMSAPPTESTER_PORT: String(o.port),
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: path.join(root, '.m365agentsplayground.yml'), M365_AGENTS_PLAYGROUND_LOGFILE: path.join(o.shots, 'playground.log'),
  }, path.join(o.shots, 'playground.out'));
  await waitFor('Playground', async () => (await fetch(`http://${LOOPBACK}:${o.port}/`, { signal: AbortSignal.timeout(1000) })).ok, 30_000, playground);
  // It answers before it reads the config file, and exits if that file is invalid.
  await new Promise((r) => setTimeout(r, 1500));
  if (playground.exitedWith !== undefined) throw new Error(`the Playground exited (${playground.exitedWith}); see ${path.join(o.shots, 'playground.log')}`);
  return [playground, bot];
}

function merge(a, b) {
  if (b && typeof b === 'object' && !Array.isArray(b) && a && typeof a === 'object' && !Array.isArray(a)) {
    const r = { ...a };
    for (const [k, v] of Object.entries(b)) r[k] = merge(a[k], v);
    return r;
  }
  return b === undefined ? a : b;
}

/** Through the bot's own store and schema, with the same version check the bot uses, so a bad policy fails here. */
async function saveTeamSettings(o, teamId, change) {
  if (!o.sqlite) throw new Error('teamSettings needs the bot\'s SQLite file: --sqlite PATH with --attach');
  const { openStore } = await import(pathToFileURL(path.join(root, 'dist', 'src', 'store', 'index.js')).href);
  const { teamSettingsSchema } = await import(pathToFileURL(path.join(root, 'dist', 'src', 'settings', 'teamSettings.js')).href);
  const store = await openStore({ sqlitePath: o.sqlite });
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      const stored = await store.teamSettings.get(teamId);
      const next = teamSettingsSchema.parse(merge(stored?.data ?? {}, change));
      const ok = await store.teamSettings.save({ teamId, tenantId: stored?.tenantId ?? change.tenantId ?? '', data: next, updatedAt: new Date().toISOString(), updatedBy: 'playground-walk' }, stored?.version ?? 0);
      if (ok) return next;
    }
    throw new Error('team settings changed concurrently');
  } finally {
    await store.close();
  }
}

async function runSteps(page, o, file, counters) {
  const steps = JSON.parse(fs.readFileSync(file, 'utf8'));
  const name = path.basename(file, '.json');
  console.log(`-- ${name}`);
  // Top-level cards only: an Action.ShowCard renders a hidden card inside its parent.
  const cards = () => page.locator('.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)');
  const cardWith = (text) => (text ? cards().filter({ hasText: text }).last() : cards().last());
  const composer = () => page.locator('[contenteditable="true"]').first();
  for (const [n, step] of steps.entries()) {
    const timeout = step.timeout ?? o.timeout;
    const label = JSON.stringify(step).slice(0, 110);
    const t0 = Date.now();
    try {
      const card = cardWith(step.in);
      if (step.chat) {
        await page.getByRole('treeitem', { name: step.chat }).click({ timeout });
        await page.waitForTimeout(800);
      } else if (step.send !== undefined) {
        await composer().click({ timeout });
        if (step.mention) {
          const botName = step.botName ?? 'CSP Support Desk';
          await page.keyboard.type(`@${botName.split(' ')[0]}`);
          await page.getByRole('menuitem', { name: botName }).click({ timeout });
          await page.keyboard.type(' ');
        }
        await page.keyboard.type(step.send);
        const post = page.getByRole('button', { name: 'Post', exact: true });
        if (await post.isVisible().catch(() => false)) await post.click({ timeout });
        else await page.keyboard.press('Enter');
      } else if (step.expectText) {
        await page.getByText(step.expectText, { exact: false }).last().waitFor({ timeout });
      } else if (step.expectCard) {
        await card.waitFor({ timeout });
      } else if (step.fill) {
        let input = card.getByPlaceholder(step.fill);
        if (!(await input.count())) input = card.getByLabel(step.fill);
        await input.first().fill(String(step.value ?? ''), { timeout });
      } else if (step.choose) {
        let input = card.getByPlaceholder(step.choose);
        if (!(await input.count())) input = card.getByLabel(step.choose);
        await input.first().click({ timeout });
        await page.getByRole('option', { name: step.option }).first().click({ timeout });
      } else if (step.check) {
        // Playwright's check() times out on some Adaptive Card checkboxes whose label covers the input; a click on the
        // input (forced) ticks it the same way a person's click on the label does.
        const exact = Boolean(step.exact);
        let box = card.getByRole('checkbox', { name: step.check, exact });
        if (!(await box.count())) box = card.getByRole('radio', { name: step.check, exact });
        if (!(await box.count())) box = card.getByLabel(step.check, { exact });
        box = box.first();
        if (!(await box.isChecked({ timeout }))) await box.click({ timeout, force: true });
        if (!(await box.isChecked())) throw new Error(`"${step.check}" is still not ticked`);
      } else if (step.click) {
        await card.getByRole('button', { name: step.click }).first().click({ timeout });
      } else if (step.expectLog) {
        await page.waitForFunction((s) => document.body.innerText.includes(s), step.expectLog, { timeout });
      } else if (step.http) {
        const [method, url] = step.http.split(/\s+/, 2);
        const r = await fetch(url, { method, signal: AbortSignal.timeout(timeout), headers: step.body ? { 'content-type': 'application/json' } : undefined, body: step.body ? JSON.stringify(step.body) : undefined });
        const text = await r.text();
        if (!r.ok) throw new Error(`HTTP ${r.status}: ${text.slice(0, 200)}`);
        step.note = `${step.note ?? ''} HTTP ${r.status} ${text.slice(0, 160)}`.trim();
      } else if (step.customActivity) {
        const convId = step.conversationId ?? step.customActivity?.conversation?.id;
        if (!convId) throw new Error('customActivity needs conversationId');
        const base = `http://${LOOPBACK}:${o.port}`;
        const tpl = await (await fetch(`${base}/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(convId)}`)).json();
        const r = await fetch(`${base}/_internal/v1/customActivities`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(merge(tpl, step.customActivity)) });
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
      } else if (step.teamSettings) {
        if (!step.teamId) throw new Error('teamSettings needs teamId');
        const saved = await saveTeamSettings(o, step.teamId, step.teamSettings);
        step.note = `${step.note ?? ''} saved ${JSON.stringify({ slaPolicy: saved.slaPolicy, reminderPolicy: saved.reminderPolicy, escalationChannelId: saved.escalationChannelId })}`.trim();
      } else if (step.screenshot) {
        counters.shot += 1;
        const shot = path.join(o.shots, `${name}-${String(counters.shot).padStart(2, '0')}-${step.screenshot}.png`);
        if (step.card) {
          // An element shot of a card inside the chat's scroll pane comes out clipped: grow the window to fit it.
          const box = await card.boundingBox({ timeout });
          await page.setViewportSize({ width: 1400, height: Math.max(900, Math.ceil((box?.height ?? 0) + 320)) });
          await card.scrollIntoViewIfNeeded({ timeout });
          await page.waitForTimeout(300);
          await page.screenshot({ path: shot });
          await page.setViewportSize({ width: 1400, height: 900 });
        } else await page.screenshot({ path: shot });
        step.note = `${step.note ? `${step.note} ` : ''}${path.relative(root, shot)}`;
      } else if (step.dump) {
        step.note = await card.evaluate((el) => [...el.querySelectorAll('input,textarea,button')].map((n) => `${n.tagName}/${n.type} [${n.getAttribute('aria-label') ?? n.innerText}]`).join('; '));
      } else if (step.wait) {
        await page.waitForTimeout(step.wait);
      } else throw new Error('unknown step');
      counters.passed++;
      console.log(`ok   ${String(n + 1).padStart(2)} ${label} (${Date.now() - t0} ms)${step.note ? ` ${step.note}` : ''}`);
    } catch (e) {
      counters.failed++;
      const shot = path.join(o.shots, `${name}-fail-${String(n + 1).padStart(2, '0')}.png`);
      await page.screenshot({ path: shot }).catch(() => {});
      console.log(`FAIL ${String(n + 1).padStart(2)} ${label}: ${String(e.message).split('\n')[0]} (screenshot ${path.relative(root, shot)})`);
      if (step.stopOnFail !== false) return false;
    }
  }
  return true;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  fs.mkdirSync(o.shots, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'playground-walk-'));
  let children = [];
  const counters = { passed: 0, failed: 0, shot: 0 };
  let browser;
  try {
    if (!o.attach) children = await startStack(o, work);
    else o.sqlite ??= path.join(root, 'data', 'support-desk.db');
    const { chromium } = loadPlaywright();
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`http://${LOOPBACK}:${o.port}`, { waitUntil: 'domcontentloaded' });
    await page.locator('[contenteditable="true"]').first().waitFor({ timeout: 20_000 });
    for (const file of o.scenarios) {
      // A walk stops at its first failure (later steps would only fail after it); the next walk still runs.
      await runSteps(page, o, file, counters);
    }
  } finally {
    await browser?.close().catch(() => {});
    if (o.keep && children.length) console.log(`left running: ${children.map((c) => c.pid).join(', ')}`);
    else for (const child of children) if (child.exitedWith === undefined) { try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ } }
    if (!o.keep) fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(`${counters.passed} passed, ${counters.failed} failed`);
  process.exitCode = counters.failed ? 1 : 0;
}

main().catch((e) => {
  console.error(e.message);
  process.exitCode = 2;
});
