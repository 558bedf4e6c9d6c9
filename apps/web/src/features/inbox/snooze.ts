export type SnoozePreset = "oneHour" | "tomorrow" | "nextWeek";

/** When each preset wakes the conversation, in the user's local time (tomorrow and next Monday at 9:00). */
export function snoozeUntil(preset: SnoozePreset, now: Date): Date {
  if (preset === "oneHour") return new Date(now.getTime() + 60 * 60 * 1000);
  const date = new Date(now);
  date.setHours(9, 0, 0, 0);
  if (preset === "tomorrow") {
    date.setDate(date.getDate() + 1);
    return date;
  }
  const daysToMonday = (8 - date.getDay()) % 7 || 7;
  date.setDate(date.getDate() + daysToMonday);
  return date;
}

/** The value of an `<input type="datetime-local">` for a date, in local time. */
export function toLocalInputValue(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
