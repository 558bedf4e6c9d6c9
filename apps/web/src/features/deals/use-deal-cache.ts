import { useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "../../lib/api-types";
import { errorCodeOf } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";

export type Deal = RouterOutputs["deals"]["get"];

/** After a deal changed: store the new version and refresh whatever shows it elsewhere. */
export function useDealSaved() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (deal: Deal) => {
    queryClient.setQueryData(trpc.deals.get.queryKey({ id: deal.id }), deal);
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.deals.activities.infiniteQueryKey({ id: deal.id }) }),
      queryClient.invalidateQueries({ queryKey: trpc.pipelines.board.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.contacts.deals.pathKey() }),
    ]);
  };
}

/**
 * For a change sent on the condition that the deal is still the version shown: when the server refuses it
 * because someone else changed the deal (412), reloads every screen that shows the deal, so the user sees
 * their colleague's version before trying again.
 */
export function useDealChangedElsewhere() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async (error: unknown, dealId: string) => {
    if (errorCodeOf(error) !== "PRECONDITION_FAILED") return;
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.deals.get.queryKey({ id: dealId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.deals.activities.infiniteQueryKey({ id: dealId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.pipelines.board.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.contacts.deals.pathKey() }),
    ]);
  };
}
