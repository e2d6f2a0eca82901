import type * as Msal from '@azure/msal-node';
import { onFirstUse } from '../loadOnFirstUse.js';

/**
 * @azure/msal-node, loaded when the first token is needed: ~5 MB of heap that a bot without Graph health or Partner
 * Center never uses. botbuilder carries its own older copy, so this one is never shared.
 */
export const msalLibrary = onFirstUse<typeof Msal>('@azure/msal-node');
