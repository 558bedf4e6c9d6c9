import { type SendSweepDeps, sweepPendingSends } from "@crm/domain";
import type { Logger } from "@crm/domain/shared/logger";
import type { JobScheduler } from "@crm/runtime";

export const sendSweepIntervalMs = 30_000;

/** `send-sweep`: sends again the outbound messages whose send job was lost. */
export async function sweepSendsJob(deps: SendSweepDeps & { logger: Logger }): Promise<void> {
  const requeued = await sweepPendingSends(deps);
  if (requeued > 0) deps.logger.info({ requeued }, "re-enqueued messages whose send job was lost");
}

/** Registers the repeatable sweep at startup; one schedule per queue whatever the number of callers. */
export async function scheduleSendSweep(scheduler: JobScheduler): Promise<void> {
  await scheduler.schedule("send-sweep", "send-sweep", { everyMs: sendSweepIntervalMs }, {});
}
