import { describe, expect, it } from "vitest";
import { safeRedirect, validateRedirectSearch } from "./redirect";

describe("safeRedirect", () => {
  it("follows paths inside the app", () => {
    expect(safeRedirect("/settings/team?tab=1")).toBe("/settings/team?tab=1");
    expect(safeRedirect("/inbox/c-1?status=open#latest")).toBe("/inbox/c-1?status=open#latest");
  });

  it("drops anything that could leave the app", () => {
    expect(safeRedirect("https://evil.example")).toBeUndefined();
    expect(safeRedirect("https://example.org/x")).toBeUndefined();
    expect(safeRedirect("//evil.example")).toBeUndefined();
    expect(safeRedirect("/\\evil.example")).toBeUndefined();
    expect(safeRedirect("javascript:alert(1)")).toBeUndefined();
    expect(safeRedirect(42)).toBeUndefined();
    expect(safeRedirect(undefined)).toBeUndefined();
  });

  it("drops paths the browser would read as another host, since it ignores tabs and newlines", () => {
    expect(safeRedirect("/\t/evil.example")).toBeUndefined();
    expect(safeRedirect("/\n/evil.example/x")).toBeUndefined();
    expect(safeRedirect("\\/evil.example")).toBeUndefined();
  });

  it("never leads back to the login page: a nested redirect is unwrapped to where the user was", () => {
    expect(safeRedirect("/login")).toBeUndefined();
    expect(safeRedirect("/login?redirect=%2Finbox%2Fc-1")).toBe("/inbox/c-1");
    expect(safeRedirect("/login?redirect=/login?redirect=/login?redirect=/inbox/c-1")).toBe("/inbox/c-1");
    expect(safeRedirect("/login?redirect=https://evil.example")).toBeUndefined();
  });
});

describe("validateRedirectSearch", () => {
  // what TanStack Router does with a route's validateSearch: `{ ...rawSearch, ...validated }`
  const routed = (search: Record<string, unknown>) => ({ ...search, ...validateRedirectSearch(search) });

  it("keeps a path inside the app", () => {
    expect(routed({ redirect: "/settings/team" }).redirect).toBe("/settings/team");
  });

  it("replaces an unsafe redirect, which the router would otherwise keep from the raw search", () => {
    expect(routed({ redirect: "https://example.org/x" }).redirect).toBeUndefined();
    expect(routed({ redirect: "//example.org/x" }).redirect).toBeUndefined();
    expect(routed({ redirect: "javascript:alert(1)" }).redirect).toBeUndefined();
  });
});
