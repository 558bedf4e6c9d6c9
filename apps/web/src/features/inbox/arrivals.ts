/** What the thread showed at its last render: null while it was still loading. */
export type ShownThread = {
  ids: ReadonlySet<string>;
  /** The oldest message shown: an earlier page loaded above holds only messages older than it. */
  oldestSentAt: string | undefined;
} | null;

interface ThreadMessage {
  id: string;
  direction: "inbound" | "outbound";
  sentAt: string;
}

export function shownThread(items: readonly ThreadMessage[]): NonNullable<ShownThread> {
  return { ids: new Set(items.map((message) => message.id)), oldestSentAt: items[0]?.sentAt };
}

/**
 * The customer's messages that arrived since the thread was last shown, oldest first: to be announced to a
 * screen reader. None for the first load, none from the team (the user's own sends included), none of an
 * earlier page loaded above. A message is new by its id, not by its place: one the provider dated a moment
 * before the newest shown still came in now.
 */
export function arrivedInbound<M extends ThreadMessage>(shown: ShownThread, items: readonly M[]): M[] {
  if (!shown) return [];
  const { ids, oldestSentAt } = shown;
  return items.filter(
    (message) =>
      message.direction === "inbound" &&
      !ids.has(message.id) &&
      (oldestSentAt === undefined || message.sentAt > oldestSentAt),
  );
}

/** At most this much of a message is read out: the thread has the rest. */
const announcedLength = 200;

export const announcedText = (content: string): string => {
  const text = content.trim().replace(/\s+/g, " ");
  return text.length > announcedLength ? `${text.slice(0, announcedLength - 1)}…` : text;
};
