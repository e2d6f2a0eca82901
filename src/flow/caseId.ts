import { randomInt } from 'node:crypto';

/**
 * Case IDs are read aloud on the phone and typed back from a chat ("case K7Q-X2M"), so they
 * avoid characters people confuse when spoken or handwritten: 0/O, 1/I/L. 31^6 ≈ 887 million;
 * the store refuses a duplicate and the caller simply draws again (CaseRepository.insert).
 */
export const caseIdAlphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const idLength = 6;

/** `pick(n)` returns an integer in [0, n); injectable so tests can force collisions. */
export function newCaseId(pick: (n: number) => number = (n) => randomInt(n)): string {
  let raw = '';
  for (let i = 0; i < idLength; i++) raw += caseIdAlphabet[pick(caseIdAlphabet.length)] ?? '2';
  return `${raw.slice(0, 3)}-${raw.slice(3)}`;
}

/** What an agent typed ("k7q x2m", "K7QX2M", "#K7Q-X2M") → the stored form, or undefined. */
export function parseCaseId(typed: string): string | undefined {
  if (typed.length > 40) return undefined;
  const raw = typed.toUpperCase().replace(/[\s\-#_.]/g, '');
  if (raw.length !== idLength) return undefined;
  for (const ch of raw) if (!caseIdAlphabet.includes(ch)) return undefined;
  return `${raw.slice(0, 3)}-${raw.slice(3)}`;
}
