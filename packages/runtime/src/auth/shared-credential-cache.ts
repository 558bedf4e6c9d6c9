import type { CredentialCache } from "@crm/domain/auth/ports";
import type { EventBus } from "@crm/domain/shared/events";
import type { Logger } from "@crm/domain/shared/logger";
import { createLocalCredentialCache, type LocalCredentialCacheOptions } from "./credential-cache";

export interface SharedCredentialCacheOptions extends Omit<LocalCredentialCacheOptions, "announce"> {
  /** A bus every replica shares and only revocations travel on (a Redis event bus on a channel of its own). */
  revocations: EventBus;
  logger: Logger;
}

const credentialsRevoked = "credentials_revoked";

/**
 * The credential cache of a replica among several: a revocation clears this replica's cache, then is announced on
 * the revocations bus, which makes every replica clear its own. The announcement is not waited for: a revocation
 * announced while Redis is unreachable is lost, and the other replicas then recall the revoked actor until their
 * entries expire (a few seconds), which is why entries live that short.
 */
export function createSharedCredentialCache(
  options: SharedCredentialCacheOptions,
): CredentialCache & { close(): void } {
  const { revocations, logger } = options;
  const local = createLocalCredentialCache({
    ...options,
    announce: () => {
      const event = {
        type: credentialsRevoked,
        organizationId: "*",
        payload: {},
        occurredAt: new Date().toISOString(),
      };
      revocations.publish(event).catch((err: unknown) => {
        logger.error({ err }, "a credential revocation could not be announced to the other replicas");
      });
    },
  });
  const stopListening = revocations.subscribe((event) => {
    if (event.type === credentialsRevoked) local.forgetAll();
  });
  return {
    generation: local.generation,
    recall: local.recall,
    remember: local.remember,
    revokeAll: local.revokeAll,
    close: stopListening,
  };
}
