import { readFileSync } from 'node:fs';
import { CustomerDirectoryError, parseDirectoryText } from '../customers/directory.js';
import { fold, IsvDirectoryError, parseIsvDirectory, type IsvEntry } from '../isv/directory.js';
import type { DirectoryRepository, ImportCounts, ImportMode } from '../store/directories.js';

/**
 * `npm run import -- customers FILE.csv|json` and `npm run import -- isv FILE.json`: the same parsing and
 * row/field messages as the files read at start (src/customers/directory.ts, src/isv/directory.ts). Nothing is
 * written unless every row is valid; the write is one transaction, so instances never see half an import.
 */
export type DirectoryKind = 'customers' | 'isv';

export class ImportError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

export const isvKey = (e: IsvEntry) => fold(e.productName);

export function readImportFile(kind: DirectoryKind, path: string): { customers?: ReturnType<typeof parseCustomers>; isv?: IsvEntry[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ImportError([`${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`]);
  }
  if (kind === 'customers') return { customers: parseCustomers(text, path) };
  if (!path.toLowerCase().endsWith('.json')) throw new ImportError([`${path}: the ISV directory is a JSON file ({"products": [ … ]})`]);
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ImportError([`${path}: not valid JSON (${(err as Error).message})`]);
  }
  try {
    return { isv: parseIsvDirectory(json, path) };
  } catch (err) {
    if (err instanceof IsvDirectoryError) throw new ImportError(err.lines);
    throw err;
  }
}

function parseCustomers(text: string, path: string) {
  const lower = path.toLowerCase();
  if (!lower.endsWith('.csv') && !lower.endsWith('.json')) throw new ImportError([`${path}: expected a .csv or .json customer file`]);
  try {
    return [...parseDirectoryText(text, path).all()];
  } catch (err) {
    if (err instanceof CustomerDirectoryError) throw new ImportError([`customer directory ${err.source}:`, ...err.problems.map((p) => `  ${p}`)]);
    throw err;
  }
}

export async function importDirectoryFile(
  repo: DirectoryRepository,
  kind: DirectoryKind,
  path: string,
  opts: { mode: ImportMode; at: string },
): Promise<ImportCounts & { total: number }> {
  const parsed = readImportFile(kind, path);
  if (kind === 'customers') {
    const rows = parsed.customers ?? [];
    return { ...(await repo.writeCustomers(rows, 'import', opts.at, opts.mode)), total: rows.length };
  }
  const entries = parsed.isv ?? [];
  return { ...(await repo.writeIsv(entries, isvKey, 'import', opts.at, opts.mode)), total: entries.length };
}
