import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createContactsStore } from "@crm/db/contacts/contacts-store";
import { createRetentionRepository } from "@crm/db/conversations/retention-repository";
import { type FakeWhatsApp, fakeWamid, postWebhook, startFakeWhatsApp } from "@crm/integrations/testing";
import { createMediaStorage } from "@crm/worker/jobs/conversations/ingestion-deps";
import { whatsAppImageWebhook } from "@crm/worker/jobs/conversations/ingestion-test-kit";
import { retentionJob } from "@crm/worker/jobs/conversations/retention";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApi, type TestApi } from "../../testing/harness";
import {
  insertConversation,
  insertMessage,
  type MessageDto,
  team,
} from "../conversations/conversation-fixtures";

let api: TestApi;
let whatsapp: FakeWhatsApp;
let dataDir: string;
let members: Awaited<ReturnType<typeof team>>;
let outsider: { token: string };
const image = { bytes: new Uint8Array(), messageId: "", conversationId: "" };

const db = () => api.container.db.db;

/** A customer's photo arriving by webhook, downloaded by the embedded worker from the fake Graph API. */
async function receiveImage(bytes: Uint8Array) {
  const from = `5511${String(Math.floor(Math.random() * 1e9)).padStart(9, "0")}`;
  const wamid = fakeWamid();
  const mediaId = whatsapp.addMedia(bytes, "image/jpeg");
  const webhook = whatsapp.signedWebhook(
    whatsAppImageWebhook(whatsapp.config.phoneNumberId, { from, mediaId, caption: "foto", id: wamid }),
  );
  expect((await postWebhook(`${api.baseUrl}/webhooks/whatsapp`, webhook)).status).toBe(200);
  return vi.waitFor(
    async () => {
      const row = await db()
        .selectFrom("messages")
        .select(["id", "conversation_id", "media_status"])
        .where("channel_message_id", "=", wamid)
        .executeTakeFirst();
      expect(row?.media_status).toBe("stored");
      return { messageId: row?.id ?? "", conversationId: row?.conversation_id ?? "" };
    },
    { timeout: 10_000, interval: 50 },
  );
}

const media = (messageId: string, headers: Record<string, string> = {}) =>
  fetch(`${api.baseUrl}/api/v1/messages/${messageId}/media`, { headers });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The storage key of the message's media, read from the locator it keeps. */
async function storedKey(messageId: string) {
  const { media_url } = await db()
    .selectFrom("messages")
    .select("media_url")
    .where("id", "=", messageId)
    .executeTakeFirstOrThrow();
  const key = media_url ? createMediaStorage(dataDir).keyOf(media_url) : undefined;
  expect(key).toBeDefined();
  return key ?? "";
}
const filesOf = (organizationId: string) => readdir(join(dataDir, "media", organizationId));
const mediaColumns = (messageId: string) =>
  db()
    .selectFrom("messages")
    .select(["media_url", "media_status"])
    .where("id", "=", messageId)
    .executeTakeFirstOrThrow();

beforeAll(async () => {
  whatsapp = await startFakeWhatsApp();
  dataDir = await mkdtemp(join(tmpdir(), "crm-media-"));
  api = await startTestApi({ WHATSAPP_API_BASE: whatsapp.apiBase, DATA_DIR: dataDir });
  members = await team(api);
  outsider = await api.register();
  const connected = await api.rest("POST", "/integrations", {
    token: members.owner.token,
    body: { channel: "whatsapp", name: "WhatsApp", config: whatsapp.config },
  });
  expect(connected.status).toBe(201);
  image.bytes = new Uint8Array(randomBytes(2048));
  Object.assign(image, await receiveImage(image.bytes));
});

