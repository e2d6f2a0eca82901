/**
 * From the time zone a Teams client reports to a team's default calendar (issue 13 point 1): a Taipei team whose
 * admin runs Teams in English still works Taipei hours with Taiwan's public holidays, so the default follows where
 * people are (their clock), not the language of their UI.
 */
import { holidaysLibrary } from './holidayData.js';
import { isValidTimeZone } from './zonedTime.js';

/** Zones whose country is not unique in the holiday data, or that we want without a lookup. */
const knownZones: Record<string, string> = {
  'Asia/Taipei': 'TW',
  'Asia/Shanghai': 'CN',
  'Asia/Chongqing': 'CN',
  'Asia/Harbin': 'CN',
  'Asia/Urumqi': 'CN',
  'PRC': 'CN',
  'ROC': 'TW',
  'Asia/Hong_Kong': 'HK',
  'Asia/Macau': 'MO',
  'Asia/Singapore': 'SG',
  'Asia/Tokyo': 'JP',
  'Asia/Seoul': 'KR',
  'Asia/Kolkata': 'IN',
  'Asia/Calcutta': 'IN',
  'Europe/London': 'GB',
  'Europe/Berlin': 'DE',
  'Europe/Paris': 'FR',
  'Europe/Zurich': 'CH',
  'Europe/Helsinki': 'FI',
  'Australia/Sydney': 'AU',
  'Pacific/Auckland': 'NZ',
  'Pacific/Honolulu': 'US',
  'America/Puerto_Rico': 'PR',
};

let byZone: Map<string, string[]> | undefined;
/** Every zone the holiday data names, with the countries that use it (built once, on first need: ~0.5 s). */
function zoneCountries(): Map<string, string[]> {
  if (byZone) return byZone;
  byZone = new Map();
  const Holidays = holidaysLibrary();
  for (const country of Object.keys(new Holidays().getCountries())) {
    for (const zone of new Holidays(country).getTimezones() ?? []) byZone.set(zone, [...(byZone.get(zone) ?? []), country]);
  }
  return byZone;
}

/**
 * Holiday region (country code) for an IANA zone: a fixed table for the zones CSP helpdesks in this project's markets
 * use, the United States for the other America/* zones the holiday data gives to the US, else the zone's only country
 * in the holiday data; undefined when the zone is unknown or shared by several countries (no guessing).
 */
export function holidayRegionForZone(timeZone: string): string | undefined {
  if (!isValidTimeZone(timeZone)) return undefined;
  const fixed = knownZones[timeZone];
  if (fixed) return fixed;
  const countries = zoneCountries().get(timeZone) ?? [];
  if (timeZone.startsWith('America/') && countries.includes('US')) return 'US';
  return countries.length === 1 ? countries[0] : undefined;
}

/**
 * The zones offered in the settings card's time-zone list: where CSP helpdesks serving Greater China and their
 * follow-the-sun partners sit. A card has 40 KB, so not all ~420 IANA zones; a team's current zone is always added.
 */
export const commonTimeZones = [
  'Asia/Taipei',
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Macau',
  'Asia/Singapore',
  'Asia/Kuala_Lumpur',
  'Asia/Manila',
  'Asia/Bangkok',
  'Asia/Jakarta',
  'Asia/Ho_Chi_Minh',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Kolkata',
  'Asia/Dubai',
  'Australia/Perth',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Amsterdam',
  'Europe/Zurich',
  'Europe/Helsinki',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Toronto',
  'America/Vancouver',
  'America/Sao_Paulo',
  'America/Mexico_City',
  'UTC',
] as const;

/** "Asia/Taipei (UTC+08:00)" for a choice list; the offset is today's (DST shows the current one). */
export function zoneTitle(timeZone: string, at: Date): string {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value;
    const offset = part === 'GMT' ? 'UTC' : part?.replace('GMT', 'UTC');
    return offset ? `${timeZone.replace(/_/g, ' ')} (${offset})` : timeZone;
  } catch {
    return timeZone;
  }
}
