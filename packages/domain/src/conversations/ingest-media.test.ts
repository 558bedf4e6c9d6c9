import { describe, expect, it } from "vitest";
import { mediaKey } from "./ingest-media";

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
