import { describe, expect, it } from "vitest";
import { findNulText } from "./nul-text";

describe("findNulText", () => {
  it("finds nothing in clean input of any shape", () => {
    expect(findNulText(undefined)).toBeUndefined();
    expect(
      findNulText({ name: "Ana", tags: ["a", "b"], metadata: { n: 1, ok: true, none: null } }),
    ).toBeUndefined();
  });

  it.each([
    ["a\u0000b", []],
    [{ name: "N\u0000UL" }, ["name"]],
    [{ metadata: { cpf: "a\u0000b" } }, ["metadata", "cpf"]],
    [{ tagIds: ["x", "\u0000"] }, ["tagIds", 1]],
    [{ metadata: { "k\u0000": "v" } }, ["metadata", "k\u0000"]],
  ])("names where NUL is in %j", (input, path) => {
    expect(findNulText(input)).toEqual(path);
  });

  it("stops looking deeper than any input nests", () => {
    let deep: unknown = "\u0000";
    for (let level = 0; level < 40; level += 1) deep = [deep];
    expect(findNulText(deep)).toBeUndefined();
    expect(findNulText([[["\u0000"]]])).toEqual([0, 0, 0]);
  });
});
