import { describe, expect, it } from "vitest";
import { mediaKey, mediaOwnerOf } from "./ingest-media";

const media = { organizationId: "org", messageId: "msg", fileName: null };

describe("media key", () => {
  it.each([
    ["image/jpeg", null, "org/msg.jpg"],
    ["audio/ogg; codecs=opus", null, "org/msg.ogg"],
    ["application/vnd.ms-excel", "Planilha Março.XLS", "org/msg.xls"],
    ["application/octet-stream", "../../etc/passwd", "org/msg"],
    ["application/octet-stream", "noextension", "org/msg"],
  ])("keys %s named %s as %s", (mimeType, fileName, key) => {
    expect(mediaKey({ ...media, fileName }, mimeType)).toBe(key);
  });
});

describe("media owner", () => {
  const organizationId = "0b7c3a52-1f4e-4c1d-9a57-3c2d1e0f9a11";
  const messageId = "5e8f2b10-7d6a-4e3b-8c9d-0a1b2c3d4e5f";

  it("reads the message back from the keys media are stored under", () => {
    for (const mimeType of ["image/jpeg", "application/octet-stream"]) {
      expect(mediaOwnerOf(mediaKey({ organizationId, messageId, fileName: null }, mimeType))).toEqual({
        organizationId,
        messageId,
      });
    }
  });

  it.each([
    "exports/contacts.csv",
    `${organizationId}/${messageId}.jpg/x`,
    `${organizationId}/${messageId.toUpperCase()}.jpg`,
    `${organizationId}/not-a-message.jpg`,
    `${messageId}.jpg`,
  ])("leaves %s alone: not a message's media", (key) => {
    expect(mediaOwnerOf(key)).toBeUndefined();
  });
});
