import { randomUUID } from 'node:crypto';

/**
 * A UUID version 7 (RFC 9562): the first 48 bits are the Unix time in milliseconds, the rest random. Rows keyed by
 * it are appended at the end of their primary-key index rather than scattered over it, which keeps the pages an
 * insert dirties few and hot in SQLite's cache and PostgreSQL's buffers.
 */
export function orderedId(now = Date.now()): string {
  const hex = now.toString(16).padStart(12, '0').slice(-12);
  const random = randomUUID();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${random.slice(15)}`;
}
