import { describe, expect, it } from "vitest";
import { defaultLostReasons, reorder } from "./lost-reasons";

describe("defaultLostReasons", () => {
  it("names the reasons in Portuguese for pt-BR", () => {
    expect(defaultLostReasons("pt-BR")).toEqual([
      "Preço",
      "Escolheu um concorrente",
      "Sem resposta",
      "Sem orçamento",
      "Momento errado",
    ]);
  });

  it("names them in English otherwise", () => {
    expect(defaultLostReasons("en-US")).toContain("Price");
    expect(defaultLostReasons("es")).toContain("No budget");
  });
});

describe("reorder", () => {
  const list = [
    { id: "a", position: 0 },
    { id: "b", position: 1 },
    { id: "c", position: 2 },
    { id: "d", position: 3 },
  ];

  it("moves a reason up, shifting the ones it passes down", () => {
    expect(reorder(list, "d", 1)).toEqual([
      { id: "d", position: 1 },
      { id: "b", position: 2 },
      { id: "c", position: 3 },
    ]);
  });

  it("moves a reason down, shifting the ones it passes up", () => {
    expect(reorder(list, "a", 2)).toEqual([
      { id: "b", position: 0 },
      { id: "c", position: 1 },
      { id: "a", position: 2 },
    ]);
  });

  it("moves a reason to the last place, and changes nothing when it stays", () => {
    expect(reorder(list, "b", 3)).toEqual([
      { id: "c", position: 1 },
      { id: "d", position: 2 },
      { id: "b", position: 3 },
    ]);
    expect(reorder(list, "c", 2)).toEqual([]);
  });

  it("refuses a position past the end of the list with a reason, instead of moving it to the end", () => {
    const refusal = {
      code: "VALIDATION_FAILED",
      details: expect.objectContaining({ fieldReasons: { position: "out_of_range" } }),
    };
    expect(() => reorder(list, "b", 4)).toThrow(expect.objectContaining(refusal));
    expect(() => reorder(list, "b", 99)).toThrow(expect.objectContaining(refusal));
  });

  it("closes gaps left in the stored positions", () => {
    const gappy = [
      { id: "a", position: 0 },
      { id: "b", position: 5 },
      { id: "c", position: 9 },
    ];
    expect(reorder(gappy, "a", 0)).toEqual([
      { id: "b", position: 1 },
      { id: "c", position: 2 },
    ]);
  });

  it("refuses a negative or fractional position", () => {
    expect(() => reorder(list, "a", -1)).toThrow(
      expect.objectContaining({
        details: expect.objectContaining({ fieldReasons: { position: "out_of_range" } }),
      }),
    );
    expect(() => reorder(list, "a", 1.5)).toThrow(
      expect.objectContaining({
        details: expect.objectContaining({ fieldReasons: { position: "not_integer" } }),
      }),
    );
  });
});
