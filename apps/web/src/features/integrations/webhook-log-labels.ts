import type { BadgeTone } from "../../components/ui/badge";
import type { PlainMessageKey } from "../../i18n/translate";
import type { WebhookLog, WebhookLogStatus } from "./use-integrations";

export const logStatusLabels: Record<WebhookLogStatus, PlainMessageKey> = {
  pending: "integrations.logs.status.pending",
  success: "integrations.logs.status.success",
  failed: "integrations.logs.status.failed",
  retrying: "integrations.logs.status.retrying",
  held: "integrations.logs.status.held",
};

export const logStatusTones: Record<WebhookLogStatus, BadgeTone> = {
  pending: "warning",
  success: "success",
  failed: "danger",
  retrying: "accent",
  held: "warning",
};

/**
 * Only a failed delivery is offered again; pending and retrying ones are already on their way, held ones go
 * when the integration is enabled again.
 */
export const canRetry = (log: Pick<WebhookLog, "status">): boolean => log.status === "failed";

/** How often the log asks again while a delivery is still being processed, so a retry's outcome shows. */
export const inFlightPollMs = 3_000;

export function pollWhileInFlight(
  pages: ReadonlyArray<{ items: readonly Pick<WebhookLog, "status">[] }> | undefined,
): number | false {
  const inFlight = pages?.some((page) =>
    page.items.some((log) => log.status === "pending" || log.status === "retrying"),
  );
  return inFlight ? inFlightPollMs : false;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * A short name for what the delivery was about, read from the common payload shapes (Stripe `type`,
 * Mercado Pago `action`, Slack `event.type`, WhatsApp `field`); the event id otherwise.
 */
export function eventSummary(log: Pick<WebhookLog, "payload" | "eventId">): string {
  const payload = log.payload;
  if (isRecord(payload)) {
    if (typeof payload.type === "string" && payload.type !== "event_callback") return payload.type;
    if (typeof payload.action === "string") return payload.action;
    if (isRecord(payload.event) && typeof payload.event.type === "string") return payload.event.type;
    const entry = Array.isArray(payload.entry) ? payload.entry[0] : undefined;
    const change = isRecord(entry) && Array.isArray(entry.changes) ? entry.changes[0] : undefined;
    if (isRecord(change) && typeof change.field === "string") return change.field;
  }
  return log.eventId ?? "—";
}
