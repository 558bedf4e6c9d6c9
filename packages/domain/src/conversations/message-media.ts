import type { Actor } from "../auth/model";
import { notFound } from "../shared/errors";
import { isUuid } from "../shared/ids";
import type { OpenedFile, StoredFileReader } from "../shared/storage";
import { visibleMessage } from "./message-queries";
import type { ConversationsRepos } from "./ports";

export interface MessageMediaDeps {
  store: ConversationsRepos;
  files: StoredFileReader;
}

export interface MessageMediaFile extends OpenedFile {
  /** The provider's name of the file (untrusted), else the stored one (`<message id>.<ext>`). */
  fileName: string;
}

/**
 * The stored media of a message whose conversation the actor may see, opened for reading. Everything else (a
 * malformed id, another organization's message, a conversation an agent may not see, media pending, failed or
 * erased) is the same 404, so a caller learns nothing about what exists.
 */
export async function openMessageMedia(
  deps: MessageMediaDeps,
  actor: Actor,
  messageId: string,
): Promise<MessageMediaFile> {
  if (!isUuid(messageId)) throw notFound("Media");
  const { message } = await visibleMessage(deps.store, actor, messageId.toLowerCase());
  const media = message.media;
  const key = media?.status === "stored" && media.url ? deps.files.keyOf(media.url) : undefined;
  const file = key === undefined ? undefined : await deps.files.open(key);
  if (!media || key === undefined || !file) throw notFound("Media");
  return { ...file, fileName: media.fileName ?? key.split("/").pop() ?? key };
}
