import { join } from "node:path";
import type { DatabaseHandle } from "@crm/db";
import { createIngestionStore } from "@crm/db/conversations/ingestion-store";
import type { IngestionDeps } from "@crm/domain/conversations/ingestion-ports";
import type { Channels } from "@crm/domain/integrations/ports";
import type { EventBus } from "@crm/domain/shared/events";
import type { JobQueue } from "@crm/domain/shared/jobs";
import type { Logger } from "@crm/domain/shared/logger";
import { createLocalDiskStorage } from "@crm/runtime/storage/local-disk-storage";

export interface IngestionWiring {
  db: DatabaseHandle["db"];
  channels: Channels;
  /** Media is stored under `${dataDir}/media`. */
  dataDir: string;
  queue: JobQueue;
  events: EventBus;
  logger: Logger;
}

/** Media files under `${dataDir}/media`: the worker writes them, the API serves them (a shared volume). */
export const createMediaStorage = (dataDir: string) =>
  createLocalDiskStorage({ root: join(dataDir, "media") });

/** The inbound pipeline's dependencies, the same in the worker and in the API's embedded mode. */
export function createIngestionDeps(wiring: IngestionWiring): IngestionDeps {
  return {
    store: createIngestionStore(wiring.db),
    adapters: wiring.channels.adapters,
    credentials: wiring.channels.credentials,
    storage: createMediaStorage(wiring.dataDir),
    queue: wiring.queue,
    events: wiring.events,
    clock: { now: () => new Date() },
    logger: wiring.logger,
  };
}
