import { z } from 'zod';
import { clouds } from '../flow/case.js';
import { parseTokenKey } from './vault.js';
import { blankToUndefined as blank, guidPattern as guid, wholeNumber as whole } from '../config/envFields.js';

const optionalGuid = (what: string) => z.preprocess(blank, z.string().trim().regex(guid, `expected ${what} (a GUID)`).transform((s) => s.toLowerCase()).optional());
const optionalUrl = z.preprocess(blank, z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional());

/**
 * Partner Center settings (issue 14 points 1–3, 7). All empty by default: nothing of Partner Center runs, and the
 * demo quick start is unchanged. Setting PARTNER_CENTER_CLIENT_ID turns it on and makes the rest required.
 */
// Built when called: the env is parsed once at startup, and a module-level schema would stay in the heap for good.
export const partnerCenterEnvSchema = () =>
  z.object({
  PARTNER_CENTER_CLIENT_ID: optionalGuid('the app registration’s application (client) ID'),
  PARTNER_CENTER_CLIENT_SECRET: z.preprocess(blank, z.string().optional()),
  PARTNER_CENTER_TENANT_ID: optionalGuid('the partner’s own Entra tenant ID'),
  PARTNER_CENTER_CLOUD: z.preprocess(blank, z.enum(clouds, { error: `expected one of ${clouds.join(', ')}` }).default('commercial')),
  PARTNER_CENTER_TOKEN_KEY: z.preprocess(blank, z.string().optional()),
  PARTNER_CENTER_REFRESH_TOKEN: z.preprocess(blank, z.string().optional()),
  PARTNER_CENTER_SYNC_MINUTES: whole(360, 0, 10_080),
  PARTNER_CENTER_POLL_MS: whole(60_000, 1_000, 3_600_000),
  PARTNER_CENTER_TIMEOUT_MS: whole(10_000, 500, 120_000),
  PARTNER_CENTER_RETRY_AFTER_CAP_MS: whole(30_000, 0, 300_000),
  PARTNER_CENTER_API_URL: optionalUrl,
  PARTNER_CENTER_LOGIN_URL: optionalUrl,
});
export type PartnerCenterEnv = z.infer<ReturnType<typeof partnerCenterEnvSchema>>;

/** Cross-field rules, called from the main schema's superRefine so each problem names its variable. */
export function checkPartnerCenterEnv(env: PartnerCenterEnv, ctx: z.RefinementCtx): void {
  const issue = (path: keyof PartnerCenterEnv, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (env.PARTNER_CENTER_CLIENT_ID) {
    if (!env.PARTNER_CENTER_CLIENT_SECRET) issue('PARTNER_CENTER_CLIENT_SECRET', 'required when PARTNER_CENTER_CLIENT_ID is set');
    if (!env.PARTNER_CENTER_TENANT_ID) issue('PARTNER_CENTER_TENANT_ID', 'required when PARTNER_CENTER_CLIENT_ID is set');
  }
  if (env.PARTNER_CENTER_TOKEN_KEY && !parseTokenKey(env.PARTNER_CENTER_TOKEN_KEY)) {
    issue('PARTNER_CENTER_TOKEN_KEY', 'expected 32 random bytes as base64 (openssl rand -base64 32) or 64 hex digits');
  }
  if (env.PARTNER_CENTER_REFRESH_TOKEN && !env.PARTNER_CENTER_TOKEN_KEY) {
    issue('PARTNER_CENTER_TOKEN_KEY', 'required to store PARTNER_CENTER_REFRESH_TOKEN (it is kept only encrypted)');
  }
}
