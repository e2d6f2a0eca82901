import { z } from 'zod';

/**
 * Field parsers shared by every environment fragment (the core schema, Partner Center, Azure Support), so each
 * variable of one kind reads and fails the same way: an empty value means "not set", and a bad number says its range.
 */
export const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const wholeNumber = (def: number, min: number, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `expected a whole number between ${min} and ${max}` })
      .int(`expected a whole number between ${min} and ${max}`)
      .min(min, `expected a whole number between ${min} and ${max}`)
      .max(max, `expected a whole number between ${min} and ${max}`)
      .default(def),
  );
