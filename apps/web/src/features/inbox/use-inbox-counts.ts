import { keepPreviousData, matchQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTRPC } from "../../lib/trpc";
import { type InboxFilters, toListInput } from "./inbox-filters";

/** How long the list must stay still before the counts are asked for again. */
const settleMs = 1000;

/**
 * The sizes of the assignee filters (mine, unassigned, all) for the status and channel shown. They are asked
 * for again once the list has stopped changing for a moment (realtime rows, refetches), not per event.
 */
export function useInboxCounts(filters: InboxFilters) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { status, channel } = toListInput(filters, 1);
  const counts = useQuery({
    ...trpc.conversations.counts.queryOptions({ status, channel }),
    placeholderData: keepPreviousData,
  });
  useEffect(() => {
    const lists = { queryKey: trpc.conversations.list.pathKey() };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== "updated" || event.action.type !== "success" || !matchQuery(lists, event.query))
        return;
      clearTimeout(timer);
      timer = setTimeout(
        () => void queryClient.invalidateQueries({ queryKey: trpc.conversations.counts.pathKey() }),
        settleMs,
      );
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [queryClient, trpc]);
  return counts.data;
}
