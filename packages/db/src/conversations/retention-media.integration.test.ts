import { randomUUID } from "node:crypto";
import { purgeExpiredData, type RetentionDeps } from "@crm/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../client";
import { createMemoryFileStorage } from "../testing/memory-file-storage";
import { createTestDatabase } from "../testing/test-database";
import { daysAgo, insertOrganization } from "./retention-fixtures";
import { createRetentionRepository } from "./retention-repository";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

type MemoryFileStorage = ReturnType<typeof createMemoryFileStorage>;
const photo = { bytes: new Uint8Array([0xff, 0xd8, 0xff]), contentType: "image/jpeg" };

/** An organization with one conversation, whose messages are added by `message`. */
async function inbox(dataRetentionDays: number) {
  const { db } = handle;
  const organizationId = await insertOrganization(db, dataRetentionDays);
  const conversationId = (
    await db
      .insertInto("conversations")
      .values({ organization_id: organizationId, channel: "whatsapp", channel_thread_id: randomUUID() })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  /** A text message sent `age` days ago (`storePhoto` gives it media). */
  const message = async (age: number, deleted = false) => {
    const id = randomUUID();
    await db
      .insertInto("messages")
      .values({
        id,
        organization_id: organizationId,
        conversation_id: conversationId,
        channel: "whatsapp",
        direction: "inbound",
        sender_type: "contact",
        content: deleted ? "" : "foto",
        sent_at: daysAgo(age),
        deleted_at: deleted ? new Date() : null,
      })
      .execute();
    return id;
  };
  return { organizationId, message };
}

function retentionDeps(files = createMemoryFileStorage()) {
  const warnings: object[] = [];
  const deps: RetentionDeps = {
    retention: createRetentionRepository(handle.db),
    clock: { now: () => new Date() },
    files,
    logger: { debug() {}, info() {}, warn: (obj) => warnings.push(obj), error() {} },
  };
  return { deps, files, warnings };
}

/** Stores a photo for the message (as the media job does) and points the message at it. */
async function storePhoto(files: MemoryFileStorage, org: string, id: string) {
  const { url } = await files.put(`${org}/${id}.jpg`, photo);
  await handle.db
    .updateTable("messages")
    .set({ content_type: "image", media_url: url, media_status: "stored" })
    .where("id", "=", id)
    .execute();
  return `${org}/${id}.jpg`;
}

describe("data retention of media files", () => {
  it("removes the files of the messages it deletes and of no live message, and leaves the others", async () => {
    const { deps, files } = retentionDeps();
    const shortLived = await inbox(30);
    const longLived = await inbox(730);
    const expired = await Promise.all([45, 60, 400].map((age) => shortLived.message(age)));
    const recent = await shortLived.message(1);
    const keptElsewhere = await longLived.message(45);
    const expiredText = await shortLived.message(50);
    const expiredKeys = await Promise.all(
      expired.map((id) => storePhoto(files, shortLived.organizationId, id)),
    );
    const keptKeys = [
      await storePhoto(files, shortLived.organizationId, recent),
      await storePhoto(files, longLived.organizationId, keptElsewhere),
    ];
    // a deleted message whose file stayed, a file whose message is gone, and a file that is not a message's
    const deleted = await shortLived.message(2, true);
    const leftovers = [
      `${shortLived.organizationId}/${deleted}.jpg`,
      `${longLived.organizationId}/${randomUUID()}`,
    ];
    for (const key of [...leftovers, "exports/contacts.csv"]) await files.put(key, photo);

    const report = await purgeExpiredData(deps, 2);

    expect([...files.files.keys()].sort()).toEqual([...keptKeys, "exports/contacts.csv"].sort());
    expect(report).toMatchObject({
      mediaFilesRemoved: expiredKeys.length + leftovers.length,
      mediaFilesNotRemoved: 0,
    });
    const remaining = await handle.db
      .selectFrom("messages")
      .select("id")
      .where("id", "in", [...expired, expiredText, recent, keptElsewhere])
      .execute();
    expect(remaining.map((row) => row.id).sort()).toEqual([recent, keptElsewhere].sort());
  });

  it("deletes the messages even when a file cannot be removed, and a later run removes that file", async () => {
    const { files } = retentionDeps();
    const shop = await inbox(30);
    const [first, second] = [await shop.message(40), await shop.message(41)];
    const keys = [
      await storePhoto(files, shop.organizationId, first),
      await storePhoto(files, shop.organizationId, second),
    ];
    const failing = retentionDeps({
      ...files,
      remove: async (key) => {
        if (key === keys[0]) throw new Error("EIO: disk unavailable");
        await files.remove(key);
      },
    });

    const report = await purgeExpiredData(failing.deps, 2);

    expect(report).toMatchObject({ messagesDeleted: 2, mediaFilesRemoved: 1, mediaFilesNotRemoved: 2 });
    expect(
      await handle.db.selectFrom("messages").select("id").where("id", "in", [first, second]).execute(),
    ).toEqual([]);
    expect([...files.files.keys()]).toEqual([keys[0]]);
    expect(failing.warnings).toContainEqual(expect.objectContaining({ key: keys[0] }));

    const next = await purgeExpiredData(retentionDeps(files).deps, 2);

    expect(next).toMatchObject({ messagesDeleted: 0, mediaFilesRemoved: 1, mediaFilesNotRemoved: 0 });
    expect(files.files.size).toBe(0);
  });

  it("finishes its run when the storage cannot remove abandoned writes, and says so", async () => {
    const files = createMemoryFileStorage();
    const { deps, warnings } = retentionDeps({
      ...files,
      removeAbandonedWrites: async () => {
        throw new Error("EACCES: permission denied");
      },
    });
    const shop = await inbox(30);
    const expired = await shop.message(40);
    const key = await storePhoto(files, shop.organizationId, expired);

    const report = await purgeExpiredData(deps, 2);

    expect(report).toMatchObject({ messagesDeleted: 1, mediaFilesRemoved: 1, abandonedWritesRemoved: 0 });
    expect(files.files.has(key)).toBe(false);
    expect(warnings).toContainEqual(expect.objectContaining({ err: expect.any(Error) }));
  });
});
