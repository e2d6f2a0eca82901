/**
 * Validation of the few customer values a link may carry. A value that fails is dropped, never
 * interpolated: a wrong link in front of a partner is worse than none (issue 4, "Why").
 * Every accepted value is plain ASCII from a small alphabet, so it cannot carry `/`, `#`, `@`, `?`, `%` or `:`.
 */

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Entra tenant IDs and Azure subscription IDs are GUIDs; returned lower case as Partner Center shows them. */
export function parseGuid(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length > 64) return undefined;
  const v = raw.trim().toLowerCase();
  return guidPattern.test(v) ? v : undefined;
}

const label = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
// The last label starts with a letter, so IPv4 literals never pass; IDN domains must come as punycode (xn--).
const domainPattern = new RegExp(`^(?:${label}\\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$`);

/**
 * A DNS name such as contoso.com, contoso.onmicrosoft.com (commercial, US Gov) or
 * contoso.partner.onmschina.cn (21Vianet). Returned lower case; at most 253 characters (RFC 1035).
 */
export function parseDomain(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length > 300) return undefined;
  const v = raw.trim().toLowerCase();
  if (v.length > 253 || !domainPattern.test(v)) return undefined;
  return v;
}

/**
 * A commercial marketplace offer ID as the storefronts write it: `{publisherId}.{offerId}` (domain-facts §5).
 * Publisher and offer IDs are lower-case letters, digits, `-` and `_`; offer IDs may contain further dots.
 */
const offerIdPattern = /^[a-z0-9][a-z0-9_-]{0,99}\.[a-z0-9][a-z0-9._-]{0,149}$/;
export function parseOfferId(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length > 300) return undefined;
  const v = raw.trim().toLowerCase();
  return offerIdPattern.test(v) && !v.endsWith('.') ? v : undefined;
}
