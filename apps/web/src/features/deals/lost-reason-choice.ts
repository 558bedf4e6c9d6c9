import type { LostReason } from "./use-deal-options";

/**
 * What the lost dialog can ask for, given the organization's reasons: nothing yet (loading), nothing at all
 * (the reasons failed to load: a written reason then would skip a list the organization may have), a written
 * reason (it has no reasons in use), or one of its reasons (or "Other", written, which the API accepts too).
 */
export type LostReasonChoice =
  | { kind: "loading" }
  | { kind: "failed"; error: unknown; retrying: boolean }
  | { kind: "written" }
  | { kind: "listed"; offered: LostReason[] };

export function lostReasonChoice(
  reasons: { data?: { items: LostReason[] } | undefined; error: unknown },
  /** the failure the user asked to retry, while that retry runs (the query itself forgets it meanwhile) */
  retryOf: unknown,
): LostReasonChoice {
  // reasons loaded once are still offered when a later refresh fails
  if (reasons.data) {
    const offered = reasons.data.items.filter((reason) => !reason.archived);
    return offered.length === 0 ? { kind: "written" } : { kind: "listed", offered };
  }
  if (reasons.error) return { kind: "failed", error: reasons.error, retrying: false };
  if (retryOf) return { kind: "failed", error: retryOf, retrying: true };
  return { kind: "loading" };
}

/** The select's value for a written reason: no reason id looks like it. */
export const otherReason = "other";

export type LostReasonInput =
  | { missing: "pick" | "text" }
  | { lostReason: string; lostReasonId?: undefined }
  | { lostReasonId: string; lostReason: string | undefined };

/**
 * What to send to lose the deal from what was picked and written, or what is missing; null while the reasons
 * are not there to pick from (nothing may be sent then).
 */
export function lostReasonInput(
  choice: LostReasonChoice,
  picked: string,
  text: string,
): LostReasonInput | null {
  if (choice.kind === "loading" || choice.kind === "failed") return null;
  const note = text.trim();
  const writing = choice.kind === "written" || picked === otherReason;
  if (writing) return note === "" ? { missing: "text" } : { lostReason: note };
  if (picked === "") return { missing: "pick" };
  return { lostReasonId: picked, lostReason: note || undefined };
}