afterAll(async () => {
  await api?.close();
  await whatsapp?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("GET /messages/{id}/media", () => {
  it("serves the downloaded bytes at the URL the message gives, with its type, inline and private", async () => {
    const message = await api.rest<MessageDto>("GET", `/messages/${image.messageId}`, {
      token: members.owner.token,
    });
    expect(message.body.media).toMatchObject({
      status: "stored",
      mimeType: "image/jpeg",
      url: `/api/v1/messages/${image.messageId}/media`,
    });

    const res = await fetch(`${api.baseUrl}${message.body.media?.url}`, {
      headers: bearer(members.owner.token),
    });

    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(image.bytes);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("content-disposition")).toMatch(/^inline; filename="[\w-]+\.jpg"/);
    expect(res.headers.get("cache-control")).toMatch(/^private/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("accepts the session cookie as the web app sends it", async () => {
    const res = await media(image.messageId, { cookie: `crm_session=${members.agent.token}` });
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(image.bytes);
  });

  it("answers 401 without credentials and with an unknown token", async () => {
    expect((await media(image.messageId)).status).toBe(401);
    expect((await media(image.messageId, bearer("not-a-session"))).status).toBe(401);
  });

  it("hides media of a conversation assigned to someone else from an agent, not from its assignee", async () => {
    const assigned = await api.rest("PATCH", `/conversations/${image.conversationId}`, {
      token: members.owner.token,
      body: { assignedTo: members.otherAgent.user.id },
    });
    expect(assigned.status).toBe(200);
    try {
      const hidden = await media(image.messageId, bearer(members.agent.token));
      expect(hidden.status).toBe(404);
      expect(await hidden.text()).not.toContain(String.fromCharCode(...image.bytes.slice(0, 8)));
      expect((await media(image.messageId, bearer(members.otherAgent.token))).status).toBe(200);
      expect((await media(image.messageId, bearer(members.viewer.token))).status).toBe(200);
    } finally {
      await api.rest("PATCH", `/conversations/${image.conversationId}`, {
        token: members.owner.token,
        body: { assignedTo: null },
      });
    }
  });

  it("answers 404 to another organization", async () => {
    expect((await media(image.messageId, bearer(outsider.token))).status).toBe(404);
  });

  it.each([
    ["a random id", randomUUID()],
    ["a malformed id", "not-a-uuid"],
    ["a path escaping the folder", "..%2F..%2Fencryption.key"],
    ["a storage key", "media%2Fx.jpg"],
  ])("answers 404 to %s", async (_, id) => {
    const res = await media(id, bearer(members.owner.token));
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  });

  it("answers 404 for a message without stored media", async () => {
    const conversationId = await insertConversation(api, members.organizationId);
    const text = await insertMessage(api, conversationId, { content: "sem foto" });
    expect((await media(text, bearer(members.owner.token))).status).toBe(404);
  });

  it("removes the stored file of a deleted message, whose media then answers 404", async () => {
    const { messageId } = await receiveImage(new Uint8Array(randomBytes(64)));
    const key = await storedKey(messageId);
    expect((await media(messageId, bearer(members.owner.token))).status).toBe(200);
    expect(await filesOf(members.organizationId)).toContain(key.split("/")[1]);

    const deleted = await api.rest("DELETE", `/messages/${messageId}`, { token: members.owner.token });

    expect(deleted.status).toBe(200);
    expect((await media(messageId, bearer(members.owner.token))).status).toBe(404);
    expect((await filesOf(members.organizationId)).filter((name) => name.startsWith(messageId))).toEqual([]);
    expect(await mediaColumns(messageId)).toEqual({ media_url: null, media_status: null });
  });

  it("removes the stored files of a deleted conversation's messages, and only those", async () => {
    const { messageId, conversationId } = await receiveImage(new Uint8Array(randomBytes(48)));
    const key = await storedKey(messageId);
    expect(await createMediaStorage(dataDir).get(key)).toBeDefined();

    const deleted = await api.rest("DELETE", `/conversations/${conversationId}`, {
      token: members.owner.token,
    });

    expect(deleted.status).toBe(200);
    expect(await createMediaStorage(dataDir).get(key)).toBeUndefined();
    expect((await filesOf(members.organizationId)).filter((name) => name.startsWith(messageId))).toEqual([]);
    expect((await media(image.messageId, bearer(members.owner.token))).status).toBe(200);
  });

  it("deletes the message when its file cannot be removed; the retention job's sweep removes the file", async () => {
    const { messageId } = await receiveImage(new Uint8Array(randomBytes(64)));
    const key = await storedKey(messageId);
    const { files, logger } = api.container.conversations;
    const remove = vi.spyOn(files, "remove").mockRejectedValueOnce(new Error("EIO: i/o error"));
    const warn = vi.spyOn(logger, "warn");
    try {
      const deleted = await api.rest<MessageDto>("DELETE", `/messages/${messageId}`, {
        token: members.owner.token,
      });
      expect(deleted.status).toBe(200);
      expect(deleted.body.deletedAt).not.toBeNull();
      expect(remove).toHaveBeenCalledWith(key);
      expect(warn).toHaveBeenCalledWith(expect.objectContaining({ key }), expect.stringContaining("sweep"));
    } finally {
      remove.mockRestore();
      warn.mockRestore();
    }
    expect((await media(messageId, bearer(members.owner.token))).status).toBe(404);
    expect(await mediaColumns(messageId)).toEqual({ media_url: null, media_status: null });
    expect(await createMediaStorage(dataDir).get(key)).toBeDefined();

    await retentionJob({
      retention: createRetentionRepository(db()),
      clock: { now: () => new Date() },
      files: createMediaStorage(dataDir),
      logger: api.container.logger,
      importPreviews: {
        imports: createContactsStore(db()).imports,
        clock: { now: () => new Date() },
        retentionDays: 7,
      },
    });

    expect(await createMediaStorage(dataDir).get(key)).toBeUndefined();
    expect((await filesOf(members.organizationId)).filter((name) => name.startsWith(messageId))).toEqual([]);
    expect((await media(image.messageId, bearer(members.owner.token))).status).toBe(200);
  });

  it("sends other files as attachments under a harmless name", async () => {
    const conversationId = await insertConversation(api, members.organizationId);
    const messageId = await insertMessage(api, conversationId, { content: "contrato" });
    const bytes = new TextEncoder().encode("%PDF-1.4 contrato");
    const { url } = await createMediaStorage(dataDir).put(`${members.organizationId}/${messageId}.pdf`, {
      bytes,
      contentType: "application/pdf",
    });
    await db()
      .updateTable("messages")
      .set({
        media_url: url,
        media_status: "stored",
        media_mime_type: "application/pdf",
        media_file_name: '../"Contrato"\r\nX: 1.pdf',
      })
      .where("id", "=", messageId)
      .execute();

    const res = await media(messageId, bearer(members.owner.token));

    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="ContratoX: 1.pdf"; filename*=UTF-8''ContratoX%3A%201.pdf`,
    );
  });
});
