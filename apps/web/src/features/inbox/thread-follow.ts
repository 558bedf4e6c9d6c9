/** How close to the end (px) still counts as reading the newest messages. */
export const nearBottomPx = 96;

export interface ScrollPosition {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}

export const isNearBottom = (position: ScrollPosition, threshold = nearBottomPx): boolean =>
  position.scrollHeight - position.scrollTop - position.clientHeight <= threshold;

export interface NewestChange {
  /** The newest message shown before this render; undefined while the thread was loading. */
  previousNewestId: string | undefined;
  newestId: string | undefined;
  /** The newest message was sent by the signed-in user. */
  newestIsOwn: boolean;
  /** Where the reader was before the thread grew (the last scroll position seen). */
  wasNearBottom: boolean;
}

/**
 * What the thread does when its messages change: follow the conversation (scroll to the end), tell the reader
 * that newer messages arrived without moving what they are reading, or nothing (older pages loaded, a status
 * changed).
 */
export function followDecision(change: NewestChange): "scroll" | "notify" | "none" {
  if (change.newestId === undefined || change.newestId === change.previousNewestId) return "none";
  if (change.previousNewestId === undefined) return "scroll";
  if (change.newestIsOwn || change.wasNearBottom) return "scroll";
  return "notify";
}
