import type { Logger } from "@crm/domain/shared/logger";
import { settlesWithin } from "@crm/runtime";

export interface ClosingStep {
  /** What the log names when it does not close, e.g. "BullMQ workers". */
  name: string;
  close(): Promise<unknown> | undefined;
  /** How long it may take; past that it is left as it is and the next step starts. */
  timeoutMs: number;
}

/**
 * Runs the steps one after the other, each bounded, so that a stop never waits on a peer that went silent (a
 * partitioned Redis answers nothing and closes nothing). Answers the names of the steps that failed or ran late.
 */
export async function closeInTurn(steps: ClosingStep[], logger: Logger): Promise<string[]> {
  const unclosed: string[] = [];
  for (const step of steps) {
    const outcome = Promise.resolve()
      .then(() => step.close())
      .then(
        () => true,
        (err: unknown) => {
          logger.warn({ err, part: step.name }, "did not close");
          return false;
        },
      );
    const closed = (await settlesWithin(outcome, step.timeoutMs)) && (await outcome);
    if (!closed) unclosed.push(step.name);
  }
  return unclosed;
}
