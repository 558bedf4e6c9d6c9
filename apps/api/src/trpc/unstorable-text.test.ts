import { describe, expect, it } from "vitest";
import { findUnstorableText } from "./unstorable-text";

describe("findUnstorableText", () => {
  it("finds nothing in clean input of any shape", () => {
    expect(findUnstorableText(undefined)).toBeUndefined();
    expect(
      findUnstorableText({ name: "Ana", tags: ["a", "b"], metadata: { n: 1, ok: true, none: null } }),
    ).toBeUndefined();
  });

  it.each([
    ["a\u0000b", []],
    [{ name: "N\u0000UL" }, ["name"]],
    [{ metadata: { cpf: "a\u0000b" } }, ["metadata", "cpf"]],
    [{ tagIds: ["x", "\u0000"] }, ["tagIds", 1]],
    [{ metadata: { "k\u0000": "v" } }, ["metadata", "k\u0000"]],
  ])("names where NUL is in %j", (input, path) => {
    expect(findUnstorableText(input)).toEqual({ path, problem: "nul" });
  });

  it("stops looking deeper than any input nests", () => {
    let deep: unknown = "\u0000";
    for (let level = 0; level < 40; level += 1) deep = [deep];
    expect(findUnstorableText(deep)).toBeUndefined();
    expect(findUnstorableText([[["\u0000"]]])).toEqual({ path: [0, 0, 0], problem: "nul" });
  });

  it.each([
    ["a\ud83d", []],
    [{ name: "\ude00 no start" }, ["name"]],
    [{ metadata: { "k\ud83d": "v" } }, ["metadata", "k\ud83d"]],
    [["ok", "\ud83d\ud83d\ude00"], [1]],
  ])("names where half a character is in %j", (input, path) => {
    expect(findUnstorableText(input)).toEqual({ path, problem: "lone_surrogate" });
  });

  it("takes whole surrogate pairs (emoji) as they are", () => {
    expect(findUnstorableText({ name: "Ana \ud83d\ude00", note: "👍🏽" })).toBeUndefined();
  });
});
