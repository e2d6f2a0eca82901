/**
 * Wall-clock arithmetic in an IANA time zone with nothing but Intl (no tz library is installed).
 * The business-hours clock walks local dates and turns each window edge back into an instant,
 * so a 23- or 25-hour day around a DST change is measured in real minutes, never assumed.
 */

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

interface WallParts extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

export function wallParts(instantMs: number, timeZone: string): WallParts {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instantMs))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year ?? 0,
    month: out.month ?? 0,
    day: out.day ?? 0,
    hour: (out.hour ?? 0) % 24,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

/** Offset of the zone from UTC at an instant, in ms (UTC+8 → 8 h). */
function offsetAt(instantMs: number, timeZone: string): number {
  const w = wallParts(instantMs, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (instantMs - (instantMs % 1000 + 1000) % 1000);
}

/**
 * The instant at which the zone's clock shows `minuteOfDay` on `date` (minuteOfDay may be 1440 = next midnight).
 * A wall time skipped by a spring-forward gap maps to the same distance past the gap (02:30 → 03:30);
 * a repeated wall time (fall-back) maps to its first occurrence.
 */
export function zonedInstant(date: LocalDate, minuteOfDay: number, timeZone: string): number {
  const wallMs = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  const before = offsetAt(wallMs - 36 * 3_600_000, timeZone);
  const after = offsetAt(wallMs + 36 * 3_600_000, timeZone);
  const candidates = [...new Set([before, after])]
    .map((o) => wallMs - o)
    .filter((t) => wallMs - offsetAt(t, timeZone) === t)
    .sort((a, b) => a - b);
  return candidates[0] ?? wallMs - before;
}

export function localDateOf(instantMs: number, timeZone: string): LocalDate {
  const { year, month, day } = wallParts(instantMs, timeZone);
  return { year, month, day };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday (the weekday of a calendar date does not depend on the zone). */
export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

export function isoDate(date: LocalDate): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(date.year, 4)}-${p(date.month)}-${p(date.day)}`;
}

export function parseIsoDate(s: string): LocalDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return undefined;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isoDate(addDays(date, 0)) === s ? date : undefined;
}
