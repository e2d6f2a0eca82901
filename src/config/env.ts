import { z } from 'zod';
import { healthEnvSchema } from '../health/config.js';
import { checkPartnerCenterEnv, partnerCenterEnvSchema } from '../partnerCenter/env.js';
import { azureSupportEnvSchema } from '../azureSupport/config.js';
import { blankToUndefined as emptyToUndefined, guidPattern as guid, wholeNumber as intInRange } from './envFields.js';

/** Environment booleans: only explicit words count, so a typo is an error rather than a silent false. */
const envBool = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
    .optional()
    .transform((v) => (v === undefined ? def : ['true', '1', 'yes'].includes(v)));

const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

const guidList = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean) : []))
    .refine((ids) => ids.every((id) => guid.test(id)), 'expected a comma-separated list of tenant GUIDs'),
);


/** The sslmode values the store understands (libpq's meanings; see src/store/pgSsl.ts). */
export const sslModes = ['disable', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof sslModes)[number];
export function sslModeOf(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get('sslmode') ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Built when called, not at import: the environment is parsed once at start, and this schema (some 60 variables, several
 * zod objects each) is about 0.5 MB of heap a running bot would otherwise keep for nothing (issue 11, peak RSS).
 */
export const envSchema = () =>
  z
    .object({
      NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development')),
      PORT: intInRange(3978, 0, 65535),
      HOST: z.preprocess(emptyToUndefined, z.string().default('127.0.0.1')),
      ALLOW_ANONYMOUS_REMOTE: envBool(false),
      LOG_LEVEL: z.preprocess(
        emptyToUndefined,
        z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
      ),
      LOG_FORMAT: z.preprocess(emptyToUndefined, z.enum(['json', 'pretty']).optional()),

      MicrosoftAppId: z.preprocess(emptyToUndefined, z.string().regex(guid, 'expected the bot app ID (a GUID)').optional()),
      MicrosoftAppPassword: optionalString,
      MicrosoftAppType: z.preprocess(
        emptyToUndefined,
        z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], { error: 'expected MultiTenant, SingleTenant or UserAssignedMSI' }).default('MultiTenant'),
      ),
      MicrosoftAppTenantId: z.preprocess(emptyToUndefined, z.string().regex(guid, 'expected a tenant GUID').optional()),
      ALLOWED_TENANT_IDS: guidList,
      ADMIN_USER_IDS: z.preprocess(
        emptyToUndefined,
        z
          .string()
          .optional()
          .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : [])),
      ),

      DATABASE_URL: z.preprocess(
        emptyToUndefined,
        z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// connection URL').optional(),
      ),
      SQLITE_PATH: z.preprocess(emptyToUndefined, z.string().default('./data/support-desk.db')),

      // First-start seeds of the store's directories; unset = the demo files, except in production (no demo customers there).
      CUSTOMERS_FILE: optionalString,
      ISV_DIRECTORY_FILE: optionalString,

      PARTNER_COMPANY: z.preprocess(emptyToUndefined, z.string().max(200).default('Contoso Cloud Partner (demo)')),
      PARTNER_SUPPORT_EMAIL: z.preprocess(emptyToUndefined, z.email('expected an e-mail address').optional()),
      PARTNER_SUPPORT_PHONE: z.preprocess(emptyToUndefined, z.string().max(40).optional()),

      REMINDER_POLL_MS: intInRange(15_000, 200, 600_000),
      REMINDERS_ENABLED: envBool(true),
      SEND_TIMEOUT_MS: intInRange(5_000, 100, 60_000),
      REMINDER_LEASE_MS: intInRange(120_000, 1_000, 3_600_000),
      REMINDER_MAX_ATTEMPTS: intInRange(6, 1, 20),
      REMINDER_BATCH_SIZE: intInRange(100, 1, 1_000),

      // --- Production (issue 12 points 4 and 6) ---
      ALLOW_SQLITE_IN_PRODUCTION: envBool(false),
      DATABASE_POOL_MAX: intInRange(10, 1, 500),
      DATABASE_CA_FILE: optionalString,
      PGSSLROOTCERT: optionalString,
      APPLICATIONINSIGHTS_CONNECTION_STRING: optionalString,
      OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/, error: 'expected an http(s):// URL of an OTLP/HTTP collector' }).optional()),
      OTEL_SERVICE_NAME: z.preprocess(emptyToUndefined, z.string().max(100).default('csp-support-desk')),
      OTEL_METRIC_EXPORT_INTERVAL: intInRange(60_000, 100, 3_600_000),

      // --- Hardening (issue 9) ---
      // The channel's OpenID metadata document (signing keys for incoming tokens). Default: Microsoft's public cloud.
      BOT_OPENID_METADATA_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional()),
      // Reminder sends in flight at once: a kill -9 can leave at most this many sends unconfirmed (each is then sent once more).
      REMINDER_CONCURRENCY: intInRange(8, 1, 64),
    })
    .extend(healthEnvSchema().shape)
    // Partner Center (issue 14): last, so other features' blocks merge above it.
    .extend(partnerCenterEnvSchema().shape)
    // Azure Support ticket tracking and filing (issue 14 points 4-7, branch i14b).
    .extend(azureSupportEnvSchema().shape)
    .superRefine((env, ctx) => {
      checkPartnerCenterEnv(env, ctx);
      if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
        ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'required when MicrosoftAppId is set (or use MicrosoftAppType=UserAssignedMSI)' });
      }
      if (env.MicrosoftAppType === 'SingleTenant' && env.MicrosoftAppId && !env.MicrosoftAppTenantId) {
        ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'required when MicrosoftAppType=SingleTenant' });
      }
      if (env.AZURE_SUPPORT_MODE === 'live' && (!env.AZURE_SUPPORT_CLIENT_ID || !env.AZURE_SUPPORT_CLIENT_SECRET)) {
        ctx.addIssue({ code: 'custom', path: ['AZURE_SUPPORT_CLIENT_ID'], message: 'AZURE_SUPPORT_CLIENT_ID and AZURE_SUPPORT_CLIENT_SECRET are required when AZURE_SUPPORT_MODE=live' });
      }
      // Two instances on their own SQLite files would each keep their own cases and send each other's reminders twice.
      if (env.NODE_ENV === 'production' && !env.DATABASE_URL && !env.ALLOW_SQLITE_IN_PRODUCTION) {
        ctx.addIssue({
          code: 'custom',
          path: ['DATABASE_URL'],
          message: 'required when NODE_ENV=production (PostgreSQL shared by every instance); set ALLOW_SQLITE_IN_PRODUCTION=true only for a single instance',
        });
      }
      const sslmode = env.DATABASE_URL ? sslModeOf(env.DATABASE_URL) : undefined;
      if (sslmode && !sslModes.includes(sslmode as SslMode)) {
        ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: `sslmode=${sslmode} is not supported; use one of ${sslModes.join(', ')}` });
      }
    });

export type Env = z.infer<ReturnType<typeof envSchema>>;

export class ConfigError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

/** One line per bad variable, naming it and what is expected (the contract of issue 2, point 3). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema().safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `${String(i.path[0] ?? 'environment')}: ${i.message}`);
  throw new ConfigError([...new Set(lines)]);
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1']);
export const isLoopback = (host: string) => loopbackHosts.has(host) || host.startsWith('127.');
