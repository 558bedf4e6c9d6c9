import { describe, expect, it } from "vitest";
import { lostReasonPlace } from "./lost-reason-place";

describe("lostReasonPlace", () => {
  it("sends the neighbour's place in the whole list, not a stored position past its end", () => {
    const gappy = [
      { id: "c", position: 9 },
      { id: "a", position: 0 },
      { id: "b", position: 5 },
    ];
    expect(lostReasonPlace(gappy, "c")).toBe(2);
    expect(lostReasonPlace(gappy, "b")).toBe(1);
    expect(lostReasonPlace(gappy, "a")).toBe(0);
  });

  it("sends nothing for a reason no longer in the list", () => {
    expect(lostReasonPlace([{ id: "a", position: 0 }], "gone")).toBeUndefined();
  });
});
