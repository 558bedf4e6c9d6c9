import type { LostReason } from "./use-deal-options";

/**
 * The place to send when a reason moves to its neighbour's spot: the neighbour's index among all reasons
 * (archived too), never its stored position, which may have gaps and so lie past the end the API accepts.
 */
export function lostReasonPlace(
  all: ReadonlyArray<Pick<LostReason, "id" | "position">>,
  neighbourId: string,
): number | undefined {
  const index = [...all]
    .sort((a, b) => a.position - b.position)
    .findIndex((reason) => reason.id === neighbourId);
  return index === -1 ? undefined : index;
}
