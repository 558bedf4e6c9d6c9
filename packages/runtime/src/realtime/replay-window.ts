import { compareEntryIds, entryIdTime, isEntryId } from "@crm/domain/realtime/entry-id";
import { maxReplayEntries, type RealtimeEntry, type Replay } from "@crm/domain/realtime/ports";

/**
 * Replay from an organization's retained entries (oldest first): what followed `afterId`, or expired when the
 * id is not one of them, is older than the window, or the client is too far behind.
 */
export function replayAfter(retained: RealtimeEntry[], afterId: string, oldestAllowed: number): Replay {
  const latestId = retained.at(-1)?.id ?? null;
  if (!isEntryId(afterId) || entryIdTime(afterId) < oldestAllowed) return { kind: "expired", latestId };
  const index = retained.findIndex((entry) => compareEntryIds(entry.id, afterId) === 0);
  if (index < 0) return { kind: "expired", latestId };
  const entries = retained.slice(index + 1);
  if (entries.length > maxReplayEntries) return { kind: "expired", latestId };
  return { kind: "replay", entries };
}
