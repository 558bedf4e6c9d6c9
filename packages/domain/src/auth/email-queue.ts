import { DomainError } from "../shared/errors";
import type { AuthDeps } from "./ports";

/** How long to wait before asking again for something refused while its email cannot be queued. */
export const emailRetryAfterSeconds = 60;

/**
 * Refuses, before anything is written, what would end in an email the queue cannot take right now (Redis known to
 * be cut off): the change would be made and its email lost. `message` says what was not done.
 */
export function assertEmailCanBeQueued(deps: Pick<AuthDeps, "queueReachable">, message: string): void {
  if (deps.queueReachable()) return;
  throw emailUnavailable(message);
}

export const emailUnavailable = (message: string) =>
  new DomainError("UNAVAILABLE", message, { retryAfterSeconds: emailRetryAfterSeconds });
