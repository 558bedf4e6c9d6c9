import { mediaOwnerOf } from "./ingest-media";
import type { MediaErasureDeps, MediaOwner, RetentionRepository } from "./ports";

export interface ErasedMedia {
  removed: number;
  /** Left in storage for the next sweep (logged). */
  failed: number;
}

async function removeFile(deps: MediaErasureDeps, key: string, outcome: ErasedMedia): Promise<void> {
  try {
    await deps.files.remove(key);
    outcome.removed += 1;
  } catch (err) {
    outcome.failed += 1;
    deps.logger.warn({ err, key }, "media file not removed; the retention sweep will remove it");
  }
}

/** Removes the files at these locators, once the deletion of their messages committed. Never throws. */
export async function removeMediaFiles(
  deps: MediaErasureDeps,
  urls: readonly string[],
): Promise<ErasedMedia> {
  const outcome: ErasedMedia = { removed: 0, failed: 0 };
  for (const url of urls) {
    const key = deps.files.keyOf(url);
    if (key !== undefined) await removeFile(deps, key, outcome);
  }
  return outcome;
}

/**
 * Removes the stored media of messages that no longer exist or were deleted: files whose removal failed, or
 * whose message went with its conversation or was deleted while its download ran. Keys not made by
 * `mediaKey` are left alone.
 */
export async function sweepOrphanMedia(
  deps: MediaErasureDeps & { retention: Pick<RetentionRepository, "liveMessageIds"> },
  batchSize: number,
): Promise<ErasedMedia> {
  const outcome: ErasedMedia = { removed: 0, failed: 0 };
  const batch: Array<{ key: string; owner: MediaOwner }> = [];
  const sweep = async (files: typeof batch) => {
    const live = new Set(await deps.retention.liveMessageIds(files.map((file) => file.owner)));
    for (const file of files) {
      if (!live.has(file.owner.messageId)) await removeFile(deps, file.key, outcome);
    }
  };
  for await (const key of deps.files.keys()) {
    const owner = mediaOwnerOf(key);
    if (!owner) continue;
    batch.push({ key, owner });
    if (batch.length >= batchSize) await sweep(batch.splice(0));
  }
  await sweep(batch);
  return outcome;
}

/**
 * Removes what downloads that died mid-write left in storage (see `FileStorage.removeAbandonedWrites`); answers
 * how many files went. Never throws: a failure is logged and the next sweep tries again.
 */
export async function sweepAbandonedWrites(deps: MediaErasureDeps): Promise<number> {
  try {
    return await deps.files.removeAbandonedWrites();
  } catch (err) {
    deps.logger.warn({ err }, "abandoned media writes not removed; the next retention sweep will try again");
    return 0;
  }
}
