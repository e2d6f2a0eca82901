/**
 * The "Record SR" form (issue 4 point 4) as a pure parser: raw card inputs + the case + now → the filing facts the
 * deadline clock needs (number, when filed, severity), or field errors to show next to each input.
 */
import { severities, type Case, type Cloud, type Severity } from '../flow/case.js';
import type { FieldError, Parsed, RawInputs } from '../flow/forms.js';
import { isValidTimeZone, isoDate, localDateOf, parseIsoDate, wallParts, zonedInstant } from '../sla/zonedTime.js';

export const srFields = ['srNumber', 'filedDate', 'filedTime', 'severity'] as const;

/**
 * Service-request numbers. Microsoft's are digits: Azure support tickets are 16 digits today (e.g. 2411200010001234),
 * Microsoft 365 admin center requests 8–12; older and partner tickets vary. We accept 6–20 digits, ignoring the
 * spaces and dashes people paste, rather than lock out a format we have not seen. 21Vianet's numbers are not
 * documented in our sources (seed 003 only says a representative contacts the partner), so for that cloud an
 * alphanumeric ID of 6–40 characters (letters, digits, inner dashes) is accepted as typed.
 */
export function parseSrNumber(raw: string, cloud: Cloud): { ok: true; number: string } | { ok: false; key: string } {
  const typed = raw.trim();
  if (typed === '') return { ok: false, key: 'escalation.sr.error.required' };
  if (cloud === 'china21v') {
    const id = typed.replace(/\s+/g, '').toUpperCase();
    return /^[A-Z0-9](?:[A-Z0-9-]{4,38})[A-Z0-9]$/.test(id) ? { ok: true, number: id } : { ok: false, key: 'escalation.sr.error.number21v' };
  }
  const digits = typed.replace(/[\s-]/g, '');
  return /^\d{6,20}$/.test(digits) ? { ok: true, number: digits } : { ok: false, key: 'escalation.sr.error.numberDigits' };
}

/** Clocks of the agent's device and the bot may differ a little; a filing time a minute ahead is not "the future". */
const clockSkewMs = 2 * 60_000;

const str = (inputs: RawInputs, key: string, max: number): string => {
  const v = inputs[key];
  return typeof v === 'string' ? v.slice(0, max).trim() : typeof v === 'number' ? String(v) : '';
};

export interface SrFormContext {
  now: Date;
  /** IANA zone the date and time inputs were shown in (the agent's Teams client time zone, else UTC). */
  timeZone: string;
}

export interface SrFiling {
  number: string;
  filedAt: string;
  severity: Severity;
}

export function parseSrForm(c: Case, inputs: RawInputs, ctx: SrFormContext): Parsed<SrFiling> {
  const errors: FieldError[] = [];
  const cloud = c.intake?.cloud ?? 'commercial';
  const timeZone = isValidTimeZone(ctx.timeZone) ? ctx.timeZone : 'UTC';

  const num = parseSrNumber(str(inputs, 'srNumber', 200), cloud);
  if (!num.ok) errors.push({ field: 'srNumber', key: num.key });

  const severityRaw = str(inputs, 'severity', 40);
  const severity = (severities as readonly string[]).includes(severityRaw) ? (severityRaw as Severity) : undefined;
  if (!severity) errors.push({ field: 'severity', key: 'escalation.sr.error.severity' });

  const dateRaw = str(inputs, 'filedDate', 20);
  const timeRaw = str(inputs, 'filedTime', 20);
  const date = parseIsoDate(dateRaw);
  const time = /^([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?$/.exec(timeRaw);
  if (!date) errors.push({ field: 'filedDate', key: dateRaw ? 'escalation.sr.error.date' : 'escalation.sr.error.required' });
  if (!time) errors.push({ field: 'filedTime', key: timeRaw ? 'escalation.sr.error.time' : 'escalation.sr.error.required' });

  let filedAt: string | undefined;
  if (date && time) {
    const at = zonedInstant(date, Number(time[1]) * 60 + Number(time[2]), timeZone);
    // The form has minute precision: a request filed in the case's first minute must still be accepted.
    const created = Date.parse(c.createdAt);
    const createdMinute = created - (created % 60_000);
    if (at > ctx.now.getTime() + clockSkewMs) errors.push({ field: 'filedTime', key: 'escalation.sr.error.future' });
    else if (at < createdMinute) {
      const local = localInputs(new Date(created), timeZone);
      errors.push({ field: 'filedTime', key: 'escalation.sr.error.beforeCase', params: { date: local.date, time: local.time, timeZone } });
    } else filedAt = new Date(at).toISOString();
  }

  if (errors.length || !num.ok || !severity || !filedAt) return { ok: false, errors };
  return { ok: true, value: { number: num.number, filedAt, severity } };
}

/** Values for Input.Date / Input.Time showing an instant in a zone (the form's default "now"). */
export function localInputs(at: Date, timeZone: string): { date: string; time: string } {
  const zone = isValidTimeZone(timeZone) ? timeZone : 'UTC';
  const w = wallParts(at.getTime(), zone);
  const p = (n: number) => String(n).padStart(2, '0');
  return { date: isoDate(localDateOf(at.getTime(), zone)), time: `${p(w.hour)}:${p(w.minute)}` };
}
