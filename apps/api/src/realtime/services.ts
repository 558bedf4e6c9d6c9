import type { Database } from "@crm/db";
import { createMentionSources } from "@crm/db/notifications/mention-sources";
import { createNotificationRepository } from "@crm/db/notifications/notification-repository";
import { createConversationReadRepository } from "@crm/db/realtime/conversation-read-repository";
import type { NotificationsDeps } from "@crm/domain/notifications/ports";
import type { ConversationReadRepository, RealtimeDeps, RealtimeFeed } from "@crm/domain/realtime/ports";
import type { EventBus } from "@crm/domain/shared/events";
import type { Logger } from "@crm/domain/shared/logger";
import type { Kysely } from "kysely";
import { createRealtimeHub, type RealtimeHub } from "./hub";
import { startNotificationListener } from "./notification-listener";
import { createTypingIndicators, type TypingIndicators } from "./typing";

export interface RealtimeServices extends RealtimeDeps {
  feed: RealtimeFeed;
  hub: RealtimeHub;
  typing: TypingIndicators;
  notifications: NotificationsDeps;
  close(): void;
}

/** The realtime context's part of the composition root. */
export function createRealtimeServices(deps: {
  db: Kysely<Database>;
  events: EventBus;
  feed: RealtimeFeed;
  logger: Logger;
}): RealtimeServices {
  const { db, events, feed, logger } = deps;
  const clock = { now: () => new Date() };
  const reads: ConversationReadRepository = createConversationReadRepository(db);
  const notifications: NotificationsDeps = {
    notifications: createNotificationRepository(db),
    mentions: createMentionSources(db),
    events,
    clock,
  };
  const hub = createRealtimeHub({ feed, reads, logger });
  const typing = createTypingIndicators({ events, logger });
  const stopNotifications = startNotificationListener(notifications, logger);
  return {
    reads,
    clock,
    events,
    feed,
    hub,
    typing,
    notifications,
    close() {
      stopNotifications();
      typing.close();
      hub.close();
    },
  };
}
