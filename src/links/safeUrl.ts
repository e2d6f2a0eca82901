import { parseDomain } from './values.js';

/** Longer than any real product or support page address; a 10 KB "URL" is an attack or a paste accident. */
export const maxExternalUrlLength = 2048;

// Controls, whitespace, zero-width and bidi formatting characters: the WHATWG parser silently strips some of them
// (tabs, newlines, leading C0), and the others make an address read differently from where it goes.
const invisibleOrControl = /[\p{Cc}\p{Cf}\p{Cs}\p{Z}\s]/u;

/**
 * An address that an ISV or an agent typed (support page, product page), accepted only if it is a plain https link
 * to a named host: no credentials (`https://microsoft.com@evil.com`), no other scheme (`javascript:`, `data:`,
 * `http:`), no IP literal or single-label host, no explicit port, nothing invisible. Returns a fresh URL or null.
 */
export function safeExternalUrl(raw: unknown): URL | null {
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  if (text.length === 0 || text.length > maxExternalUrlLength || invisibleOrControl.test(text)) return null;
  // Require the scheme literally, so "evil.com/x" is not read as relative and "HTTPS:" tricks are moot.
  if (!/^https:\/\//i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '') return null;
  // The parser turns IDN hosts into punycode, so parseDomain sees ASCII; it rejects IPs and "localhost".
  if (parseDomain(url.hostname) !== url.hostname) return null;
  return url;
}
