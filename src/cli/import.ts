/**
 * npm run import -- customers FILE.csv|FILE.json [--merge]
 * npm run import -- isv FILE.json [--merge]
 *
 * Writes a directory into the store the bot uses (DATABASE_URL, else SQLITE_PATH; same .env as the bot). Every
 * running instance offers the new rows on its next card; no restart. Default is replace: the file becomes the whole
 * imported directory (customers from Partner Center sync are kept); --merge only adds and updates.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import dotenv from 'dotenv';
import { ConfigError, parseEnv } from '../config/env.js';
import { ImportError, importDirectoryFile, type DirectoryKind } from '../directories/importFile.js';
import { openStore, storeOptions } from '../store/index.js';

const usage = 'usage: npm run import -- customers FILE.csv|FILE.json [--merge]\n       npm run import -- isv FILE.json [--merge]';

export async function main(argv: string[]): Promise<number> {
  const args = argv.filter((a) => a !== '--merge' && a !== '--replace');
  const mode = argv.includes('--merge') ? 'merge' : 'replace';
  const [kind, file, ...rest] = args;
  if ((kind !== 'customers' && kind !== 'isv') || !file || rest.length) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  if (existsSync('.env')) dotenv.config({ path: '.env', quiet: true });
  let env;
  try {
    env = parseEnv(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`Configuration error:\n${err.lines.map((l) => `  ${l}`).join('\n')}\n`);
    return 1;
  }
  const store = await openStore(storeOptions(env));
  try {
    // npm runs scripts in the project folder; INIT_CWD is where the partner typed the command.
    const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
    const r = await importDirectoryFile(store.directories, kind as DirectoryKind, path, { mode, at: new Date().toISOString() });
    process.stdout.write(
      `${kind}: ${r.total} imported from ${file} into the ${store.db.engine} store (${r.inserted} new, ${r.updated} updated, ${r.removed} removed; ${mode}). ` +
        `Directory version ${r.version}: every instance uses it from its next card.\n`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof ImportError)) throw err;
    process.stderr.write(`Nothing imported:\n${err.lines.map((l) => `  ${l}`).join('\n')}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`import failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
