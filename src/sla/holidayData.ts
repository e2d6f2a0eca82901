import { createRequire } from 'node:module';
import type HolidaysClass from 'date-holidays';

let loaded: typeof HolidaysClass | undefined;

/**
 * date-holidays, loaded on first need rather than at start: its rules for every country are ~8 MB of heap (issue 11,
 * peak RSS), and most turns never ask for a holiday (TW and CN use the official schedules in officialSchedules.ts).
 */
export function holidaysLibrary(): typeof HolidaysClass {
  loaded ??= createRequire(import.meta.url)('date-holidays') as typeof HolidaysClass;
  return loaded;
}
