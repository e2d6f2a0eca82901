/**
 * A time as Teams shows it in each reader's own time zone and format: the Adaptive Card DATE/TIME functions.
 * Teams only recognises them for RFC 3339 instants without fractional seconds, so milliseconds are dropped
 * (with them the card shows the raw "{{DATE(…)}}" text).
 */
export function readerTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const plain = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `{{DATE(${plain}, SHORT)}} {{TIME(${plain})}}`;
}
