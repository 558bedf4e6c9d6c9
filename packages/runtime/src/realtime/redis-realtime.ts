import type { FeedInterruptions, RealtimeBus, RealtimeEntry, Replay } from "@crm/domain/realtime/ports";
import { maxReplayEntries, replayWindowMs } from "@crm/domain/realtime/ports";
import type { DomainEvent, EventBus } from "@crm/domain/shared/events";
import type { Logger } from "@crm/domain/shared/logger";
import { Redis } from "ioredis";
import { deliver, type EventHandler, isDomainEvent } from "../events/deliver";
import { DEFAULT_EVENT_CHANNEL } from "../events/redis-event-bus";
import { channelNamespace, databaseIndexOf } from "../redis/channel-namespace";
import { closeRedisClient } from "../redis/connection";
import {
  defaultRedisHeartbeat,
  heartbeatOptions,
  type RedisHeartbeat,
  startHeartbeat,
} from "../redis/heartbeat";
import {
  appendOnceScript,
  appendScript,
  digestOf,
  keptAfterScript,
  scriptRunner,
  sinceScript,
} from "./redis-scripts";

export interface RedisRealtimeOptions {
  url: string;
  logger: Logger;
  /** Namespaces every key and channel (tests); the domain channel stays compatible with createRedisEventBus. */
  prefix?: string;
  /** REDIS_CHANNEL_PREFIX: sets apart deployments that share one database index (channels only, not keys). */
  channelPrefix?: string;
  windowMs?: number;
  /** Entries kept per organization, approximately; default 10,000. */
  maxLen?: number;
  /** Probes the subscriber's connection, so that one that died silently is reconnected (and reported interrupted). */
  heartbeat?: RedisHeartbeat;
}

export interface RedisRealtimeBus extends RealtimeBus {
  /** Resolves once this instance hears both channels; entries published before are not seen live. */
  ready(): Promise<void>;
}

type FeedHandler = (entry: RealtimeEntry) => void;

/**
 * Production realtime over Redis, for any number of API replicas.
 *
 * - The log: one stream per organization (`crm:realtime:stream:<org>`), capped by length and by age (the replay
 *   window), whose ids are the entry ids clients resume from.
 * - Exactly-once append: the publisher appends (`publish` runs one script: XADD, trim, announce), never the
 *   subscribers, so N replicas still mean one entry per event.
 * - Fan-out: the script announces `<id>\n<json>` on the feed channel (pub/sub); every replica hears it once and
 *   serves its own WebSocket clients from memory. Pub/sub rather than XREAD BLOCK because a replica would
 *   otherwise have to block on every organization's stream; the stream is read only for replay (XRANGE).
 * - Domain subscribers (notification rules, other contexts) keep the plain event channel that
 *   `createRedisEventBus` uses, so a process still on that bus interoperates both ways: what it publishes is
 *   not in the log yet, so the replicas that hear it race for its digest and the winner appends it.
 * - Pub/sub does not queue for a subscriber whose connection dropped: feed subscribers are told of the
 *   interruption when the connection closes, and that live entries resumed once it hears both channels again,
 *   so those that must not miss entries read the stream for what was appended in between. A connection that dies
 *   silently (no RST) is found by the heartbeat: an unanswered PING tears it down, and the same recovery runs.
 */
