#!/usr/bin/env node
// npm run package: builds build/appPackage.zip for uploading the bot to Teams (sideload or admin center).
//   node scripts/package.mjs [--out DIR] [--no-env-file] [--production]
// Values come from the environment and .env (see manifest-lib.mjs for the variables); without a bot
// app ID the zip carries a placeholder and a warning is printed, except in production mode (NODE_ENV=production or
// --production), where a missing or placeholder bot ID stops the packaging.
import path from 'node:path';
import dotenv from 'dotenv';
import { PackageError, projectRoot, writeAppPackage } from './manifest-lib.mjs';

function parseArgs(argv) {
  const opts = { outDir: path.join(projectRoot, 'build'), envFile: true, production: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out' && argv[i + 1]) opts.outDir = path.resolve(argv[++i]);
    else if (a === '--no-env-file') opts.envFile = false;
    else if (a === '--production') opts.production = true;
    else throw new PackageError([`usage: node scripts/package.mjs [--out DIR] [--no-env-file] [--production] (unknown argument ${a})`]);
  }
  return opts;
}

try {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.envFile) dotenv.config({ path: path.join(projectRoot, '.env') });
  const { zipPath, manifest, entries, warnings } = await writeAppPackage({
    env: opts.production ? { ...process.env, NODE_ENV: 'production' } : process.env,
    outDir: opts.outDir,
  });
  for (const w of warnings) console.warn(`warning: ${w}`);
  console.log(`Teams app "${manifest.name.short}" ${manifest.version} (manifest ${manifest.manifestVersion}, bot ${manifest.bots[0].botId})`);
  console.log(`  ${entries.join(', ')}`);
  console.log(zipPath);
} catch (err) {
  if (!(err instanceof PackageError)) throw err;
  for (const line of err.lines) console.error(line);
  process.exitCode = 1;
}
