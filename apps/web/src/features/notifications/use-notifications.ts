import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc";
import { markRead } from "./notification-cache";
import { notificationsInput } from "./types";

/** The bell's list, shared by every bell on screen; the realtime handler keeps it current. */
export function useNotifications() {
  const trpc = useTRPC();
  return useInfiniteQuery(
    trpc.notifications.list.infiniteQueryOptions(notificationsInput, {
      getNextPageParam: (page) => page.nextCursor,
    }),
  );
}

/** Marks notifications read: at once on screen, then with the server's count. */
export function useMarkNotificationsRead() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listKey = { queryKey: trpc.notifications.list.infiniteQueryKey() };
  return useMutation(
    trpc.notifications.markRead.mutationOptions({
      onMutate: (input) => {
        const ids = input.all ? null : (input.ids ?? []);
        queryClient.setQueriesData(listKey, (data) => markRead(data, ids, new Date().toISOString()));
      },
      onSuccess: ({ unreadCount }, input) => {
        const ids = input.all ? null : (input.ids ?? []);
        queryClient.setQueriesData(listKey, (data) =>
          markRead(data, ids, new Date().toISOString(), unreadCount),
        );
      },
      // the optimistic change may be wrong: ask again
      onError: () => queryClient.invalidateQueries(listKey),
    }),
  );
}
