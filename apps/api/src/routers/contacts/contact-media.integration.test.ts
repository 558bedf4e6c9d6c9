import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMediaStorage } from "@crm/worker/jobs/conversations/ingestion-deps";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApi, type TestApi } from "../../testing/harness";
import { insertContact, insertConversation, insertMessage } from "../conversations/conversation-fixtures";

let api: TestApi;
let dataDir: string;
let owner: { token: string; organization: { id: string } };

const storage = () => createMediaStorage(dataDir);

/** A message of the conversation whose photo sits in the local-disk storage, as a download leaves it. */
async function photoMessage(conversationId: string): Promise<string> {
  const messageId = await insertMessage(api, conversationId, { content: "foto" });
  const { url } = await storage().put(`${owner.organization.id}/${messageId}.jpg`, {
    bytes: new Uint8Array(randomBytes(32)),
    contentType: "image/jpeg",
  });
  await api.container.db.db
    .updateTable("messages")
    .set({ media_url: url, media_status: "stored", media_mime_type: "image/jpeg" })
    .where("id", "=", messageId)
    .execute();
  const key = storage().keyOf(url);
  expect(key).toBeDefined();
  expect(await storage().get(key ?? "")).toBeDefined();
  return key ?? "";
}

const stored = async (key: string) => (await storage().get(key)) !== undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "crm-contact-media-"));
  api = await startTestApi({ DATA_DIR: dataDir });
  owner = await api.register();
});

afterAll(async () => {
  await api?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("the stored media of a contact's conversations", () => {
  it("are removed when the contact is deleted, every conversation's, and no one else's", async () => {
    const org = owner.organization.id;
    const contactId = await insertContact(api, org, { name: "Ana" });
    const first = await insertConversation(api, org, { contactId });
    const second = await insertConversation(api, org, { contactId, channel: "telegram" });
    const keys = [await photoMessage(first), await photoMessage(first), await photoMessage(second)];
    await insertMessage(api, second, { content: "sem foto" });
    const otherKey = await photoMessage(await insertConversation(api, org));

    const deleted = await api.rest("DELETE", `/contacts/${contactId}`, { token: owner.token });

    expect(deleted.status).toBe(200);
    for (const key of keys) expect(await stored(key)).toBe(false);
    expect(await stored(otherKey)).toBe(true);
  });

  it("deletes the contact when a file cannot be removed, leaving that file to the retention sweep", async () => {
    const org = owner.organization.id;
    const contactId = await insertContact(api, org, { name: "Bia" });
    const key = await photoMessage(await insertConversation(api, org, { contactId }));
    const { files, logger } = api.container.contacts;
    const remove = vi.spyOn(files, "remove").mockRejectedValueOnce(new Error("EIO: i/o error"));
    const warn = vi.spyOn(logger, "warn");
    try {
      const deleted = await api.rest("DELETE", `/contacts/${contactId}`, { token: owner.token });

      expect(deleted.status).toBe(200);
      expect(remove).toHaveBeenCalledWith(key);
      expect(warn).toHaveBeenCalledWith(expect.objectContaining({ key }), expect.stringContaining("sweep"));
    } finally {
      remove.mockRestore();
      warn.mockRestore();
    }
    expect((await api.rest("GET", `/contacts/${contactId}`, { token: owner.token })).status).toBe(404);
    expect(await stored(key)).toBe(true);
  });

  it("stay when the contact is merged: its conversations and their files go to the survivor", async () => {
    const org = owner.organization.id;
    const survivorId = await insertContact(api, org, { name: "Carla (WhatsApp)" });
    const sourceId = await insertContact(api, org, { name: "Carla Souza" });
    const conversationId = await insertConversation(api, org, { contactId: sourceId });
    const key = await photoMessage(conversationId);

    const merged = await api.rest("POST", `/contacts/${survivorId}/merge`, {
      token: owner.token,
      body: { sourceId },
    });

    expect(merged.status).toBe(200);
    expect(await stored(key)).toBe(true);
    const conversation = await api.container.db.db
      .selectFrom("conversations")
      .select("contact_id")
      .where("id", "=", conversationId)
      .executeTakeFirstOrThrow();
    expect(conversation.contact_id).toBe(survivorId);

    const deleted = await api.rest("DELETE", `/contacts/${survivorId}`, { token: owner.token });

    expect(deleted.status).toBe(200);
    expect(await stored(key)).toBe(false);
  });
});
