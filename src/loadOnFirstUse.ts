import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS package loaded on the first call instead of at start (issue 11, peak RSS): what a bot that never needs
 * it (no Graph health, no holiday lookup, every card on the compiled path) never pays for in heap.
 */
export function onFirstUse<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(specifier) as T);
}
