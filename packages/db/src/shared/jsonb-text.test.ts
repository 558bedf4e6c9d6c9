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
});
