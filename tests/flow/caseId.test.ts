import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { caseIdAlphabet, newCaseId, parseCaseId } from '../../src/flow/caseId.js';

describe('case IDs an agent can read aloud', () => {
  it('are 6 characters from an alphabet without 0/O/1/I/L, grouped 3-3', () => {
    expect(caseIdAlphabet).not.toMatch(/[01OIL]/);
    let i = 0;
    expect(newCaseId(() => [0, 1, 2, 8, 9, 30][i++]!)).toBe('234-ABZ');
    fc.assert(fc.property(fc.integer(), () => /^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/.test(newCaseId())));
  });

  it('are found again however the agent types them', () => {
    for (const typed of ['k7q-x2m', 'K7QX2M', ' #k7q x2m ', 'K7Q_X2M']) expect(parseCaseId(typed)).toBe('K7Q-X2M');
    for (const typed of ['K7Q-X2', 'K7Q-X2MM', 'K0Q-X2M', 'K7Q-XIM', '', 'x'.repeat(10_000)]) expect(parseCaseId(typed)).toBeUndefined();
  });
});
