import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLocalDiskStorage } from "./local-disk-storage";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "crm-storage-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("local disk storage", () => {
  it("stores a file under its key and reads it back with its content type", async () => {
    const storage = createLocalDiskStorage({ root });
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0x00]);

    const { url } = await storage.put("org-1/message-1.jpg", { bytes, contentType: "image/jpeg" });

    expect(url).toBe("/media/org-1/message-1.jpg");
    expect(await storage.get("org-1/message-1.jpg")).toEqual({ bytes, contentType: "image/jpeg" });
    expect(await readdir(join(root, "org-1"))).toEqual(["message-1.jpg", "message-1.jpg.content-type"]);
  });

  it("replaces a file written again under the same key", async () => {
    const storage = createLocalDiskStorage({ root, publicPath: "/api/v1/media/" });
    await storage.put("a/b.bin", { bytes: new Uint8Array([1]), contentType: "application/octet-stream" });
    const { url } = await storage.put("a/b.bin", { bytes: new Uint8Array([2, 3]), contentType: "audio/ogg" });

    expect(url).toBe("/api/v1/media/a/b.bin");
    expect(await storage.get("a/b.bin")).toEqual({ bytes: new Uint8Array([2, 3]), contentType: "audio/ogg" });
  });

  it("answers undefined for a key never written", async () => {
    expect(await createLocalDiskStorage({ root }).get("nothing/here")).toBeUndefined();
  });

  it.each(["../escape", "a/../../b", "/absolute", "a//b", "", "a/.."])("refuses the key %j", async (key) => {
    const storage = createLocalDiskStorage({ root });
    await expect(storage.put(key, { bytes: new Uint8Array(), contentType: "text/plain" })).rejects.toThrow(
      "Invalid storage key",
    );
    await expect(storage.get(key)).rejects.toThrow("Invalid storage key");
  });
});
