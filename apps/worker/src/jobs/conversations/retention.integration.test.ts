import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DatabaseHandle } from "@crm/db";
import { createContactsStore } from "@crm/db/contacts/contacts-store";
import { insertOrganization } from "@crm/db/conversations/retention-fixtures";
import { createRetentionRepository } from "@crm/db/conversations/retention-repository";
import { createTestDatabase } from "@crm/db/testing/test-database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMediaStorage } from "./ingestion-deps";
import { retentionJob } from "./retention";

/* The daily retention job against the real database and the media folder the worker writes downloads to. */

let database: DatabaseHandle;
let dataDir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), "crm-retention-"));
});
afterAll(async () => {
  await database.close();
  await rm(dataDir, { recursive: true, force: true });
});

const photo = { bytes: new Uint8Array([0xff, 0xd8, 0xff]), contentType: "image/jpeg" };

/** A live message of a new organization whose photo is stored (as the media job leaves it). */
async function messageWithPhoto() {
  const { db } = database;
  const organizationId = await insertOrganization(db, 365);
  const conversation = await db
    .insertInto("conversations")
    .values({ organization_id: organizationId, channel: "whatsapp", channel_thread_id: randomUUID() })
    .returning("id")
    .executeTakeFirstOrThrow();
  const messageId = randomUUID();
  const key = `${organizationId}/${messageId}.jpg`;
  const { url } = await createMediaStorage(dataDir).put(key, photo);
  await db
    .insertInto("messages")
    .values({
      id: messageId,
      organization_id: organizationId,
      conversation_id: conversation.id,
      channel: "whatsapp",
      direction: "inbound",
      sender_type: "contact",
      content: "foto",
      content_type: "image",
      media_url: url,
      media_status: "stored",
    })
    .execute();
  return { organizationId, messageId };
}

/** A temporary file as a download writes it, last written `ageMs` ago. */
async function partialDownload(organizationId: string, ageMs: number) {
  const name = `${randomUUID()}.jpg.${randomUUID()}.partial`;
  const path = join(dataDir, "media", organizationId, name);
  await writeFile(path, photo.bytes.subarray(0, 1));
  const modified = new Date(Date.now() - ageMs);
  await utimes(path, modified, modified);
  return name;
}

async function runRetention() {
  const reports: object[] = [];
  await retentionJob({
    retention: createRetentionRepository(database.db),
    clock: { now: () => new Date() },
    files: createMediaStorage(dataDir),
    importPreviews: {
      imports: createContactsStore(database.db).imports,
      clock: { now: () => new Date() },
      retentionDays: 7,
    },
    logger: {
      debug() {},
      info: (report) => reports.push(report),
      warn() {},
      error() {},
    },
  });
  return reports[0];
}

describe("retention of stored media", () => {
  it("removes downloads that died mid-write and orphan files, and keeps live media and running downloads", async () => {
    const { organizationId, messageId } = await messageWithPhoto();
    const orphan = `${randomUUID()}.ogg`;
    await createMediaStorage(dataDir).put(`${organizationId}/${orphan}`, {
      bytes: new Uint8Array([1]),
      contentType: "audio/ogg",
    });
    // one killed two hours ago, one still being written
    await partialDownload(organizationId, 2 * 60 * 60 * 1000);
    const running = await partialDownload(organizationId, 5_000);

    const report = await runRetention();

    expect((await readdir(join(dataDir, "media", organizationId))).sort()).toEqual(
      [`${messageId}.jpg`, `${messageId}.jpg.content-type`, running].sort(),
    );
    expect(report).toMatchObject({
      mediaFilesRemoved: 1,
      mediaFilesNotRemoved: 0,
      abandonedWritesRemoved: 1,
    });
    expect(await createMediaStorage(dataDir).get(`${organizationId}/${messageId}.jpg`)).toEqual(photo);
  });
});
