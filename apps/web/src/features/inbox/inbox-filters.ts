import type { Channel, ConversationListInput, ConversationStatus } from "./types";

export const channels: readonly Channel[] = ["whatsapp", "telegram", "slack", "discord"];
export const statuses: readonly ConversationStatus[] = ["open", "pending", "snoozed", "closed"];

/** The inbox's filters as they live in the URL, so a view can be bookmarked and survives a reload. */
export interface InboxFilters {
  /** Absent: open conversations; "all": every status. */
  status?: ConversationStatus | "all" | undefined;
  /** Absent: everything the user may see. */
  assignee?: "me" | "unassigned" | undefined;
  channel?: Channel | undefined;
  /** A message search; the list pane shows matching messages instead of conversations. */
  q?: string | undefined;
}

const oneOf = <T extends string>(options: readonly T[], value: unknown): T | undefined =>
  typeof value === "string" && (options as readonly string[]).includes(value) ? (value as T) : undefined;

export function validateInboxSearch(search: Record<string, unknown>): InboxFilters {
  const q = typeof search.q === "string" ? search.q.trim().slice(0, 200) : "";
  return {
    status: oneOf([...statuses, "all"] as const, search.status),
    assignee: oneOf(["me", "unassigned"] as const, search.assignee),
    channel: oneOf(channels, search.channel),
    q: q === "" ? undefined : q,
  };
}

export function toListInput(filters: InboxFilters, limit: number): ConversationListInput {
  const status = filters.status ?? "open";
  return {
    limit,
    ...(status !== "all" && { status }),
    ...(filters.assignee && { assignee: filters.assignee }),
    ...(filters.channel && { channel: filters.channel }),
  };
}
