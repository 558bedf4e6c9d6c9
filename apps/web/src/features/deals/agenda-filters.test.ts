import { describe, expect, it } from "vitest";
import { agendaInput, parseAgendaFilters } from "./agenda-filters";

describe("parseAgendaFilters", () => {
  it("keeps the known values and drops the rest", () => {
    expect(parseAgendaFilters({ owner: "all", type: "call" })).toEqual({ owner: "all", type: "call" });
    expect(parseAgendaFilters({ owner: "bob", type: "note" })).toEqual({ owner: undefined, type: undefined });
  });
});

describe("agendaInput", () => {
  it("asks for my deals' activities not done yet unless everyone's are wanted", () => {
    expect(agendaInput({}, "today")).toEqual({ due: "today", done: false, owner: "me" });
    expect(agendaInput({ owner: "all", type: "meeting" }, "overdue")).toEqual({
      due: "overdue",
      done: false,
      type: "meeting",
    });
  });
});
