import { z } from 'zod';

/**
 * The minimum a Bot Framework activity must carry for us to answer it. Checked before the adapter sees the body,
 * so a malformed post gets a 400 naming what is missing instead of a 500 from deep inside botbuilder.
 */
export const activityBodySchema = z.looseObject({
  type: z.string().min(1).max(64),
  serviceUrl: z.url().max(2048),
  channelId: z.string().min(1).max(64),
  conversation: z.looseObject({ id: z.string().min(1).max(1024) }),
  from: z.looseObject({ id: z.string().min(1).max(1024) }).optional(),
});

export function describeActivityProblem(body: unknown): string | undefined {
  if (body === undefined || body === null || (typeof body === 'string' && body.trim() === '')) return 'empty body: expected a Bot Framework activity (JSON)';
  if (typeof body !== 'object' || Array.isArray(body)) return 'expected a JSON object (a Bot Framework activity)';
  const parsed = activityBodySchema.safeParse(body);
  if (parsed.success) return undefined;
  return parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
}
