import { describe, expect, it } from "vitest";
import { resolveApiBaseUrl } from "./env";

describe("resolveApiBaseUrl", () => {
  it("uses the same origin when VITE_API_URL is not set", () => {
    expect(resolveApiBaseUrl(undefined)).toBe("");
    expect(resolveApiBaseUrl("  ")).toBe("");
  });

  it("drops trailing slashes so paths join cleanly", () => {
    expect(resolveApiBaseUrl("https://api.example.com/")).toBe("https://api.example.com");
  });
});
