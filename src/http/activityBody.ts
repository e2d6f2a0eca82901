import { z } from 'zod';
import { certainlyAcceptable } from './activityQuickCheck.js';
import { handledInvokes, serviceUrl, wellFormed } from './activityRules.js';

/** Tests set ACTIVITY_VERIFY=1 (vitest.config.ts): every activity the quick check accepts is parsed by the schema too. */
const verify = process.env.ACTIVITY_VERIFY === '1';

/**
 * Every activity field the bot (and botbuilder on its behalf) reads, with the type it must have. Checked before the
 * adapter or any handler sees the body: a field of the wrong type gets a 400 naming it, instead of a TypeError deep in
 * a handler (issue 9: `channelData.tenant.id: 5`, `locale: 5`, `value.action.verb: 5`, `entities: "x"`, no `from`,
 * `channelData.channel.id: []` all used to end in 5xx). Unknown extra fields pass: Teams adds new ones over time.
 * `null` is accepted where Teams may send it for "absent"; the code reads those fields with `??`.
 */

const id = z.string().min(1).max(1024).refine(wellFormed, 'expected an id without control characters or broken Unicode');
const shortText = z.string().max(1024);
const account = z.looseObject({ id, name: shortText.nullish(), aadObjectId: z.string().max(128).nullish() });
const isoTime = z
  .string()
  .max(64)
  .refine((s) => !Number.isNaN(Date.parse(s)), 'expected a date-time');

const invokeValue = z.looseObject({
  action: z.looseObject({
    type: z.string().max(64),
    verb: z.string().max(200).nullish(),
    data: z.record(z.string(), z.unknown()).nullish(),
  }),
});

/** Type-ahead (issue 14): { queryText, dataset, queryOptions { skip, top } }; the handler parses it again in detail. */
const searchValue = z.looseObject({
  queryText: z.string().max(1_000).nullish(),
  dataset: z.string().max(200),
});

export const activityBodySchema = z
  .looseObject({
    type: z.string().min(1).max(64),
    id: z.string().max(1024).refine(wellFormed, 'expected an id without control characters or broken Unicode').nullish(),
    name: z.string().max(200).nullish(),
    serviceUrl,
    channelId: z.string().min(1).max(64),
    from: account,
    recipient: account.nullish(),
    conversation: z.looseObject({
      id,
      conversationType: z.string().max(64).nullish(),
      tenantId: z.string().max(128).nullish(),
      isGroup: z.boolean().nullish(),
      name: shortText.nullish(),
    }),
    channelData: z
      .looseObject({
        tenant: z.looseObject({ id: z.string().max(128).nullish() }).nullish(),
        team: z.looseObject({ id: id.nullish(), name: shortText.nullish(), aadGroupId: z.string().max(128).nullish() }).nullish(),
        channel: z.looseObject({ id: id.nullish(), name: shortText.nullish() }).nullish(),
        eventType: z.string().max(64).nullish(),
      })
      .nullish(),
    locale: z.string().max(64).nullish(),
    localTimezone: z.string().max(128).nullish(),
    text: z.string().nullish(),
    textFormat: z.string().max(32).nullish(),
    entities: z.array(z.looseObject({ type: z.string().max(64) })).max(64).nullish(),
    value: z.unknown().optional(),
    replyToId: z.string().max(1024).refine(wellFormed, 'expected an id without control characters or broken Unicode').nullish(),
    action: z.string().max(64).nullish(),
    membersAdded: z.array(account).max(1000).nullish(),
    membersRemoved: z.array(account).max(1000).nullish(),
    timestamp: isoTime.nullish(),
    localTimestamp: isoTime.nullish(),
    expiration: isoTime.nullish(),
  })
  .superRefine((a, ctx) => {
    if (a.type !== 'invoke') {
      // Action.Submit: the card's data plus the inputs, which must be an object if present.
      if (a.value !== undefined && a.value !== null && (typeof a.value !== 'object' || Array.isArray(a.value)) && a.type === 'message') {
        ctx.addIssue({ code: 'custom', path: ['value'], message: 'expected an object (Action.Submit data)' });
      }
      return;
    }
    if (!a.name || !(handledInvokes as readonly string[]).includes(a.name)) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: `invoke ${JSON.stringify(String(a.name ?? '')).slice(0, 60)} is not handled by this bot` });
      return;
    }
    const v = (a.name === 'application/search' ? searchValue : invokeValue).safeParse(a.value);
    if (!v.success) for (const i of v.error.issues) ctx.addIssue({ ...i, path: ['value', ...i.path] } as never);
  });

export type ActivityBody = z.infer<typeof activityBodySchema>;

/** Undefined when the body is an activity we can serve; otherwise a short reason for the 400 (field paths, no values). */
export function describeActivityProblem(body: unknown): string | undefined {
  if (body === undefined || body === null || (typeof body === 'string' && body.trim() === '')) return 'empty body: expected a Bot Framework activity (JSON)';
  if (typeof body !== 'object' || Array.isArray(body)) return 'expected a JSON object (a Bot Framework activity)';
  if (certainlyAcceptable(body as Record<string, unknown>)) {
    if (verify && !activityBodySchema.safeParse(body).success) throw new Error('activityQuickCheck accepted an activity the schema refuses');
    return undefined;
  }
  const parsed = activityBodySchema.safeParse(body);
  if (parsed.success) return undefined;
  const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.map(String).join('.') || 'body'}: ${i.message}`);
  return issues.join('; ').slice(0, 500);
}
