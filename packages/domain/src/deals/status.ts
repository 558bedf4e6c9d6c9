import { validationFailed } from "../shared/errors";
import type { Deal, DealStatus } from "./model";

export const maxLostReasonLength = 500;

export interface DealStatusChange {
  status: DealStatus;
  lostReason: string | null;
  lostReasonId: string | null;
  wonAt: string | null;
  lostAt: string | null;
  /** the system activity to write; null when only the lost reason changed */
  activity: "won" | "lost" | "reopened" | null;
}

/** A predefined reason picked to lose a deal (see `pickLostReason`). */
export interface PickedLostReason {
  id: string;
  name: string;
}

/**
 * Any status may follow any other: a won deal can be reopened or found lost. Losing needs a reason: free
 * text, a predefined reason (whose name is the text when none is given), or both (the text then says more).
 * A reason on a deal that is not lost is refused rather than silently dropped. Editing only the text of a
 * lost deal keeps its predefined reason. Undefined when nothing changes.
 */
export function changeDealStatus(
  deal: Pick<Deal, "status" | "lostReason" | "lostReasonId" | "wonAt" | "lostAt">,
  to: DealStatus | undefined,
  lostReasonInput: string | undefined,
  now: Date,
  picked?: PickedLostReason | undefined,
): DealStatusChange | undefined {
  const status = to ?? deal.status;
  const text = lostReasonInput === undefined ? undefined : lostReasonInput.trim();
  if (status !== "lost" && picked !== undefined) {
    throw validationFailed("lostReasonId", "Only a lost deal has a lost reason");
  }
  if (status !== "lost" && text !== undefined) {
    throw validationFailed("lostReason", "Only a lost deal has a lost reason");
  }
  if (status === "lost") {
    const wasLost = deal.status === "lost";
    const reason = text || picked?.name || (text === undefined && wasLost ? deal.lostReason : null);
    if (!reason) {
      throw validationFailed("lostReason", "Say why the deal was lost (lostReason or lostReasonId)");
    }
    if (reason.length > maxLostReasonLength) {
      throw validationFailed("lostReason", `lostReason must have at most ${maxLostReasonLength} characters`);
    }
    const lostReasonId = picked?.id ?? (wasLost ? deal.lostReasonId : null);
    if (wasLost) {
      return reason === deal.lostReason && lostReasonId === deal.lostReasonId
        ? undefined
        : { status, lostReason: reason, lostReasonId, wonAt: null, lostAt: deal.lostAt, activity: null };
    }
    return {
      status,
      lostReason: reason,
      lostReasonId,
      wonAt: null,
      lostAt: now.toISOString(),
      activity: "lost",
    };
  }
  if (status === deal.status) return undefined;
  const cleared = { lostReason: null, lostReasonId: null };
  if (status === "won") {
    return { status, ...cleared, wonAt: now.toISOString(), lostAt: null, activity: "won" };
  }
  return { status, ...cleared, wonAt: null, lostAt: null, activity: "reopened" };
}
