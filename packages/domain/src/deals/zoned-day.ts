/** The instants a calendar day of a time zone starts and ends (the next day's start), for "today" there. */
export interface ZonedDay {
  start: Date;
  end: Date;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock of `timeZone` at `at`, read as if it were UTC (milliseconds dropped). */
function wallClock(at: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterOf(timeZone).formatToParts(new Date(at))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** The first instant the zone's clock reads the given date (UTC fields of `date`) or later. */
function midnight(date: number, timeZone: string): Date {
  const first = date - (wallClock(date, timeZone) - date);
  // across a change of offset the first guess reads another hour: try the offset found there too
  const second = date - (wallClock(first, timeZone) - first);
  const reached = [first, second].filter((at) => wallClock(at, timeZone) >= date);
  return new Date(Math.min(...(reached.length > 0 ? reached : [first])));
}

/** Today in `timeZone` (an IANA name, e.g. America/Sao_Paulo) at the instant `now`. */
export function zonedDay(now: Date, timeZone: string): ZonedDay {
  const wall = new Date(wallClock(now.getTime(), timeZone));
  const date = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate());
  const next = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate() + 1);
  return { start: midnight(date, timeZone), end: midnight(next, timeZone) };
}
