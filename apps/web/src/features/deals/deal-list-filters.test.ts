import { describe, expect, it } from "vitest";
import { hasListFilters, parseDealsSearch, toListInput } from "./deal-list-filters";

const me = "11111111-1111-4111-8111-111111111111";

describe("the deals URL", () => {
  it("keeps known values and drops unknown ones", () => {
    expect(
      parseDealsSearch({
        view: "list",
        status: "won",
        owner: "me",
        rotting: "yes",
        pipeline: "p",
        stage: "s",
      }),
    ).toEqual({ view: "list", status: "won", owner: "me", rotting: "yes", pipeline: "p", stage: "s" });
    expect(parseDealsSearch({ view: "grid", status: "closed", rotting: "maybe", owner: "" })).toEqual({
      view: undefined,
      pipeline: undefined,
      stage: undefined,
      status: undefined,
      owner: undefined,
      rotting: undefined,
    });
  });

  it("keeps the search trimmed, drops a blank one and cuts one the API would refuse", () => {
    expect(parseDealsSearch({ q: "  Padaria  " }).q).toBe("Padaria");
    expect(parseDealsSearch({ q: "   " }).q).toBeUndefined();
    expect(parseDealsSearch({ q: "a".repeat(250) }).q).toHaveLength(200);
    expect(hasListFilters({ view: "list", q: "Padaria" })).toBe(true);
    expect(toListInput({ q: "Padaria", status: "open" }, me)).toEqual({ search: "Padaria", status: "open" });
  });

  it("drops a stage without its pipeline", () => {
    expect(parseDealsSearch({ stage: "s" }).stage).toBeUndefined();
  });

  it("keeps a lost reason only for lost deals, and passes it to the list as lostReasonId", () => {
    expect(parseDealsSearch({ status: "lost", lostReason: "r" }).lostReason).toBe("r");
    expect(parseDealsSearch({ status: "won", lostReason: "r" }).lostReason).toBeUndefined();
    expect(parseDealsSearch({ lostReason: "r" }).lostReason).toBeUndefined();
    expect(toListInput({ status: "lost", lostReason: "r" }, me)).toEqual({
      status: "lost",
      lostReasonId: "r",
    });
    expect(hasListFilters({ view: "list", status: "lost", lostReason: "r" })).toBe(true);
  });

  it("does not count the view as a filter", () => {
    expect(hasListFilters({ view: "list" })).toBe(false);
    expect(hasListFilters({ view: "list", status: "lost" })).toBe(true);
  });
});

describe("the list's input", () => {
  it("reads owner=me as the reader", () => {
    expect(toListInput({ owner: "me", status: "lost", rotting: "no" }, me)).toEqual({
      assigneeId: me,
      status: "lost",
      rotting: false,
    });
  });

  it("reads owner=none as the deals nobody owns", () => {
    expect(toListInput({ owner: "none" }, me)).toEqual({ assigned: false });
  });

  it("asks for every status and owner when none is chosen", () => {
    expect(toListInput({ view: "list", pipeline: "p", stage: "s" }, me)).toEqual({
      pipelineId: "p",
      stage: "s",
    });
  });
});
