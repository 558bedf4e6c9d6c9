import type { DeliveryStatus } from "../integrations/channel";

const rank: Record<DeliveryStatus, number> = { pending: 0, sent: 1, delivered: 2, read: 3, failed: 4 };

/**
 * Statuses only move forward (pending < sent < delivered < read), whatever order the provider's callbacks
 * arrive in; failed is final. Answers the status to keep.
 */
export function advanceStatus(current: DeliveryStatus | null, next: DeliveryStatus): DeliveryStatus {
  if (current === null) return next;
  if (current === "failed") return "failed";
  if (next === "failed") return current === "pending" || current === "sent" ? "failed" : current;
  return rank[next] > rank[current] ? next : current;
}
