import { describe, expect, it } from "vitest";
import { displayPhone } from "./phone";

describe("displayPhone", () => {
  it("groups a number the way its country writes it", () => {
    expect(displayPhone("+5511987654321")).toBe("+55 11 98765 4321");
    expect(displayPhone("+552133334444")).toBe("+55 21 3333 4444");
    expect(displayPhone("+14155552671")).toBe("+1 415 555 2671");
    expect(displayPhone("+351912345678")).toBe("+351 912 345 678");
  });

  it("leaves what it cannot read as stored", () => {
    expect(displayPhone("+999123")).toBe("+999123");
    expect(displayPhone("")).toBe("");
  });
});
