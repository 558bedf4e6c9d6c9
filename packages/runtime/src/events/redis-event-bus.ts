import type { EventBus } from "@crm/domain/shared/events";
import type { Logger } from "@crm/domain/shared/logger";
import { Redis } from "ioredis";
import { channelNamespace, databaseIndexOf } from "../redis/channel-namespace";
import { closeRedisClient } from "../redis/connection";
import {
  defaultRedisHeartbeat,
  heartbeatOptions,
  type RedisHeartbeat,
  startHeartbeat,
} from "../redis/heartbeat";
import { deliver, type EventHandler, isDomainEvent } from "./deliver";

export interface RedisEventBusOptions {
  url: string;
  /** Pub/sub channel every instance shares, after the deployment's namespace; default "crm:events". */
  channel?: string;
  /** REDIS_CHANNEL_PREFIX: sets apart deployments that share one database index. */
  channelPrefix?: string;
  logger: Logger;
  /** Probes the subscriber's connection, so that one that died silently is reconnected and subscribed again. */
  heartbeat?: RedisHeartbeat;
}

export interface RedisEventBus extends EventBus {
  /** Resolves once this instance receives the channel's messages; events published before are not seen. */
  ready(): Promise<void>;
}

export const DEFAULT_EVENT_CHANNEL = "crm:events";

/** Fan-out between replicas: every instance receives every event published by any instance (itself included). */
export function createRedisEventBus(options: RedisEventBusOptions): RedisEventBus {
  const { logger } = options;
  // a connection in subscriber mode cannot publish, hence two
  const publisher = new Redis(options.url, { connectionName: "crm-events-pub" });
  const heartbeat = options.heartbeat ?? defaultRedisHeartbeat;
  const subscriber = new Redis(options.url, {
    connectionName: "crm-events-sub",
    ...heartbeatOptions(heartbeat),
  });
  const namespace = channelNamespace(databaseIndexOf(subscriber), options.channelPrefix);
  const channel = `${namespace}${options.channel ?? DEFAULT_EVENT_CHANNEL}`;
  const handlers = new Set<EventHandler>();

  for (const connection of [publisher, subscriber]) {
    connection.on("error", (err) => logger.error({ err, channel }, "event bus Redis connection error"));
  }

  subscriber.on("message", (from: string, message: string) => {
    if (from !== channel) return;
    let event: unknown;
    try {
      event = JSON.parse(message);
    } catch (err) {
      logger.warn({ err, channel }, "ignored an event that is not JSON");
      return;
    }
    if (!isDomainEvent(event)) {
      logger.warn({ channel }, "ignored a message that is not a domain event");
      return;
    }
    deliver([...handlers], event, logger);
  });

  const subscribed = subscriber.subscribe(channel);
  subscribed.catch((err: unknown) => logger.error({ err, channel }, "event bus could not subscribe"));
  const stopHeartbeat = startHeartbeat(subscriber, heartbeat);

  return {
    async ready() {
      await subscribed;
    },

    async publish(event) {
      await publisher.publish(channel, JSON.stringify(event));
    },

    subscribe(handler) {
      const entry: EventHandler = (event) => handler(event);
      handlers.add(entry);
      return () => {
        handlers.delete(entry);
      };
    },

    async close() {
      handlers.clear();
      stopHeartbeat();
      await Promise.all([closeRedisClient(subscriber), closeRedisClient(publisher)]);
    },
  };
}
