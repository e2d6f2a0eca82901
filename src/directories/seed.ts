import type { Env } from '../config/env.js';
import { loadCustomerDirectoryFile } from '../customers/directory.js';
import { loadIsvDirectoryFile } from '../isv/load.js';
import type { Logger } from '../log.js';
import type { DirectoryRepository } from '../store/directories.js';
import { isvKey } from './importFile.js';

export const demoFiles = { customers: './config/customers.demo.json', isv: './config/isv-directory.json' } as const;

/** The seed files: as configured, else the demo files for a local run; production seeds only what it is told to. */
export function seedFiles(env: Pick<Env, 'NODE_ENV' | 'CUSTOMERS_FILE' | 'ISV_DIRECTORY_FILE'>): { customers?: string; isv?: string } {
  const demo = env.NODE_ENV !== 'production';
  const customers = env.CUSTOMERS_FILE ?? (demo ? demoFiles.customers : undefined);
  const isv = env.ISV_DIRECTORY_FILE ?? (demo ? demoFiles.isv : undefined);
  return { ...(customers ? { customers } : {}), ...(isv ? { isv } : {}) };
}

/**
 * CUSTOMERS_FILE and ISV_DIRECTORY_FILE seed the store on first start only (when the table is empty); after that
 * the store is the directory and `npm run import` changes it. A file that is set but invalid still stops the start
 * while it would be read, naming the row and field, so a typo never reaches an agent as a customer.
 */
export async function seedDirectories(repo: DirectoryRepository, files: { customers?: string; isv?: string }, at: string, log: Logger): Promise<void> {
  if (files.customers && (await repo.countCustomers()) === 0) {
    const customers = loadCustomerDirectoryFile(files.customers).all();
    const n = await repo.seedCustomers(customers, at);
    if (n) log.info({ customers: n, file: files.customers }, 'customer directory seeded from file (first start)');
  }
  if (files.isv && (await repo.countIsv()) === 0) {
    const entries = loadIsvDirectoryFile(files.isv);
    const n = await repo.seedIsv(entries, isvKey, at);
    if (n) log.info({ products: n, file: files.isv }, 'ISV directory seeded from file (first start)');
  }
}
