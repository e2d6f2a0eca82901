import type HolidaysClass from 'date-holidays';
import { onFirstUse } from '../loadOnFirstUse.js';

/**
 * date-holidays, loaded on first need: its rules for every country are ~8 MB of heap, and most turns never ask for a
 * holiday (TW and CN use the official schedules in officialSchedules.ts).
 */
export const holidaysLibrary = onFirstUse<typeof HolidaysClass>('date-holidays');
