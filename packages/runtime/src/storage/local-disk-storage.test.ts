import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
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

async function keysOf(keys: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const key of keys) all.push(key);
  return all;
}

async function readAll(chunks: AsyncIterable<Uint8Array> | undefined): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks ?? []) parts.push(chunk);
  return new Uint8Array(Buffer.concat(parts));
}

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

  it("reads the key back from the locator it answered, and no other", async () => {
    const storage = createLocalDiskStorage({ root });
    const { url } = await storage.put("org-1/m.pdf", {
      bytes: new Uint8Array([1]),
      contentType: "application/pdf",
    });

    expect(storage.keyOf(url)).toBe("org-1/m.pdf");
    for (const other of [
      "/media/../etc/passwd",
      "/media/a/../b",
      "/other/org-1/m.pdf",
      "https://x.test/media/a",
      "/media/",
    ]) {
      expect(storage.keyOf(other)).toBeUndefined();
    }
  });

  it("opens a file to read it as a stream, with its size and content type", async () => {
    const storage = createLocalDiskStorage({ root });
    const bytes = new Uint8Array(200_000).map((_, index) => index % 251);
    await storage.put("org-1/video.mp4", { bytes, contentType: "video/mp4" });

    const opened = await storage.open("org-1/video.mp4");

    expect(opened).toMatchObject({ contentType: "video/mp4", size: bytes.byteLength });
    expect(await readAll(opened?.chunks)).toEqual(bytes);
    expect(await storage.open("org-1/missing.mp4")).toBeUndefined();
    await expect(storage.open("../escape")).rejects.toThrow("Invalid storage key");
  });

  it("fails a read of a file replaced since it was opened rather than send a wrong length", async () => {
    const storage = createLocalDiskStorage({ root });
    await storage.put("a/b.bin", { bytes: new Uint8Array([1, 2]), contentType: "application/octet-stream" });
    const opened = await storage.open("a/b.bin");
    await storage.put("a/b.bin", {
      bytes: new Uint8Array([1, 2, 3]),
      contentType: "application/octet-stream",
    });

    await expect(readAll(opened?.chunks)).rejects.toThrow("changed while being read");
  });

  it("removes a file with its content type, and takes a missing key for already removed", async () => {
    const storage = createLocalDiskStorage({ root });
    await storage.put("org-1/a.jpg", { bytes: new Uint8Array([1]), contentType: "image/jpeg" });
    await storage.put("org-1/b.jpg", { bytes: new Uint8Array([2]), contentType: "image/jpeg" });

    await storage.remove("org-1/a.jpg");
    await storage.remove("org-1/a.jpg");
    await storage.remove("org-2/never.jpg");

    expect(await storage.get("org-1/a.jpg")).toBeUndefined();
    expect(await readdir(join(root, "org-1"))).toEqual(["b.jpg", "b.jpg.content-type"]);
    await expect(storage.remove("../escape")).rejects.toThrow("Invalid storage key");
  });

  it("lists the keys of stored files, leaving out content types and files being written", async () => {
    const storage = createLocalDiskStorage({ root });
    expect(await keysOf(storage.keys())).toEqual([]);
    for (const key of ["org-1/a.jpg", "org-1/b.pdf", "org-2/c", "top.bin"]) {
      await storage.put(key, { bytes: new Uint8Array([1]), contentType: "application/octet-stream" });
    }
    await writeFile(join(root, "org-2", `d.ogg.${randomUUID()}.partial`), "half");

    expect((await keysOf(storage.keys())).sort()).toEqual([
      "org-1/a.jpg",
      "org-1/b.pdf",
      "org-2/c",
      "top.bin",
    ]);
  });

  it("removes what writes that died left behind once an hour old, and nothing a running write may own", async () => {
    const storage = createLocalDiskStorage({ root });
    for (const key of ["org-1/old.jpg", "org-1/new.jpg"]) {
      await storage.put(key, { bytes: new Uint8Array([1]), contentType: "image/jpeg" });
    }
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    const oldFile = async (name: string, data = "half") => {
      await writeFile(join(root, "org-1", name), data);
      await utimes(join(root, "org-1", name), twoHoursAgo, twoHoursAgo);
    };
    await oldFile(`dead.ogg.${randomUUID()}.partial`);
    await oldFile(`dead.pdf.content-type.${randomUUID()}.partial`, "application/pdf");
    await oldFile("dead.mp4.content-type", "video/mp4");
    const running = `running.ogg.${randomUUID()}.partial`;
    await writeFile(join(root, "org-1", running), "half");
    await writeFile(join(root, "org-1", "running.mp4.content-type"), "video/mp4");
    for (const name of ["old.jpg", "old.jpg.content-type"]) {
      await utimes(join(root, "org-1", name), twoHoursAgo, twoHoursAgo);
    }

    expect(await storage.removeAbandonedWrites()).toBe(3);

    expect((await readdir(join(root, "org-1"))).sort()).toEqual(
      [
        "new.jpg",
        "new.jpg.content-type",
        "old.jpg",
        "old.jpg.content-type",
        running,
        "running.mp4.content-type",
      ].sort(),
    );
    expect(await storage.get("org-1/old.jpg")).toEqual({
      bytes: new Uint8Array([1]),
      contentType: "image/jpeg",
    });
    expect(await storage.removeAbandonedWrites()).toBe(0);
  });

  it("takes a half-written file for abandoned after the age it is given", async () => {
    const storage = createLocalDiskStorage({ root, abandonedAfterMs: 60_000 });
    const partial = join(root, `a.bin.${randomUUID()}.partial`);
    await writeFile(partial, "half");
    const twoMinutesAgo = new Date(Date.now() - 2 * 60_000);
    await utimes(partial, twoMinutesAgo, twoMinutesAgo);

    expect(await storage.removeAbandonedWrites()).toBe(1);
    expect(await readdir(root)).toEqual([]);
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
