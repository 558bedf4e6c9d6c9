import { describe, expect, it } from "vitest";
import { decodeText, readTextFile } from "./decode-text";

describe("decodeText", () => {
  it("reads UTF-8, without its byte order mark", () => {
    const bytes = new TextEncoder().encode("\uFEFFname\nJoão Conceição");
    expect(decodeText(bytes)).toBe("name\nJoão Conceição");
  });

  it("reads a file Excel saved in Windows-1252 with its accents", () => {
    // "João;Açaí" in Windows-1252: ã e3, ç e7, í ed. Not 0x80-0x9F (€, curly quotes): Node 20 decodes
    // those as Latin-1 (nodejs/node#60888), browsers as Windows-1252.
    const bytes = new Uint8Array([0x4a, 0x6f, 0xe3, 0x6f, 0x3b, 0x41, 0xe7, 0x61, 0xed]);
    expect(decodeText(bytes)).toBe("João;Açaí");
  });

  it("reads a picked file the same way", async () => {
    const file = new Blob([new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x4a, 0x6f, 0xe3, 0x6f])]);
    expect(await readTextFile(file)).toBe("name\nJoão");
  });
});
