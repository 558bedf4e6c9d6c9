import { sweepStalledImports } from "@crm/domain/contacts/import-sweep";
import type { ContactsDeps } from "@crm/domain/contacts/ports";
import type { Logger } from "@crm/domain/shared/logger";
import type { JobScheduler } from "@crm/runtime";

export const importSweepIntervalMs = 60_000;

/** `contacts-import-sweep`: re-enqueues contact imports whose jobs were lost. */
export async function sweepImportsJob(deps: { contacts: ContactsDeps; logger: Logger }): Promise<void> {
  const importIds = await sweepStalledImports(deps.contacts);
  if (importIds.length > 0)
    deps.logger.info({ importIds }, "re-enqueued contact imports whose jobs were lost");
}

/** Registers the repeatable sweep at startup; BullMQ upserts it by name, so there is one whatever the callers. */
export async function scheduleImportSweep(scheduler: JobScheduler): Promise<void> {
  await scheduler.schedule(
    "contacts-import-sweep",
    "contacts-import-sweep",
    { everyMs: importSweepIntervalMs },
    {},
  );
}
