import { describe, expect, it } from "vitest";
import { arrivalOrderedId } from "./arrival-order";

const earlierLog = "01890a5d-ac96-7abc-8def-0123456789ab";
const laterLog = "01890a5d-ac96-7abd-8000-000000000000";

describe("inbound message ids", () => {
  it("are version 7 uuids carrying their webhook's time part", () => {
    const id = arrivalOrderedId(earlierLog, 0);

    expect(id).toMatch(/^01890a5d-ac96-7abc-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("sort by their webhook's arrival, then by their position in its payload", () => {
    const ids = [
      arrivalOrderedId(earlierLog, 0),
      arrivalOrderedId(earlierLog, 1),
      arrivalOrderedId(earlierLog, 2),
      arrivalOrderedId(laterLog, 0),
    ];

    expect(ids.toSorted()).toEqual(ids);
  });

  it("stay well formed past the positions they can tell apart", () => {
    expect(arrivalOrderedId(earlierLog, 1_000_000)).toMatch(/^01890a5d-ac96-7abc-bfff-[0-9a-f]{12}$/);
  });

  it("are left to the database for a webhook stored before its id carried its arrival", () => {
    expect(arrivalOrderedId("3f2b8c1e-9d4a-4f6b-a1c2-d3e4f5a6b7c8", 0)).toBeUndefined();
  });
});
