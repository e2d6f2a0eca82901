import { createRequire } from 'node:module';
import type * as Msal from '@azure/msal-node';

let loaded: typeof Msal | undefined;

/**
 * @azure/msal-node, loaded when the first token is needed rather than at start (issue 11, peak RSS): ~5 MB of heap
 * that a bot without Graph health or Partner Center never uses. botbuilder carries its own older copy, so this one
 * is never shared.
 */
export function msalLibrary(): typeof Msal {
  loaded ??= createRequire(import.meta.url)('@azure/msal-node') as typeof Msal;
  return loaded;
}
