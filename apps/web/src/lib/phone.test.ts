import { describe, expect, it } from "vitest";
import { displayPhone } from "./phone";

describe("displayPhone", () => {
  it("writes a Brazilian number the way Brazilians do, with the area code in parentheses and no +55", () => {
    expect(displayPhone("+5511987654321")).toBe("(11) 98765-4321");
    expect(displayPhone("+552133334444")).toBe("(21) 3333-4444");
    expect(displayPhone("+5521998765432")).toBe("(21) 99876-5432");
  });

  it("keeps the international form, grouped as its country groups it, for a number from elsewhere", () => {
    expect(displayPhone("+14155552671")).toBe("+1 415 555 2671");
    expect(displayPhone("+351912345678")).toBe("+351 912 345 678");
  });

  it("leaves what it cannot read as stored", () => {
    expect(displayPhone("+999123")).toBe("+999123");
    expect(displayPhone("")).toBe("");
  });
});
