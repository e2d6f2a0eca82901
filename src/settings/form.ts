/**
 * The settings card's inputs ↔ team settings (issue 5 point 6). Pure: raw card inputs in, the new settings or
 * field errors (input id + i18n key) out; every value is validated by the same zod schemas the clock uses.
 */
import { z } from 'zod';
import { teamCalendarSchema, weekdays, type TeamCalendar } from '../sla/calendar.js';
import { slaPolicySchema } from '../sla/deadline.js';
import { reminderPolicySchema } from '../sla/reminderPlan.js';
import { supportedLocales } from '../i18n/index.js';
import type { Actor } from '../flow/case.js';
import type { FieldError, RawInputs } from '../flow/forms.js';
import { nameOf, type TeamSettings } from './teamSettings.js';
import { partnerPromiseSchema, type PartnerPromise } from '../sla/partnerPromise.js';

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
/** Split on commas, semicolons, spaces and the Chinese list marks 、，； (escaped: the bundle must stay ASCII). */
const list = (v: unknown) =>
  str(v)
    .split(/[,;\s\u3001\uff0c\uff1b]+/)
    .map((x) => x.trim())
    .filter(Boolean);
const bool = (v: unknown) => v === true || v === 'true';

/** Issue 14 point 6: the partner's promise inputs, promise_A … promise_nonBreakFix (hours, empty = no promise). */
export const promiseSeverities = ['A', 'B', 'C', 'nonBreakFix'] as const;
export const promiseField = (s: (typeof promiseSeverities)[number]) => `promise_${s}`;

/** Input ids of the card; the day rows are hours_mon … hours_sun. */
export const hoursField = (d: (typeof weekdays)[number]) => `hours_${d}`;

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
const minutesOf = (x: string) => Number(x.slice(0, 2)) * 60 + Number(x.slice(3, 5));

/**
 * The short form of a calendar (issue 13): the same hours on every workday, at most one break. Undefined when the
 * week is irregular; then the card opens the per-day fields instead.
 */
export function simpleHoursOf(cal: TeamCalendar): { days: string[]; opens: string; closes: string; breakStart?: string; breakEnd?: string } | undefined {
  const open = weekdays.filter((d) => cal.weeklyHours[d].length > 0);
  const first = cal.weeklyHours[open[0] ?? 'mon'];
  if (open.length === 0 || first.length > 2 || first.some((w) => w.endsWith('24:00'))) return undefined;
  if (!open.every((d) => cal.weeklyHours[d].join(',') === first.join(','))) return undefined;
  const [a = '', b] = first;
  const [opens = '', firstEnd = ''] = a.split('-');
  if (!b) return { days: open, opens, closes: firstEnd };
  const [breakEnd = '', closes = ''] = b.split('-');
  return { days: open, opens, closes, breakStart: firstEnd, breakEnd };
}

/**
 * Per-day windows from the short form: workdays, opens/closes pickers and an optional break. Errors name the `opens`
 * input (the message sits under the two pickers).
 */
function hoursFromShortForm(inputs: RawInputs, errors: FieldError[]): Record<string, string[]> | undefined {
  const days = new Set(list(inputs.workdays));
  const opens = str(inputs.opens).slice(0, 5);
  const closes = str(inputs.closes).slice(0, 5);
  const breakStart = str(inputs.breakStart).slice(0, 5);
  const breakEnd = str(inputs.breakEnd).slice(0, 5);
  const fail = (key: string) => {
    errors.push({ field: 'opens', key });
    return undefined;
  };
  if (days.size === 0) return fail('experience.settings.error.noWorkdays');
  if (!hhmm.test(opens) || !hhmm.test(closes) || minutesOf(opens) >= minutesOf(closes)) return fail('experience.settings.error.opensCloses');
  let windows = [`${opens}-${closes}`];
  if (breakStart || breakEnd) {
    const ok = hhmm.test(breakStart) && hhmm.test(breakEnd) && minutesOf(opens) < minutesOf(breakStart) && minutesOf(breakStart) < minutesOf(breakEnd) && minutesOf(breakEnd) < minutesOf(closes);
    if (!ok) return fail('experience.settings.error.break');
    windows = [`${opens}-${breakStart}`, `${breakEnd}-${closes}`];
  }
  return Object.fromEntries(weekdays.map((d) => [d, days.has(d) ? windows : []]));
}

/** Which input an issue of the zod schemas belongs to. */
function fieldOf(path: PropertyKey[], shortForm: boolean): string {
  const [a, b, c] = path.map(String);
  if (a === 'calendar') {
    if (b === 'weeklyHours') return shortForm ? 'opens' : c ? `hours_${c}` : 'hours_mon';
    return b ?? 'timeZone';
  }
  if (a === 'reminderPolicy') return b === 'overdueEveryMinutes' ? 'overdueEvery' : (b ?? 'minutesBefore');
  if (a === 'slaPolicy') return 'businessHoursSeverities';
  return a ?? '';
}

export interface SettingsFormResult {
  ok: boolean;
  settings?: TeamSettings;
  errors: FieldError[];
}

