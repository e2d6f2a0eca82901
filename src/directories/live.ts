import { directoryOf, type CustomerDirectory, type DirectoryCustomer } from '../customers/directory.js';
import type { IsvEntry } from '../isv/directory.js';
import type { DirectoryName } from '../store/directories.js';

/**
 * The customer and ISV directories as every instance sees them (issue 12 point 5): read from the store, cached
 * in memory, and re-read when the store's directory version has moved. A read costs one primary-key lookup; an
 * import in any instance (or `npm run import`) is seen by every instance on its next card, with no restart.
 */
export interface Directories {
  customers(): Promise<CustomerDirectory>;
  isv(): Promise<readonly IsvEntry[]>;
}

/** What the cache needs from the store (DirectoryRepository implements it). */
export interface DirectorySource {
  version(name: DirectoryName): Promise<number>;
  listCustomers(): Promise<DirectoryCustomer[]>;
  listIsv(): Promise<IsvEntry[]>;
}

interface Cached<T> {
  version: number;
  value: T;
}

function cachedByVersion<T>(name: DirectoryName, source: DirectorySource, load: () => Promise<T>): () => Promise<T> {
  let cached: Cached<T> | undefined;
  let pending: Promise<T> | undefined;
  const read = async (): Promise<T> => {
    const version = await source.version(name);
    if (cached && cached.version === version) return cached.value;
    // Read after the version: an import landing in between only makes the next call reload once more.
    const value = await load();
    cached = { version, value };
    return value;
  };
  return () => {
    // Concurrent turns share one round trip instead of each asking the store.
    pending ??= read().finally(() => (pending = undefined));
    return pending;
  };
}

export function liveDirectories(source: DirectorySource): Directories {
  return {
    customers: cachedByVersion('customers', source, async () => directoryOf(await source.listCustomers())),
    isv: cachedByVersion('isv', source, () => source.listIsv()),
  };
}

/** Fixed directories (tests, tools): no store behind them. */
export function staticDirectories(customers: CustomerDirectory, isv: readonly IsvEntry[] = []): Directories {
  return { customers: async () => customers, isv: async () => isv };
}
