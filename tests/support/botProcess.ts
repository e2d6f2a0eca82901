import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { bundle, type BundleMetafile } from '../../scripts/bundle.mjs';

export interface BotProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  exited: Promise<number | null>;
  /** What it wrote so far, stdout and stderr interleaved. */
  output: () => string;
}

/**
 * The real bot in a child process, with PATH, JSON logs and `env` as its whole environment. By default from src/
 * through tsx; `entry` runs something else, e.g. the production bundle.
 */
export function spawnBot(env: Record<string, string>, entry: string[] = ['--import', 'tsx', 'src/index.ts']): BotProcess {
  const child = spawn(process.execPath, entry, { env: { PATH: process.env.PATH ?? '', LOG_FORMAT: 'json', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, exited, output: () => out };
}

/**
 * The production bundle (scripts/bundle.mjs, what `npm start` runs), built from src/ into a folder of the caller's own
 * under dist/: inside the project, where the bot finds cards/ and the catalogs.
 */
export async function buildBundle(name: string): Promise<{ entry: string; meta: BundleMetafile; remove: () => void }> {
  const outDir = `dist/test-bundle-${name}-${process.pid}`;
  const meta = (await bundle({ names: ['index'], outDir })).index!;
  return { entry: join(outDir, 'index.mjs'), meta, remove: () => rmSync(outDir, { recursive: true, force: true }) };
}
