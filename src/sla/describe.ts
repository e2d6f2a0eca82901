/**
 * Text for deadlines on cards and reminders.
 *
 * "1 h 20 min left" / "overdue by 35 min" for the case card and reminders (issue 5: the root card
 * shows time left / overdue by). Wall-clock time: the agent waits in real minutes even when the
 * deadline itself was counted in business hours.
 */
import { t, type Locale } from '../i18n/index.js';

const minute = 60_000;

/** Whole minutes, rounded down, so the card never promises more time than there is. */
export function formatDuration(ms: number, locale: Locale): string {
  const total = Math.floor(Math.abs(ms) / minute);
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  if (days > 0) return t(locale, hours > 0 ? 'sla.duration.daysHours' : 'sla.duration.days', { days, hours });
  if (hours > 0) return t(locale, minutes > 0 ? 'sla.duration.hoursMinutes' : 'sla.duration.hours', { hours, minutes });
  return t(locale, 'sla.duration.minutes', { minutes });
}

export function describeRemaining(due: Date, now: Date, locale: Locale): string {
  const diff = due.getTime() - now.getTime();
  if (Math.abs(diff) < minute) return t(locale, 'sla.remaining.dueNow');
  const duration = formatDuration(diff, locale);
  return t(locale, diff > 0 ? 'sla.remaining.left' : 'sla.remaining.overdue', { duration });
}

/** The one-line explanation of which rule produced a deadline ("Severity B, English: 4 hours around the clock"). */
export function describeRule(rule: { key: string; params: Record<string, string | number> }, locale: Locale): string {
  return t(locale, rule.key, rule.params);
}
