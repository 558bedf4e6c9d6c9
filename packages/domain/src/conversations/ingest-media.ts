import type { ChannelAdapter, ChannelAdapters, ConnectedChannel, InboundMedia } from "../integrations";
import { isUuid } from "../shared/ids";
import type { JobContext } from "../shared/jobs";
import type { IngestionChanges } from "./ingest-changes";
import type { IngestionDeps, PendingMedia } from "./ingestion-ports";
import type { MediaOwner } from "./ports";

export const mediaDownloadAttempts = 5;

type DownloadResult = Awaited<ReturnType<ChannelAdapter["downloadMedia"]>>;

/** One branch per channel: TypeScript cannot pair a union's config with the adapter picked by its channel. */
function download(
  adapters: ChannelAdapters,
  connected: ConnectedChannel,
  media: InboundMedia,
): Promise<DownloadResult> {
  switch (connected.channel) {
    case "whatsapp":
      return adapters.get("whatsapp").downloadMedia(connected.config, media);
    case "telegram":
      return adapters.get("telegram").downloadMedia(connected.config, media);
    case "slack":
      return adapters.get("slack").downloadMedia(connected.config, media);
    case "discord":
      return adapters.get("discord").downloadMedia(connected.config, media);
  }
}

const extensions: Record<string, string> = {
  "image/jpeg": ".jpg",
  "image/png": ".png",
  "image/webp": ".webp",
  "image/gif": ".gif",
  "audio/ogg": ".ogg",
  "audio/mpeg": ".mp3",
  "audio/mp4": ".m4a",
  "audio/aac": ".aac",
  "video/mp4": ".mp4",
  "video/3gpp": ".3gp",
  "application/pdf": ".pdf",
};

/** `<organization>/<message>.<ext>`: ids only, so a provider's file name never reaches a path. */
export function mediaKey(
  media: Pick<PendingMedia, "organizationId" | "messageId" | "fileName">,
  mimeType: string,
) {
  const fromName = media.fileName?.match(/\.[a-z0-9]{1,8}$/i)?.[0]?.toLowerCase();
  const extension = extensions[mimeType.split(";")[0]?.trim() ?? ""] ?? fromName ?? "";
  return `${media.organizationId}/${media.messageId}${extension}`;
}

const mediaKeyPattern = /^([0-9a-f-]{36})\/([0-9a-f-]{36})(\.[a-z0-9]{1,8})?$/;

/** The message a key made by `mediaKey` names; undefined for any other key (never ours to remove). */
export function mediaOwnerOf(key: string): MediaOwner | undefined {
  const [, organizationId, messageId] = key.match(mediaKeyPattern) ?? [];
  if (!organizationId || !messageId || !isUuid(organizationId) || !isUuid(messageId)) return undefined;
  return { organizationId, messageId };
}

export type MediaOutcome = "stored" | "failed" | "skipped";

/**
 * The `media-download` job: fetches an inbound message's media from the provider into storage and points the
 * message at it. A retryable provider error is rethrown for the queue to retry; the last attempt (or a final
 * error) marks the media failed.
 */
export async function downloadMessageMedia(
  deps: Pick<IngestionDeps, "store" | "adapters" | "credentials" | "storage" | "events" | "clock" | "logger">,
  messageId: string,
  job: JobContext,
): Promise<MediaOutcome> {
  const media = await deps.store.messages.findMedia(messageId);
  if (media?.status !== "pending") return "skipped";
  const lastAttempt = job.attempt >= mediaDownloadAttempts;
  const context = { messageId, organizationId: media.organizationId, attempt: job.attempt };
  const fail = async (error: string): Promise<MediaOutcome> => {
    if (await deps.store.messages.markMediaFailed(media.organizationId, messageId, error))
      await announce(deps, media);
    deps.logger.warn({ ...context, reason: error }, "media download failed");
    return "failed";
  };

  const connected = media.integrationId
    ? await deps.credentials.get(media.organizationId, media.integrationId)
    : undefined;
  if (!connected) return fail("The channel integration no longer exists");
  const result = await download(deps.adapters, connected, {
    providerMediaId: media.providerMediaId,
    ...(media.mimeType ? { mimeType: media.mimeType } : {}),
    ...(media.fileName ? { fileName: media.fileName } : {}),
  });
  if (!result.ok) {
    if (result.retryable && !lastAttempt) throw new Error(`Media download failed: ${result.error}`);
    return fail(result.error);
  }
  const mimeType = result.mimeType || media.mimeType || "application/octet-stream";
  const key = mediaKey(media, mimeType);
  const { url } = await deps.storage.put(key, { bytes: result.bytes, contentType: mimeType });
  if (await deps.store.messages.markMediaStored(media.organizationId, messageId, { url, mimeType })) {
    await announce(deps, media);
    return "stored";
  }
  if (await deps.store.messages.findMedia(messageId)) return "stored";
  // deleted while this ran: its deletion found no file to remove (should this fail, the retention sweep will)
  await deps.storage.remove(key);
  return "skipped";
}

async function announce(deps: Pick<IngestionDeps, "events" | "clock" | "logger">, media: PendingMedia) {
  try {
    await deps.events.publish({
      type: "message_updated",
      organizationId: media.organizationId,
      payload: { conversationId: media.conversationId, messageId: media.messageId, deleted: false },
      occurredAt: deps.clock.now().toISOString(),
    });
  } catch (err) {
    deps.logger.warn({ err, messageId: media.messageId }, "event not published");
  }
}

export const enqueueMediaDownload = (
  deps: Pick<IngestionDeps, "queue">,
  messageId: string,
  options: { replaceFinished?: boolean } = {},
) =>
  deps.queue.enqueue(
    "media-download",
    { messageId },
    { jobId: `media-${messageId}`, attempts: mediaDownloadAttempts, ...options },
  );

/** After the commit; a lost enqueue is recovered by the sweeper, which finds the media still pending. */
export async function enqueueMediaDownloads(
  deps: Pick<IngestionDeps, "queue" | "logger">,
  changes: IngestionChanges,
): Promise<void> {
  for (const message of changes.newMessages) {
    if (!message.hasMedia) continue;
    try {
      await enqueueMediaDownload(deps, message.messageId);
    } catch (err) {
      deps.logger.warn(
        { err, messageId: message.messageId },
        "media download not enqueued; the sweeper will",
      );
    }
  }
}
