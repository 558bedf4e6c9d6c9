import { describe, expect, it } from "vitest";
import { contentDisposition, mediaHeaders, safeContentType, safeFileName } from "./media-headers";

describe("media headers", () => {
  it.each([
    ["image/jpeg", "inline"],
    ["image/webp", "inline"],
    ["audio/ogg", "inline"],
    ["video/mp4", "inline"],
    ["image/svg+xml", "attachment"],
    ["text/html", "attachment"],
    ["application/pdf", "attachment"],
    ["application/octet-stream", "attachment"],
  ])("shows %s %s", (type, disposition) => {
    expect(contentDisposition(type, "f")).toMatch(new RegExp(`^${disposition};`));
  });

  it("keeps the media type alone and falls back to octet-stream for anything odd", () => {
    expect(safeContentType("audio/ogg; codecs=opus")).toBe("audio/ogg");
    expect(safeContentType("IMAGE/PNG")).toBe("image/png");
    expect(safeContentType("text/html\r\nSet-Cookie: x")).toBe("application/octet-stream");
    expect(safeContentType("")).toBe("application/octet-stream");
  });

  it("strips paths, quotes and control characters from a provider's file name", () => {
    expect(safeFileName("../../etc/passwd", "x")).toBe("passwd");
    expect(safeFileName('C:\\docs\\"a";b\r\n.pdf', "x")).toBe("ab.pdf");
    expect(safeFileName("...hidden", "x")).toBe("hidden");
    expect(safeFileName(null, "m.jpg")).toBe("m.jpg");
    expect(safeFileName("../", "m.jpg")).toBe("m.jpg");
    expect(safeFileName("a".repeat(400), "x")).toHaveLength(150);
  });

  it("gives non-ASCII names in RFC 6266 form beside an ASCII one", () => {
    expect(contentDisposition("application/pdf", "orçamento.pdf")).toBe(
      "attachment; filename=\"or_amento.pdf\"; filename*=UTF-8''or%C3%A7amento.pdf",
    );
  });

  it("marks every response private and unsniffable", () => {
    const headers = mediaHeaders({ contentType: "image/png", fileName: null, size: 3 }, "m.png");
    expect(headers).toMatchObject({
      "content-type": "image/png",
      "content-length": "3",
      "content-disposition": `inline; filename="m.png"; filename*=UTF-8''m.png`,
      "x-content-type-options": "nosniff",
    });
    expect(headers["cache-control"]).toMatch(/^private/);
  });
});
