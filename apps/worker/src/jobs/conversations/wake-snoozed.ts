import { type SnoozeDeps, wakeSnoozedConversations } from "@crm/domain";
import type { Logger } from "@crm/domain/shared/logger";
import type { JobScheduler } from "@crm/runtime";

/** How late a snooze may end at worst. */
export const snoozeWakeIntervalMs = 30_000;

/** `snooze-wake`: reopens the conversations whose snooze ended. */
export async function wakeSnoozedJob(deps: SnoozeDeps & { logger: Logger }): Promise<void> {
  const woken = await wakeSnoozedConversations(deps);
  if (woken > 0) deps.logger.info({ woken }, "snoozed conversations reopened");
}

/** Registers the repeatable run at startup; one schedule per queue whatever the number of callers. */
export async function scheduleSnoozeWake(scheduler: JobScheduler): Promise<void> {
  await scheduler.schedule("snooze-wake", "snooze-wake", { everyMs: snoozeWakeIntervalMs }, {});
}
