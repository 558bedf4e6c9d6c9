import { describe, expect, it } from "vitest";
import { zonedDay } from "./zoned-day";

describe("zonedDay", () => {
  it("is the calendar day of the zone, not of UTC", () => {
    // 01:30 UTC on the 16th is still 22:30 of the 15th in São Paulo (UTC-3)
    expect(zonedDay(new Date("2025-06-16T01:30:00Z"), "America/Sao_Paulo")).toEqual({
      start: new Date("2025-06-15T03:00:00Z"),
      end: new Date("2025-06-16T03:00:00Z"),
    });
    expect(zonedDay(new Date("2025-06-16T01:30:00Z"), "UTC")).toEqual({
      start: new Date("2025-06-16T00:00:00Z"),
      end: new Date("2025-06-17T00:00:00Z"),
    });
    expect(zonedDay(new Date("2025-06-15T20:00:00Z"), "Asia/Tokyo")).toEqual({
      start: new Date("2025-06-15T15:00:00Z"),
      end: new Date("2025-06-16T15:00:00Z"),
    });
  });

  it("has 23 or 25 hours on the days the clock changes", () => {
    // Europe/Berlin: summer time starts on 30 March 2025 at 02:00 and ends on 26 October at 03:00
    const spring = zonedDay(new Date("2025-03-30T12:00:00Z"), "Europe/Berlin");
    expect(spring).toEqual({
      start: new Date("2025-03-29T23:00:00Z"),
      end: new Date("2025-03-30T22:00:00Z"),
    });
    const autumn = zonedDay(new Date("2025-10-26T12:00:00Z"), "Europe/Berlin");
    expect(autumn).toEqual({
      start: new Date("2025-10-25T22:00:00Z"),
      end: new Date("2025-10-26T23:00:00Z"),
    });
  });

  it("starts at the first instant of a day whose midnight the clock skips", () => {
    // Brazil's summer time began at midnight: on 4 November 2018 São Paulo went from 23:59:59 to 01:00
    const day = zonedDay(new Date("2018-11-04T15:00:00Z"), "America/Sao_Paulo");
    expect(day.start).toEqual(new Date("2018-11-04T03:00:00Z"));
    expect(day.end).toEqual(new Date("2018-11-05T02:00:00Z"));
  });
});
