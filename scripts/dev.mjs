#!/usr/bin/env node
// npm run dev: the bot plus Microsoft 365 Agents Playground, both on 127.0.0.1, to chat with the bot in a
// browser without an Azure account. The Playground sends no token, so the bot runs here without an app ID.
//   PORT (bot, default 3978), PLAYGROUND_PORT (default 56150); .env is read if present.
//   --locale zh-TW (or zh-CN, en-US) makes the Playground's activities carry that locale, --timezone Asia/Taipei that
//   Teams time zone (the Playground itself always sends en-US; see scripts/locale-proxy.mjs).
// Ctrl+C (SIGINT) or SIGTERM stops both; if either one dies, the other is stopped too.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import { parseDevArgs, startLocaleProxy } from './locale-proxy.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
dotenv.config({ path: path.join(root, '.env') });

const LOOPBACK = '127.0.0.1';
const botPort = Number(process.env.PORT || 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT || 56150);
// What npm start runs (scripts/bundle.mjs), so the Playground exercises the production build.
const botEntry = path.join(root, 'dist', 'bundle', 'index.mjs');
const botEndpoint = `http://${LOOPBACK}:${botPort}/api/messages`;
const playgroundUrl = `http://${LOOPBACK}:${playgroundPort}`;
const playgroundLog = path.join(root, 'devTools', 'm365agentsplayground.log');
const say = (line) => console.log(`[dev] ${line}`);

/** @type {Map<string, import('node:child_process').ChildProcess>} */
const children = new Map();
let stopping = false;
let exitCode = 0;

function stopAll(signal) {
  for (const child of children.values()) if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  // A child that ignores the signal must not keep the terminal hostage.
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
  }, 10_000).unref();
}

function finish(code) {
  if (stopping) return;
  stopping = true;
  exitCode = code;
  stopAll('SIGTERM');
  if (children.size === 0) process.exit(exitCode);
}

function start(name, args, env, pipeOutput) {
  // Own process group: a terminal Ctrl+C reaches the children once, through the forwarding below, not twice.
  const child = spawn(process.execPath, args, { cwd: root, env, detached: true, stdio: ['ignore', pipeOutput ? 'pipe' : 'inherit', pipeOutput ? 'pipe' : 'inherit'] });
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`[dev] ${name} exited (${signal ?? `code ${code}`}); stopping`);
      if (name === 'playground') printPlaygroundErrors();
      finish(code || 1);
    } else if (children.size === 0) {
      process.exit(exitCode);
    }
  });
  return child;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping the bot and the Playground`);
    stopAll(signal);
    if (children.size === 0) process.exit(0);
  });
}
process.on('exit', () => {
  for (const child of children.values()) child.kill('SIGKILL');
});

function printPlaygroundErrors() {
  try {
    const lines = fs.readFileSync(playgroundLog, 'utf8').split('\n').filter((l) => /^(error|warn)/i.test(l));
    if (lines.length) console.error(`[dev] from ${path.relative(root, playgroundLog)}:\n${lines.slice(-8).join('\n')}`);
  } catch {
    // no log yet: the Playground died before writing one
  }
}

async function healthy() {
  try {
    const res = await fetch(`http://${LOOPBACK}:${botPort}/healthz`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function waitForBot(timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (stopping) return false;
    if (await healthy()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

function prefixLines(stream, prefix, onLine) {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim()) console.log(`${prefix}${line}`);
      onLine(line);
    }
  });
}

async function main() {
  let devArgs;
  try {
    devArgs = parseDevArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`[dev] ${err.message}`);
    process.exit(2);
  }
  if (!fs.existsSync(botEntry)) {
    console.error(`[dev] ${path.relative(root, botEntry)} not found; run "npm run build" first (npm run dev does it)`);
    process.exit(1);
  }
  if (await healthy()) {
    console.error(`[dev] something already answers on http://${LOOPBACK}:${botPort}/healthz; stop it or set PORT`);
    process.exit(1);
  }
  if (process.env.MicrosoftAppId) say('MicrosoftAppId is set, but the Playground sends no token: the bot runs without it here');
  const botEnv = { ...process.env, PORT: String(botPort), HOST: LOOPBACK, MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: '' };
  start('bot', [botEntry], botEnv, false);
  if (!(await waitForBot(60_000))) {
    if (!stopping) {
      console.error(`[dev] the bot did not answer http://${LOOPBACK}:${botPort}/healthz within 60 s`);
      finish(1);
    }
    return;
  }

  fs.mkdirSync(path.dirname(playgroundLog), { recursive: true });
  // With --locale / --timezone the Playground talks to a loopback proxy that sets them on each activity.
  let endpoint = botEndpoint;
  if (devArgs.locale || devArgs.timeZone) {
    const proxy = await startLocaleProxy({ target: botEndpoint, ...devArgs });
    endpoint = proxy.url;
    say(`Playground activities carry${devArgs.locale ? ` locale ${devArgs.locale}` : ''}${devArgs.timeZone ? ` time zone ${devArgs.timeZone}` : ''} (via ${endpoint})`);
  }
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const playgroundEnv = {
    ...process.env,
    BOT_ENDPOINT: endpoint,
    TEAMSAPPTESTER_BROWSER: 'none',
    TEAMSAPPTESTER_PORT: String(playgroundPort),
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: path.join(root, '.m365agentsplayground.yml'),
    M365_AGENTS_PLAYGROUND_LOGFILE: playgroundLog,
  };
  const args = ['-r', path.join(root, 'scripts', 'force-loopback.cjs'), cli, '--disable-telemetry', '-p', String(playgroundPort), '-e', endpoint, '-c', 'msteams'];
  const playground = start('playground', args, playgroundEnv, true);
  let announced = false;
  const onLine = (line) => {
    if (announced || !/Listening on \d+/.test(line)) return;
    announced = true;
    // It prints "Listening" before it reads the config file, and exits if that file is invalid.
    setTimeout(() => {
      if (stopping || playground.exitCode !== null) return;
      say(`bot        ${botEndpoint} (no app ID, loopback only)`);
      say(`Playground ${playgroundUrl}  <- open this in your browser; Ctrl+C stops both`);
    }, 1500);
  };
  prefixLines(playground.stdout, '[playground] ', onLine);
  prefixLines(playground.stderr, '[playground] ', onLine);
}

await main();
