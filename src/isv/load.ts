import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { projectRoot } from '../paths.js';
import { loadIsvDirectory, type IsvEntry } from './directory.js';

/**
 * ISV_DIRECTORY_FILE, relative to the project root unless absolute. A missing file means an empty directory
 * (agents then enter contacts from the product page); a present but invalid file stops the start (IsvDirectoryError).
 */
export function loadIsvDirectoryFile(file: string): IsvEntry[] {
  const path = isAbsolute(file) ? file : resolve(projectRoot, file);
  if (!existsSync(path)) return [];
  return loadIsvDirectory(path);
}
