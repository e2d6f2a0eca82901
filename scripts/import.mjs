#!/usr/bin/env node
// npm run import -- customers FILE.csv|json | isv FILE.json [--merge]: see src/cli/import.ts.
// A checkout runs the TypeScript source through tsx (always current); a built image without dev dependencies runs
// dist/, which its build step produced.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'src', 'cli', 'import.ts');
const built = path.join(root, 'dist', 'src', 'cli', 'import.js');

let tsx = false;
try {
  createRequire(import.meta.url).resolve('tsx');
  tsx = existsSync(source);
} catch {
  tsx = false;
}
const entry = tsx ? ['--import', 'tsx', source] : existsSync(built) ? [built] : undefined;
if (!entry) {
  console.error('npm run import: neither tsx (dev dependencies) nor a build (dist/src/cli/import.js) is here; run npm run build first');
  process.exit(1);
}
const child = spawn(process.execPath, [...entry, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
