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

/** "3 days ago", "in 2 hours", "now": for timelines, where the distance matters more than the date. */
export function formatRelative(value: DateInput, locale: Locale, now: Date = new Date()): string {
  const seconds = Math.round((toDate(value).getTime() - now.getTime()) / 1000);
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ["day", 86_400],
    ["hour", 3_600],
    ["minute", 60],
  ];
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  // 0 minutes would read "this minute" ("este minuto"); 0 seconds is "now" ("agora")
  if (Math.abs(seconds) < 60) return format.format(0, "second");
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === "minute") {
      if (unit === "day" && Math.abs(seconds) >= 7 * 86_400) return formatDate(value, locale);
      return format.format(Math.round(seconds / size), unit);
    }
  }
  return formatDate(value, locale);
}
