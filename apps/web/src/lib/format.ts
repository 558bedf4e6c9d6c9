import type { Locale } from "../i18n/locale";

type DateInput = string | Date;

const toDate = (value: DateInput): Date => (value instanceof Date ? value : new Date(value));

export const formatDate = (value: DateInput, locale: Locale): string =>
  new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(toDate(value));

export const formatDateTime = (value: DateInput, locale: Locale): string =>
  new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(toDate(value));

export const isPast = (value: DateInput, now: Date = new Date()): boolean =>
  toDate(value).getTime() < now.getTime();

/** A calendar date ("2025-12-31") in the user's words, the same day whatever their time zone. */
export const formatCalendarDate = (value: string, locale: Locale): string =>
  new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${value}T00:00:00Z`),
  );

/** The calendar day (as "2025-06-10") an instant falls on in a time zone; the browser's when none is given. */
const dayKey = (date: Date, timeZone?: string): string =>
  new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }).format(
    date,
  );

/**
 * How many calendar days `value` is after `now` in the user's time zone: 0 the same day, -1 the day before
 * (however few hours ago), 1 the next one.
 */
export function calendarDaysFrom(value: DateInput, now: Date = new Date(), timeZone?: string): number {
  const dayOf = (date: Date) => Date.parse(`${dayKey(date, timeZone)}T00:00:00Z`);
  return Math.round((dayOf(toDate(value)) - dayOf(now)) / 86_400_000);
}

/**
 * "3 days ago", "in 2 hours", "now": for timelines, where the distance matters more than the date. Days count
 * calendar days in the user's time zone: yesterday evening is "yesterday" this morning, and two days ago is
 * never "yesterday".
 */
export function formatRelative(
  value: DateInput,
  locale: Locale,
  now: Date = new Date(),
  timeZone?: string,
): string {
  const seconds = Math.round((toDate(value).getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  // 0 minutes would read "this minute" ("este minuto"); 0 seconds is "now" ("agora")
  if (Math.abs(seconds) < 60) return format.format(0, "second");
  if (Math.abs(seconds) < 3_600) return format.format(Math.round(seconds / 60), "minute");
  const days = calendarDaysFrom(value, now, timeZone);
  if (days === 0) return format.format(Math.round(seconds / 3_600), "hour");
  if (Math.abs(days) >= 7) return formatDate(value, locale);
  return format.format(days, "day");
}

/** A thread's day heading: "Today", "Yesterday", else "Nov 25" (with the year when it is not this one). */
export function formatDayHeading(
  value: DateInput,
  locale: Locale,
  words: { today: string; yesterday: string },
  now: Date = new Date(),
  timeZone?: string,
): string {
  const days = calendarDaysFrom(value, now, timeZone);
  if (days === 0) return words.today;
  if (days === -1) return words.yesterday;
  const sameYear = dayKey(toDate(value), timeZone).slice(0, 4) === dayKey(now, timeZone).slice(0, 4);
  return new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "short",
    year: sameYear ? undefined : "numeric",
    timeZone,
  }).format(toDate(value));
}

/** Whether two instants fall on the same calendar day in the user's time zone. */
export const isSameDay = (a: DateInput, b: DateInput, timeZone?: string): boolean =>
  dayKey(toDate(a), timeZone) === dayKey(toDate(b), timeZone);