export function createRedisRealtime(options: RedisRealtimeOptions): RedisRealtimeBus {
  const { logger } = options;
  const prefix = options.prefix ?? "";
  const windowMs = options.windowMs ?? replayWindowMs;
  const maxLen = options.maxLen ?? 10_000;
  const streamKey = (organizationId: string) => `${prefix}crm:realtime:stream:${organizationId}`;
  const claimKey = (digest: string) => `${prefix}crm:realtime:claim:${digest}`;

  // a connection in subscriber mode cannot run commands, hence two
  const commands = new Redis(options.url, { connectionName: "crm-realtime-cmd" });
  const heartbeat = options.heartbeat ?? defaultRedisHeartbeat;
  const subscriber = new Redis(options.url, {
    connectionName: "crm-realtime-sub",
    ...heartbeatOptions(heartbeat),
  });
  // keys live in the connection's database; channels are server-wide, so they carry the deployment's namespace
  const namespace = channelNamespace(databaseIndexOf(subscriber), options.channelPrefix);
  const domainChannel = `${namespace}${prefix}${DEFAULT_EVENT_CHANNEL}`;
  const feedChannel = `${namespace}${prefix}crm:realtime:feed`;
  for (const connection of [commands, subscriber]) {
    connection.on("error", (err) => logger.error({ err }, "realtime Redis connection error"));
  }
  const append = scriptRunner(commands, appendScript);
  const appendOnce = scriptRunner(commands, appendOnceScript);
  const since = scriptRunner(commands, sinceScript);
  const keptAfter = scriptRunner(commands, keptAfterScript);

  const domainHandlers = new Set<EventHandler>();
  const feedHandlers = new Set<FeedHandler>();
  const interruptionHandlers = new Set<FeedInterruptions>();
  /** `interrupted` from the subscriber's connection dropping until it hears both channels again. */
  let state: "subscribing" | "live" | "interrupted" = "subscribing";

  function tellInterruption(what: keyof FeedInterruptions): void {
    for (const handler of [...interruptionHandlers]) {
      try {
        handler[what]();
      } catch (err) {
        logger.error({ err }, "realtime feed interruption handler failed");
      }
    }
  }

  function interrupt(): void {
    if (state !== "live") return;
    state = "interrupted";
    logger.warn({ channel: feedChannel }, "realtime subscriber disconnected: live entries interrupted");
    tellInterruption("interrupted");
  }

  function resume(): void {
    if (state !== "interrupted") return;
    state = "live";
    logger.info({ channel: feedChannel }, "realtime subscriber listening again");
    tellInterruption("resumed");
  }

  function parseEvent(json: string): DomainEvent | undefined {
    try {
      const value: unknown = JSON.parse(json);
      return isDomainEvent(value) ? value : undefined;
    } catch {
      return undefined;
    }
  }

  function onFeedMessage(message: string): void {
    const newline = message.indexOf("\n");
    const event = newline > 0 ? parseEvent(message.slice(newline + 1)) : undefined;
    if (!event) {
      logger.warn({ channel: feedChannel }, "ignored a realtime message that is not an entry");
      return;
    }
    const entry: RealtimeEntry = { id: message.slice(0, newline), event };
    for (const handler of [...feedHandlers]) {
      try {
        handler(entry);
      } catch (err) {
        logger.error({ err, eventType: event.type }, "realtime feed handler failed");
      }
    }
  }

  function onDomainMessage(message: string): void {
    const parsed = parseEvent(message);
    if (!parsed) {
      logger.warn({ channel: domainChannel }, "ignored a message that is not a domain event");
      return;
    }
    const { realtimeId, ...event } = parsed as DomainEvent & { realtimeId?: unknown };
    deliver([...domainHandlers], event, logger);
    if (typeof realtimeId === "string") return;
    const args = [message, maxLen, windowMs, feedChannel];
    appendOnce([streamKey(event.organizationId), claimKey(digestOf(message))], args).catch((err: unknown) =>
      logger.error({ err, eventType: event.type }, "could not append an event to the realtime log"),
    );
  }

  subscriber.on("message", (channel: string, message: string) => {
    // a message on the new connection proves it subscribed: resumed is told before the entry is delivered
    resume();
    if (channel === feedChannel) onFeedMessage(message);
    else if (channel === domainChannel) onDomainMessage(message);
  });
  const subscribed = subscriber.subscribe(feedChannel, domainChannel).then(() => {
    if (state === "subscribing") state = "live";
  });
  subscribed.catch((err: unknown) => logger.error({ err }, "realtime could not subscribe"));
  subscriber.on("close", interrupt);
  const stopHeartbeat = startHeartbeat(subscriber, heartbeat);
  // ioredis subscribes again on its own once reconnected; the reply to this later SUBSCRIBE says it took effect
  subscriber.on("ready", () => {
    if (state !== "interrupted") return;
    subscriber
      .subscribe(feedChannel, domainChannel)
      .then(resume, (err: unknown) => logger.error({ err }, "realtime could not subscribe again"));
  });

  const events: EventBus = {
    async publish(event) {
      const json = JSON.stringify({
        type: event.type,
        organizationId: event.organizationId,
        payload: event.payload,
        occurredAt: event.occurredAt,
      });
      await append([streamKey(event.organizationId)], [json, maxLen, windowMs, feedChannel, domainChannel]);
    },
    subscribe(handler) {
      const entry: EventHandler = (event) => handler(event);
      domainHandlers.add(entry);
      return () => {
        domainHandlers.delete(entry);
      };
    },
    // closing the pair closes the bus: the container closes `events`
    close: () => close(),
  };

  let closing: Promise<void> | undefined;
  function close(): Promise<void> {
    closing ??= (async () => {
      domainHandlers.clear();
      feedHandlers.clear();
      interruptionHandlers.clear();
      // quitting closes the subscriber too: that is no interruption
      state = "subscribing";
      stopHeartbeat();
      await Promise.all([closeRedisClient(subscriber), closeRedisClient(commands)]);
    })();
    return closing;
  }

  return {
    events,
    feed: {
      subscribe(handler, interruptions) {
        const entry: FeedHandler = (value) => handler(value);
        const told: FeedInterruptions | undefined = interruptions && {
          interrupted: () => interruptions.interrupted(),
          resumed: () => interruptions.resumed(),
        };
        feedHandlers.add(entry);
        if (told) interruptionHandlers.add(told);
        return () => {
          feedHandlers.delete(entry);
          if (told) interruptionHandlers.delete(told);
        };
      },
      async since(organizationId, afterId): Promise<Replay> {
        const result = (await since([streamKey(organizationId)], [afterId, windowMs, maxReplayEntries])) as [
          number,
          string | Array<[string, string[]]>,
        ];
        const [ok, rest] = result;
        if (ok !== 1 || typeof rest === "string") {
          return { kind: "expired", latestId: typeof rest === "string" && rest !== "" ? rest : null };
        }
        const entries: RealtimeEntry[] = [];
        for (const [id, fields] of rest) {
          const event = parseEvent(fields[1] ?? "");
          if (event) entries.push({ id, event });
        }
        return { kind: "replay", entries };
      },
      async keptAfter(organizationId, afterId) {
        const [keptSince, kept] = (await keptAfter(
          [streamKey(organizationId)],
          [afterId, windowMs, maxLen],
        )) as [number, Array<[string, string[]]>];
        const entries: RealtimeEntry[] = [];
        for (const [id, fields] of kept) {
          const event = parseEvent(fields[1] ?? "");
          if (event) entries.push({ id, event });
        }
        return { entries, keptSince };
      },
    },
    async ready() {
      await subscribed;
    },
    close,
  };
}
