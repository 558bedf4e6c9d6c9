import { validationFailed } from "../shared/errors";
import type { Deal, DealStatus } from "./model";

export const maxLostReasonLength = 500;

export interface DealStatusChange {
  status: DealStatus;
  lostReason: string | null;
  wonAt: string | null;
  lostAt: string | null;
  /** the system activity to write; null when only the lost reason changed */
  activity: "won" | "lost" | "reopened" | null;
}

/**
 * Any status may follow any other: a won deal can be reopened or found lost. Losing needs a reason;
 * a reason on a deal that is not lost is refused rather than silently dropped.
 * Undefined when nothing changes.
 */
export function changeDealStatus(
  deal: Pick<Deal, "status" | "lostReason" | "wonAt" | "lostAt">,
  to: DealStatus | undefined,
  lostReasonInput: string | undefined,
  now: Date,
): DealStatusChange | undefined {
  const status = to ?? deal.status;
  const lostReason = lostReasonInput === undefined ? undefined : lostReasonInput.trim();
  if (status !== "lost" && lostReason !== undefined) {
    throw validationFailed("lostReason", "Only a lost deal has a lost reason");
  }
  if (status === "lost") {
    const reason = lostReason ?? (deal.status === "lost" ? deal.lostReason : null);
    if (!reason) throw validationFailed("lostReason", "Say why the deal was lost (lostReason)");
    if (reason.length > maxLostReasonLength) {
      throw validationFailed("lostReason", `lostReason must have at most ${maxLostReasonLength} characters`);
    }
    if (deal.status === "lost") {
      return reason === deal.lostReason
        ? undefined
        : { status, lostReason: reason, wonAt: null, lostAt: deal.lostAt, activity: null };
    }
    return { status, lostReason: reason, wonAt: null, lostAt: now.toISOString(), activity: "lost" };
  }
  if (status === deal.status) return undefined;
  if (status === "won") {
    return { status, lostReason: null, wonAt: now.toISOString(), lostAt: null, activity: "won" };
  }
  return { status, lostReason: null, wonAt: null, lostAt: null, activity: "reopened" };
}
