import { describe, expect, it } from "vitest";
import { initials } from "./initials";

describe("initials", () => {
  it("takes the first and last names", () => {
    expect(initials("Ana Maria da Silva", "ana@example.com")).toBe("AS");
  });

  it("uses one letter for a single name and the email when there is no name", () => {
    expect(initials("ana", "ana@example.com")).toBe("A");
    expect(initials("  ", "bruno@example.com")).toBe("B");
  });
});
