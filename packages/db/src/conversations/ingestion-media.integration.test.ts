import type { ChannelAdapter, ConnectedChannel } from "@crm/domain";
import { downloadMessageMedia, mediaDownloadAttempts } from "@crm/domain/conversations/ingest-media";
import { processWebhook } from "@crm/domain/conversations/ingest-webhook";
import type { IngestionDeps } from "@crm/domain/conversations/ingestion-ports";
import { describe, expect, it } from "vitest";
import { createMemoryFileStorage } from "../testing/memory-file-storage";
import { createTestAdapters, createTestIngestionDeps, whatsappText } from "./ingestion-fixtures";
import { useIngestionTenant } from "./ingestion-queries";
import { createMessageRepository } from "./message-repository";

const tenant = useIngestionTenant();

const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
type DownloadResult = Awaited<ReturnType<ChannelAdapter["downloadMedia"]>>;

function mediaDeps(results: DownloadResult[]) {
  const storage = createMemoryFileStorage();
  const requested: string[] = [];
  const connected = (): ConnectedChannel => ({
    integrationId: tenant.integrationId,
    organizationId: tenant.organizationId,
    channel: "whatsapp",
    isActive: true,
    config: { phoneNumberId: "1", accessToken: "token", appSecret: "secret", verifyToken: "verify" },
  });
  const overrides: Partial<IngestionDeps> = {
    adapters: createTestAdapters({
      download: async (_config, media) => {
        requested.push(media.providerMediaId);
        return results.shift() ?? { ok: false, error: "no more answers", retryable: false };
      },
    }),
    credentials: {
      get: async (org, id) =>
        org === tenant.organizationId && id === tenant.integrationId ? connected() : undefined,
    },
    storage,
  };
  return { ...createTestIngestionDeps(tenant.db, overrides), files: storage.files, requested };
}

async function storePhoto(deps: IngestionDeps) {
  const photo = whatsappText("5511987654321", "foto do produto", {
    contentType: "image",
    media: { providerMediaId: "wa-media-1", mimeType: "image/jpeg" },
  });
  await processWebhook(deps, await tenant.store({ messages: [photo] }));
  const row = await tenant.db
    .selectFrom("messages")
    .select("id")
    .where("organization_id", "=", tenant.organizationId)
    .executeTakeFirstOrThrow();
  return row.id;
}

const mediaOf = (id: string) =>
  tenant.db
    .selectFrom("messages")
    .select(["media_status", "media_url", "media_mime_type", "media_provider_id", "metadata"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();

describe("media download", () => {
  it("stores the provider's bytes and points the message at them", async () => {
    const { deps, files, requested, events } = mediaDeps([{ ok: true, bytes: jpeg, mimeType: "image/jpeg" }]);
    const messageId = await storePhoto(deps);
    events.published.length = 0;

    expect(await downloadMessageMedia(deps, messageId, { id: "j", attempt: 1 })).toBe("stored");

    const key = `${tenant.organizationId}/${messageId}.jpg`;
    expect(requested).toEqual(["wa-media-1"]);
    expect(files.get(key)).toEqual({ bytes: jpeg, contentType: "image/jpeg" });
    expect(await mediaOf(messageId)).toMatchObject({
      media_status: "stored",
      media_url: `/media/${key}`,
      media_mime_type: "image/jpeg",
      media_provider_id: "wa-media-1",
    });
    expect(events.published).toEqual([
      expect.objectContaining({
        type: "message_updated",
        payload: { conversationId: expect.any(String), messageId, deleted: false },
      }),
    ]);
    expect(await downloadMessageMedia(deps, messageId, { id: "j", attempt: 1 })).toBe("skipped");
    expect(requested).toHaveLength(1);
  });

  it("removes the file it stored for a message deleted meanwhile, whose deletion found no file", async () => {
    const { deps, files } = mediaDeps([{ ok: true, bytes: jpeg, mimeType: "image/jpeg" }]);
    const messageId = await storePhoto(deps);
    const { put } = deps.storage;
    deps.storage = {
      ...deps.storage,
      async put(key, file) {
        await createMessageRepository(tenant.db).redact(tenant.organizationId, messageId, new Date());
        return put(key, file);
      },
    };

    expect(await downloadMessageMedia(deps, messageId, { id: "j", attempt: 1 })).toBe("skipped");

    expect([...files.keys()]).toEqual([]);
    expect(await mediaOf(messageId)).toMatchObject({ media_status: null, media_url: null });
  });

  it("rethrows a retryable provider error so the queue retries, then stores on a later attempt", async () => {
    const { deps } = mediaDeps([
      { ok: false, error: "HTTP 503", retryable: true },
      { ok: true, bytes: jpeg, mimeType: "image/jpeg" },
    ]);
    const messageId = await storePhoto(deps);

    await expect(downloadMessageMedia(deps, messageId, { id: "j", attempt: 1 })).rejects.toThrow("HTTP 503");
    expect((await mediaOf(messageId)).media_status).toBe("pending");
    expect(await downloadMessageMedia(deps, messageId, { id: "j", attempt: 2 })).toBe("stored");
  });

  it("marks the media failed on the last attempt, with the provider's error", async () => {
    const { deps } = mediaDeps([{ ok: false, error: "HTTP 503", retryable: true }]);
    const messageId = await storePhoto(deps);

    expect(await downloadMessageMedia(deps, messageId, { id: "j", attempt: mediaDownloadAttempts })).toBe(
      "failed",
    );

    expect(await mediaOf(messageId)).toMatchObject({
      media_status: "failed",
      media_url: null,
      metadata: { mediaError: "HTTP 503" },
    });
  });

  it("marks the media failed at once on an error retrying cannot fix", async () => {
    const { deps } = mediaDeps([{ ok: false, error: "media expired", retryable: false }]);
    const messageId = await storePhoto(deps);

    expect(await downloadMessageMedia(deps, messageId, { id: "j", attempt: 1 })).toBe("failed");
    expect((await mediaOf(messageId)).media_status).toBe("failed");
  });

  it("marks the media failed when its integration was deleted", async () => {
    const { deps } = mediaDeps([]);
    const messageId = await storePhoto(deps);
    await tenant.db.deleteFrom("integrations").where("id", "=", tenant.integrationId).execute();

    expect(await downloadMessageMedia(deps, messageId, { id: "j", attempt: 1 })).toBe("failed");
    expect((await mediaOf(messageId)).metadata).toEqual({
      mediaError: "The channel integration no longer exists",
    });
  });
});
