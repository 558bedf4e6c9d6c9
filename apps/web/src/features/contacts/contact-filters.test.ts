import { describe, expect, it } from "vitest";
import {
  clearedFilters,
  exportHref,
  hasActiveFilters,
  maxContactSearchLength,
  parseContactFilters,
  toListFilters,
} from "./contact-filters";

const tagId = "0b0f6f3e-6c8e-4b36-9b1a-2f1b7c2d9a10";

describe("contact filters", () => {
  it("keeps only the filters it understands from the URL", () => {
    expect(parseContactFilters({ q: "ana", phone: "with", email: "maybe", tagId: 42, other: "x" })).toEqual({
      q: "ana",
      tagId: undefined,
      companyId: undefined,
      phone: "with",
      email: undefined,
      sort: undefined,
    });
    expect(hasActiveFilters(parseContactFilters({}))).toBe(false);
    // the router reads ?q=98765 as a number; a phone search is still text
    expect(parseContactFilters({ q: 98765 }).q).toBe("98765");
  });

  it("cuts a search longer than the API takes (100 characters) instead of failing the list", () => {
    expect(maxContactSearchLength).toBe(100);
    const long = `${"a".repeat(99)}bcdef`;
    expect(parseContactFilters({ q: long }).q).toBe(`${"a".repeat(99)}b`);
    expect(toListFilters({ q: long }).search).toBe(`${"a".repeat(99)}b`);
    expect(toListFilters({ q: `  ${"a".repeat(120)}` }).search).toHaveLength(100);
  });

  it("turns presence choices into the API's booleans and trims the search", () => {
    expect(toListFilters({ q: "  ana ", phone: "without", email: "with", tagId })).toEqual({
      search: "ana",
      hasPhone: false,
      hasEmail: true,
      tagId,
    });
  });

  it("keeps the name order in the URL, the default (newest first) as no parameter", () => {
    expect(parseContactFilters({ sort: "name" }).sort).toBe("name");
    expect(parseContactFilters({ sort: "createdAt" }).sort).toBeUndefined();
    expect(parseContactFilters({ sort: "email" }).sort).toBeUndefined();
    expect(toListFilters({ sort: "name" })).toEqual({ sort: "name" });
    expect(toListFilters({})).toEqual({});
  });

  it("counts an order as no filter, and keeps it when the filters are cleared", () => {
    expect(hasActiveFilters({ sort: "name" })).toBe(false);
    expect(hasActiveFilters({ sort: "name", phone: "with" })).toBe(true);
    expect(clearedFilters({ q: "ana", tagId, sort: "name" })).toEqual({ sort: "name" });
  });

  it("exports exactly the filtered list", () => {
    expect(exportHref("", { q: "ana souza", tagId, phone: "with" })).toBe(
      `/api/v1/contacts/export.csv?search=ana+souza&tagId=${tagId}&hasPhone=true`,
    );
    expect(exportHref("", { sort: "name" })).toBe("/api/v1/contacts/export.csv?sort=name");
    expect(exportHref("https://api.example.com", {})).toBe(
      "https://api.example.com/api/v1/contacts/export.csv",
    );
  });
});
