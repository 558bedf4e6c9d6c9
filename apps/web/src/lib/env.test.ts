import { describe, expect, it } from "vitest";
import { realtimeUrl, resolveApiBaseUrl } from "./env";

describe("resolveApiBaseUrl", () => {
  it("uses the same origin when VITE_API_URL is not set", () => {
    expect(resolveApiBaseUrl(undefined)).toBe("");
    expect(resolveApiBaseUrl("  ")).toBe("");
  });

  it("drops trailing slashes so paths join cleanly", () => {
    expect(resolveApiBaseUrl("https://api.example.com/")).toBe("https://api.example.com");
  });
});

describe("realtimeUrl", () => {
  it("opens the socket on the page's origin when the API is same-origin", () => {
    expect(realtimeUrl("", "http://localhost:3000")).toBe("ws://localhost:3000/trpc-ws");
  });

  it("opens a secure socket on the API's origin when VITE_API_URL names one", () => {
    expect(realtimeUrl("https://api.example.com", "https://app.example.com")).toBe(
      "wss://api.example.com/trpc-ws",
    );
  });
});
