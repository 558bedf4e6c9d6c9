import { notifyFromEvent } from "@crm/domain/notifications/notify";
import type { NotificationsDeps } from "@crm/domain/notifications/ports";
import type { Logger } from "@crm/domain/shared/logger";

const sources = new Set(["conversation_assigned", "new_message"]);

/**
 * Creates notifications from assignments and @mentions. Runs on every API replica; creation is idempotent per
 * source event, so the replicas racing on one event produce one notification. Returns the stop function.
 */
export function startNotificationListener(deps: NotificationsDeps, logger: Logger): () => void {
  return deps.events.subscribe((event) => {
    if (!sources.has(event.type)) return;
    notifyFromEvent(deps, event).catch((err: unknown) =>
      logger.error({ err, eventType: event.type }, "could not create notifications for an event"),
    );
  });
}
