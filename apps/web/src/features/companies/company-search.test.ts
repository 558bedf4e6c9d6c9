import { describe, expect, it } from "vitest";
import { parseCompanySearch } from "./company-search";

describe("parseCompanySearch", () => {
  it("keeps a search, digits included, and drops a blank or missing one", () => {
    expect(parseCompanySearch({ q: "acme" })).toEqual({ q: "acme" });
    expect(parseCompanySearch({ q: 2024 })).toEqual({ q: "2024" });
    expect(parseCompanySearch({ q: "  " })).toEqual({ q: undefined });
    expect(parseCompanySearch({})).toEqual({ q: undefined });
    expect(parseCompanySearch({ q: ["a"] })).toEqual({ q: undefined });
  });
});
