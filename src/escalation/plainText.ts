/**
 * User-typed text going into a service request is data: it is copied into Microsoft's form as plain text.
 * We remove what can hide or reorder text (controls, bidi overrides, zero-width marks: "Trojan Source" style
 * tricks would make the engineer read something other than what was typed) and cap lengths by code point,
 * so a 10 KB paste cannot push the contact or the case reference out of the field.
 */

// Cc (controls) except \n and \t, Cf (format: bidi overrides/isolates, ZWSP, BOM, tag characters …) except
// ZWNJ/ZWJ (U+200C/U+200D, needed by some scripts and emoji), Cs (lone surrogates), Co (private use).
const hidden = /(?![\n\t\u200C\u200D])[\p{Cc}\p{Cf}\p{Cs}\p{Co}]/gu;

/** Multi-line text: line breaks normalised, blank-line runs collapsed, trailing spaces trimmed, at most `max` code points. */
export function cleanText(raw: string | undefined, max: number): string {
  if (!raw) return '';
  const text = raw
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(hidden, '')
    .replace(/\t/g, ' ')
    .replace(/[^\S\n]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return cap(text, max);
}

/** One-line text (names, title, IDs): every run of whitespace becomes one space. */
export function cleanLine(raw: string | undefined, max: number): string {
  if (!raw) return '';
  return cap(
    raw
      .replace(/\s+/g, ' ')
      .replace(hidden, '')
      .replace(/ {2,}/g, ' ')
      .trim(),
    max,
  );
}

/** Cut at a code point boundary, marking the cut with an ellipsis so the reader knows text is missing. */
export function cap(text: string, max: number): string {
  const points = Array.from(text);
  if (points.length <= max) return text;
  return `${points.slice(0, Math.max(0, max - 1)).join('').trimEnd()}…`;
}
