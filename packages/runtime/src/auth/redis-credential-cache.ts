import type { CredentialCache } from "@crm/domain/auth/ports";
import type { Logger } from "@crm/domain/shared/logger";
import { Redis } from "ioredis";
import { createLocalCredentialCache, type LocalCredentialCacheOptions } from "./credential-cache";

export interface RedisCredentialCacheOptions extends Omit<LocalCredentialCacheOptions, "announce"> {
  url: string;
  logger: Logger;
  /** Namespaces the channel (tests). */
  prefix?: string;
}

export interface RedisCredentialCache extends CredentialCache {
  /** Resolves once this replica hears the other replicas' revocations. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The credential cache of a replica among several: a revocation clears this replica's cache, then is
 * announced on a pub/sub channel that makes every replica clear its own. A revocation announced while Redis is
 * unreachable is lost; the other replicas then recall the revoked actor until their entries expire (a few
 * seconds), which is why entries live that short.
 */
export function createRedisCredentialCache(options: RedisCredentialCacheOptions): RedisCredentialCache {
  const { logger } = options;
  const channel = `${options.prefix ?? ""}crm:auth:revocations`;
  // a connection in subscriber mode cannot publish, hence two
  const publisher = new Redis(options.url, {
    connectionName: "crm-auth-pub",
    // a revocation must not wait for Redis to come back: it is logged as not announced instead
    enableOfflineQueue: false,
  });
  const subscriber = new Redis(options.url, { connectionName: "crm-auth-sub" });
  for (const connection of [publisher, subscriber]) {
    connection.on("error", (err) =>
      logger.error({ err, channel }, "credential cache Redis connection error"),
    );
  }

  const local = createLocalCredentialCache({
    ...options,
    announce: async () => {
      try {
        await publisher.publish(channel, "revoked");
      } catch (err) {
        logger.error(
          { err, channel },
          "a credential revocation could not be announced to the other replicas",
        );
      }
    },
  });

  subscriber.on("message", (from: string) => {
    if (from === channel) local.forgetAll();
  });
  const subscribed = subscriber.subscribe(channel);
  subscribed.catch((err: unknown) => logger.error({ err, channel }, "credential cache could not subscribe"));

  return {
    generation: local.generation,
    recall: local.recall,
    remember: local.remember,
    revokeAll: local.revokeAll,
    async ready() {
      await subscribed;
    },
    async close() {
      await Promise.allSettled([subscriber.quit(), publisher.quit()]);
    },
  };
}
