import { describe, expect, it } from "vitest";
import { contactSearchTerm, nextResultIndex } from "./contact-search";

describe("contactSearchTerm", () => {
  it("asks nothing for one character or blank space", () => {
    expect(contactSearchTerm(undefined)).toBeUndefined();
    expect(contactSearchTerm("R")).toBeUndefined();
    expect(contactSearchTerm("  é ")).toBeUndefined();
    expect(contactSearchTerm('"R"')).toBeUndefined();
  });

  it("asks from two characters, trimmed", () => {
    expect(contactSearchTerm("Ra")).toBe("Ra");
    expect(contactSearchTerm("  Raimundo ")).toBe("Raimundo");
  });

  it("keeps a phone's punctuation, which the contacts search reduces to digits", () => {
    expect(contactSearchTerm("(91) 91000-0042")).toBe("(91) 91000-0042");
  });

  it("looks for the words of a quoted phrase", () => {
    expect(contactSearchTerm("“Raimundo Araújo”")).toBe("Raimundo Araújo");
  });

  it("cuts a long message search to the 100 characters the contacts search accepts", () => {
    expect(contactSearchTerm(`${"a".repeat(150)}`)).toBe("a".repeat(100));
  });
});

describe("nextResultIndex", () => {
  it("goes down from the search box into the results and stops at the last", () => {
    expect(nextResultIndex("ArrowDown", -1, 3)).toBe(0);
    expect(nextResultIndex("ArrowDown", 1, 3)).toBe(2);
    expect(nextResultIndex("ArrowDown", 2, 3)).toBe(2);
  });

  it("goes up and back to the search box from the first result", () => {
    expect(nextResultIndex("ArrowUp", 2, 3)).toBe(1);
    expect(nextResultIndex("ArrowUp", 0, 3)).toBe(-1);
    expect(nextResultIndex("ArrowUp", -1, 3)).toBe(-1);
  });

  it("jumps with Home and End among the results, but leaves them to the search box's text", () => {
    expect(nextResultIndex("Home", 2, 3)).toBe(0);
    expect(nextResultIndex("End", 0, 3)).toBe(2);
    expect(nextResultIndex("Home", -1, 3)).toBeUndefined();
    expect(nextResultIndex("End", -1, 3)).toBeUndefined();
  });

  it("leaves other keys and an empty result list alone", () => {
    expect(nextResultIndex("Enter", 0, 3)).toBeUndefined();
    expect(nextResultIndex("ArrowDown", -1, 0)).toBeUndefined();
  });
});
