import { describe, expect, it } from "vitest";
import { addressLines } from "./company-address";

describe("addressLines", () => {
  it("writes a full address on four lines", () => {
    expect(
      addressLines({
        street: "Av. Paulista",
        number: "1578",
        complement: "sala 12",
        district: "Bela Vista",
        city: "São Paulo",
        state: "SP",
        postalCode: "01310-200",
      }),
    ).toEqual(["Av. Paulista, 1578 – sala 12", "Bela Vista", "São Paulo – SP", "01310-200"]);
  });

  it("leaves no empty line or dangling separator for the parts not given", () => {
    expect(addressLines({ number: "10", state: "RJ" })).toEqual(["10", "RJ"]);
    expect(addressLines({})).toEqual([]);
  });
});
