import { describe, expect, it } from "vitest";
import { jsonbText } from "./jsonb-text";

describe("jsonbText", () => {
  it("is JSON.stringify for a value without NUL", () => {
    const value = { text: "Olá \\u0000 \\", list: [1, null, true] };
    expect(jsonbText(value)).toBe(JSON.stringify(value));
  });

  it("drops NUL from strings and keys, leaving an escaped backslash before u0000 as it was", () => {
    const value = { "k\u0000": "oi\u0000x", escaped: "\\u0000", both: "\\\u0000\\\\u0000\u0000" };
    expect(JSON.parse(jsonbText(value))).toEqual({
      k: "oix",
      escaped: "\\u0000",
      both: "\\\\\\u0000",
    });
  });

  it("makes a lone surrogate U+FFFD, keeping paired ones and an escaped backslash before ud83d", () => {
    const value = { high: "a\ud83db", low: "\ude00", pair: "\ud83d\ude00", escaped: "\\ud83d" };
    expect(JSON.parse(jsonbText(value))).toEqual({
      high: "a\ufffdb",
      low: "\ufffd",
      pair: "\ud83d\ude00",
      escaped: "\\ud83d",
    });
  });
});
