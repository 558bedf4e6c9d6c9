import { describe, expect, it } from "vitest";
import { checkName, parseName, stripInvisible } from "./names";

describe("names", () => {
  it.each([
    ["a zero-width space", "\u200b"],
    ["zero-width space, joiner and a space", "\u200b\u200d "],
    ["white space only", " \t\u00a0\u3000"],
    ["a word joiner, a bidi mark, a Hangul filler and a Braille blank", "\u2060\u200f\u3164\u2800"],
    ["a variation selector after a zero-width space", "\u200b\ufe0f"],
  ])("refuses %s, naming the field", (_, value) => {
    expect(() => parseName(value, "title", 200)).toThrow(
      expect.objectContaining({
        code: "VALIDATION_FAILED",
        details: {
          fieldErrors: { title: [expect.stringMatching(/^title (is required|has only invisible)/)] },
        },
      }),
    );
  });

  it("strips invisible characters and white space at the ends, and keeps those inside", () => {
    expect(parseName("\u200b\ufeff Ana\u200bSouza \u200d\u2060", "name", 200)).toBe("Ana\u200bSouza");
    expect(stripInvisible("  Padaria\t")).toBe("Padaria");
  });

  it("keeps a variation selector or a flag's tag characters after a visible character", () => {
    expect(stripInvisible("Loja ❤️")).toBe("Loja ❤️");
    const scotland = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";
    expect(stripInvisible(`Time ${scotland}\u200b`)).toBe(`Time ${scotland}`);
    expect(stripInvisible("Ana\u200b\ufe0f")).toBe("Ana");
  });

  it("counts the length of the stripped name", () => {
    expect(checkName(`\u200b${"a".repeat(5)}\u200b`, "Stage name", 5)).toEqual({ ok: true, name: "aaaaa" });
    expect(checkName("a".repeat(6), "Stage name", 5)).toEqual({
      ok: false,
      problem: "Stage name must have at most 5 characters",
    });
  });
});
