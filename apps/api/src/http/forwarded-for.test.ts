import { describe, expect, it } from "vitest";
import { forwardedClient } from "./forwarded-for";

describe("forwardedClient", () => {
  it("takes the address the proxy added, not one the client wrote before it", () => {
    expect(forwardedClient("203.0.113.9")).toBe("203.0.113.9");
    expect(forwardedClient("10.9.1.1, 203.0.113.9")).toBe("203.0.113.9");
    expect(forwardedClient(["10.9.1.1", "203.0.113.9 "])).toBe("203.0.113.9");
  });

  it("answers nothing for a missing or empty header", () => {
    expect(forwardedClient(undefined)).toBeUndefined();
    expect(forwardedClient("")).toBeUndefined();
    expect(forwardedClient("1.2.3.4, ")).toBeUndefined();
  });
});