export function parseSettingsForm(current: TeamSettings, inputs: RawInputs, actor: Actor): SettingsFormResult {
  const errors: FieldError[] = [];
  const localeText = str(inputs.locale);
  const overdueText = str(inputs.overdueEvery) || 'auto';
  const overdue = overdueText === 'auto' ? 'auto' : /^\d{1,4}$/.test(overdueText) ? Number(overdueText) : NaN;
  if (Number.isNaN(overdue)) errors.push({ field: 'overdueEvery', key: 'settings.error.overdueEvery' });
  const minutesBefore = list(inputs.minutesBefore).map((x) => (/^\d{1,5}$/.test(x) ? Number(x) : NaN));
  if (minutesBefore.some(Number.isNaN)) errors.push({ field: 'minutesBefore', key: 'settings.error.minutesBefore' });
  // The digest time is a time picker with an "off" toggle; older cards typed "off" into the field.
  const digest = bool(inputs.digestOff) ? 'off' : str(inputs.digestTime).slice(0, 5) || 'off';
  // Per-day text fields when the admin chose them (or an older card without the short form sent only those).
  const shortForm = inputs.workdays !== undefined && !bool(inputs.perDay);
  const weeklyHours = shortForm
    ? hoursFromShortForm(inputs, errors)
    : Object.fromEntries(weekdays.map((d) => [d, list(inputs[hoursField(d)])]));

  const candidate = {
    calendar: {
      timeZone: str(inputs.timeZone),
      weeklyHours: weeklyHours ?? Object.fromEntries(weekdays.map((d) => [d, ['09:00-18:00']])),
      ...(str(inputs.holidayRegion) ? { holidayRegion: str(inputs.holidayRegion).toUpperCase() } : {}),
      customHolidays: list(inputs.customHolidays),
      makeUpWorkdays: list(inputs.makeUpWorkdays),
    },
    slaPolicy: { ...(current.slaPolicy ?? {}), businessHoursSeverities: list(inputs.businessHoursSeverities) },
    reminderPolicy: {
      ...(current.reminderPolicy ?? {}),
      halfway: bool(inputs.halfway),
      minutesBefore: minutesBefore.filter((x) => !Number.isNaN(x)),
      atDue: bool(inputs.atDue),
      overdueEveryMinutes: Number.isNaN(overdue) ? 'auto' : overdue,
      mentionLeadsAfterBreach: bool(inputs.mentionLeads),
    },
    digestTime: digest,
  };
  const schema = z.object({
    calendar: teamCalendarSchema,
    slaPolicy: slaPolicySchema,
    reminderPolicy: reminderPolicySchema,
    digestTime: z.union([z.literal('off'), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/)]),
  });
  const parsed = schema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path, shortForm);
      if (errors.some((e) => e.field === field)) continue;
      // The schemas' own messages are English; the card shows our catalog text for the field, with the detail.
      const key = field === 'opens' ? 'experience.settings.error.opensCloses' : `settings.error.${field.startsWith('hours_') ? 'hours' : field || 'form'}`;
      errors.push({ field, key, params: { detail: issue.message } });
    }
  }
  const promise = parsePromise(inputs, errors);
  const channel = str(inputs.escalationChannelId);
  if (errors.length || !parsed.success) return { ok: false, errors };

  const leadIds = list(inputs.leads);
  const leads = leadIds.map((id) => ({ id, name: nameOf(current, id) }));
  if (bool(inputs.leadsAddMe)) {
    const me = actor.aadObjectId ?? actor.id;
    const i = leads.findIndex((l) => l.id === me || l.id === actor.id);
    if (i >= 0) leads[i] = { id: leads[i]!.id, name: actor.name };
    else leads.push({ id: me, name: actor.name });
  }
  // Whoever saves keeps their own admin entry, so nobody locks themselves out of the settings by accident.
  const mine = current.admins.filter((a) => a === actor.id || a === actor.aadObjectId);
  const admins = Array.from(new Set([...list(inputs.admins), ...mine]));

  const settings: TeamSettings = {
    ...current,
    calendar: parsed.data.calendar as TeamCalendar,
    slaPolicy: parsed.data.slaPolicy,
    reminderPolicy: parsed.data.reminderPolicy,
    digestTime: parsed.data.digestTime,
    leads,
    admins: admins.length ? admins : current.admins,
    ...(channel ? { escalationChannelId: channel } : {}),
  };
  if (promise) settings.partnerPromise = promise;
  else delete settings.partnerPromise;
  // Absent from the card (Azure support off): keep what was stored.
  if ('azureFiling' in inputs) settings.azureFiling = bool(inputs.azureFiling);
  if ((supportedLocales as readonly string[]).includes(localeText)) settings.locale = localeText as TeamSettings['locale'];
  else delete settings.locale;
  return { ok: true, settings, errors: [] };
}

/** Hours per severity; all empty means no promise (no second clock). Decimal hours allowed ("0.5" = 30 min). */
function parsePromise(inputs: RawInputs, errors: FieldError[]): PartnerPromise | undefined {
  const out: Record<string, number> = {};
  for (const sev of promiseSeverities) {
    const text = str(inputs[promiseField(sev)]).replace(',', '.');
    if (!text) continue;
    const parsed = partnerPromiseSchema.shape[sev].safeParse(/^\d{1,3}(\.\d{1,2})?$/.test(text) ? Number(text) : NaN);
    if (!parsed.success || parsed.data === undefined) errors.push({ field: promiseField(sev), key: 'partnerClock.settings.error' });
    else out[sev] = parsed.data;
  }
  return Object.keys(out).length ? (out as PartnerPromise) : undefined;
}
