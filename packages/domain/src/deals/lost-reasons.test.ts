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

  it("puts a position past the end at the end, and changes nothing when it stays", () => {
    expect(reorder(list, "b", 99)).toEqual([
      { id: "c", position: 1 },
      { id: "d", position: 2 },
      { id: "b", position: 3 },
    ]);
    expect(reorder(list, "c", 2)).toEqual([]);
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
    expect(() => reorder(list, "a", -1)).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED" }));
    expect(() => reorder(list, "a", 1.5)).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED" }));
  });
});
