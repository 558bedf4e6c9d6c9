import { describe, expect, it } from "vitest";
import { exportHref, hasActiveFilters, parseContactFilters, toListFilters } from "./contact-filters";

const tagId = "0b0f6f3e-6c8e-4b36-9b1a-2f1b7c2d9a10";

describe("contact filters", () => {
  it("keeps only the filters it understands from the URL", () => {
    expect(parseContactFilters({ q: "ana", phone: "with", email: "maybe", tagId: 42, other: "x" })).toEqual({
      q: "ana",
      tagId: undefined,
      companyId: undefined,
      phone: "with",
      email: undefined,
    });
    expect(hasActiveFilters(parseContactFilters({}))).toBe(false);
    // the router reads ?q=98765 as a number; a phone search is still text
    expect(parseContactFilters({ q: 98765 }).q).toBe("98765");
  });

  it("turns presence choices into the API's booleans and trims the search", () => {
    expect(toListFilters({ q: "  ana ", phone: "without", email: "with", tagId })).toEqual({
      search: "ana",
      hasPhone: false,
      hasEmail: true,
      tagId,
    });
  });

  it("exports exactly the filtered list", () => {
    expect(exportHref("", { q: "ana souza", tagId, phone: "with" })).toBe(
      `/api/v1/contacts/export.csv?search=ana+souza&tagId=${tagId}&hasPhone=true`,
    );
    expect(exportHref("https://api.example.com", {})).toBe(
      "https://api.example.com/api/v1/contacts/export.csv",
    );
  });
});
