import { recordSend, withSpan } from './index.js';

/**
 * Wraps the outbound channel port (startThread, reply, update) so each proactive send through the Bot Connector is
 * a `connector <operation>` span and counts in supportdesk.sends by outcome and HTTP status. Structural, so the
 * telemetry folder does not depend on where the port is declared.
 */
export function tracedSender<T extends object>(target: T, operations: readonly (keyof T & string)[]): T {
  const wrapped = Object.create(target) as T;
  for (const op of operations) {
    const fn = target[op];
    if (typeof fn !== 'function') continue;
    (wrapped as Record<string, unknown>)[op] = async (...args: unknown[]) =>
      withSpan(`connector ${op}`, { 'connector.operation': op }, async () => {
        try {
          const out = await (fn as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          recordSend(op, 'sent');
          return out;
        } catch (err) {
          const status = (err as { status?: unknown }).status;
          recordSend(op, 'failed', typeof status === 'number' ? status : undefined);
          throw err;
        }
      });
  }
  return wrapped;
}
