import { describe, expect, it } from "vitest";
import { guessWindowStart, type MessageTimes } from "./message-times";

/** 1,000,000 messages sent one a second over 101 histogram bounds, 60 % of them one organization's. */
const times: MessageTimes = {
  rows: 1_000_000,
  sentAtBounds: Array.from({ length: 101 }, (_, bound) => bound * 10_000_000),
  organizationShares: new Map([
    ["big", 0.6],
    ["small", 0.001],
  ]),
};

describe("guessing where a search's window of the newest matches starts", () => {
  it("cuts the histogram where the organization's messages holding the window, with a margin, begin", () => {
    // a word in 1 message in 100, a window of 1,000: 150,000 of the organization's 600,000, its newest quarter
    expect(guessWindowStart(times, "big", 0.01, 1000)).toEqual(new Date(75 * 10_000_000));
    // twice as common: half as far back
    expect(guessWindowStart(times, "big", 0.02, 1000)).toEqual(new Date(87 * 10_000_000));
  });

  it("cannot tell for an organization the statistics do not name, a rare word or one missing from them", () => {
    expect(guessWindowStart(times, "unknown", 0.01, 1000)).toBeNull();
    // the small organization's 1,000 messages hold 10 matches: the window is all of them
    expect(guessWindowStart(times, "small", 0.01, 1000)).toBeNull();
    expect(guessWindowStart(times, "big", 0.002, 1000)).toBeNull();
    expect(guessWindowStart(times, "big", 0, 1000)).toBeNull();
    expect(guessWindowStart({ ...times, sentAtBounds: [0] }, "big", 0.01, 1000)).toBeNull();
  });
});
