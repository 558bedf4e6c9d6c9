import { describe, expect, it } from "vitest";
import { formatCalendarDate, formatRelative } from "./format";

describe("formatCalendarDate", () => {
  it("shows the calendar day itself, not the day before in western time zones", () => {
    expect(formatCalendarDate("2025-12-31", "en")).toBe("Dec 31, 2025");
    expect(formatCalendarDate("2025-01-01", "pt-BR")).toBe("1 de jan. de 2025");
  });
});

describe("formatRelative", () => {
  const now = new Date("2025-06-10T12:00:00Z");

  it("says how long ago something happened in the user's language", () => {
    expect(formatRelative("2025-06-10T11:55:00Z", "en", now)).toBe("5 minutes ago");
    expect(formatRelative("2025-06-09T12:00:00Z", "en", now)).toBe("yesterday");
    expect(formatRelative("2025-06-10T15:00:00Z", "pt-BR", now)).toBe("em 3 horas");
  });

  it("says now, not this minute, for less than a minute either way, in both languages", () => {
    for (const when of ["2025-06-10T12:00:00Z", "2025-06-10T11:59:31Z", "2025-06-10T12:00:20Z"]) {
      expect(formatRelative(when, "en", now)).toBe("now");
      expect(formatRelative(when, "pt-BR", now)).toBe("agora");
    }
    expect(formatRelative("2025-06-10T11:59:00Z", "en", now)).toBe("1 minute ago");
    expect(formatRelative("2025-06-10T11:59:00Z", "pt-BR", now)).toBe("há 1 minuto");
  });

  it("falls back to the date after a week", () => {
    expect(formatRelative("2025-05-01T12:00:00Z", "en", now)).toBe("May 1, 2025");
  });
});
