import { useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "../../lib/api-types";
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
