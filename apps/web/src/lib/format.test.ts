import { describe, expect, it } from "vitest";
import { calendarDaysFrom, formatCalendarDate, formatDayHeading, formatRelative, isSameDay } from "./format";

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

describe("formatRelative counts calendar days in the user's time zone", () => {
  const saoPaulo = "America/Sao_Paulo";
  // 09:00 in São Paulo on Wednesday 26 November
  const now = new Date("2025-11-26T12:00:00Z");

  it("never says yesterday for two days ago", () => {
    // 23:00 on Monday in São Paulo: 34 hours ago, closer to one day than two, but two calendar days back
    expect(formatRelative("2025-11-25T02:00:00Z", "pt-BR", now, saoPaulo)).toBe("anteontem");
    expect(formatRelative("2025-11-25T02:00:00Z", "en", now, saoPaulo)).toBe("2 days ago");
  });

  it("says yesterday for last evening, a few hours ago, and hours for earlier today", () => {
    // 22:00 on Tuesday in São Paulo: 11 hours ago, but another day
    expect(formatRelative("2025-11-26T01:00:00Z", "pt-BR", now, saoPaulo)).toBe("ontem");
    // 06:00 today
    expect(formatRelative("2025-11-26T09:00:00Z", "pt-BR", now, saoPaulo)).toBe("há 3 horas");
  });

  it("takes the day where the user is: 01:00 UTC is still the day before in São Paulo", () => {
    expect(calendarDaysFrom("2025-11-26T01:00:00Z", now, saoPaulo)).toBe(-1);
    expect(calendarDaysFrom("2025-11-26T01:00:00Z", now, "UTC")).toBe(0);
  });
});

describe("formatDayHeading", () => {
  const now = new Date("2025-11-27T15:00:00Z");
  const words = { today: "Hoje", yesterday: "Ontem" };

  it("says Hoje, Ontem, then the day and month, in the user's time zone", () => {
    expect(formatDayHeading("2025-11-27T11:00:00Z", "pt-BR", words, now, "America/Sao_Paulo")).toBe("Hoje");
    expect(formatDayHeading("2025-11-27T02:00:00Z", "pt-BR", words, now, "America/Sao_Paulo")).toBe("Ontem");
    expect(formatDayHeading("2025-11-25T15:00:00Z", "pt-BR", words, now, "America/Sao_Paulo")).toBe(
      "25 de nov.",
    );
    expect(formatDayHeading("2025-11-25T15:00:00Z", "en", words, now, "America/Sao_Paulo")).toBe("Nov 25");
  });

  it("adds the year for another year's messages", () => {
    expect(formatDayHeading("2024-11-25T15:00:00Z", "pt-BR", words, now, "UTC")).toBe("25 de nov. de 2024");
  });
});

describe("isSameDay", () => {
  it("compares calendar days where the user is, for the thread's day separators", () => {
    // 20:00 and 23:30 on the 25th in São Paulo, although UTC has already moved to the 26th for the second
    expect(isSameDay("2025-11-25T23:00:00Z", "2025-11-26T02:30:00Z", "America/Sao_Paulo")).toBe(true);
    expect(isSameDay("2025-11-25T23:00:00Z", "2025-11-26T02:30:00Z", "UTC")).toBe(false);
    // 23:30 on the 25th and 00:30 on the 26th
    expect(isSameDay("2025-11-26T02:30:00Z", "2025-11-26T03:30:00Z", "America/Sao_Paulo")).toBe(false);
  });
});
