import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC, useTRPCClient } from "../../lib/trpc";
import { useSession } from "../auth/use-session";
import { refreshConversation } from "../realtime/handle-event";
import { ownUnreadFetcher } from "../realtime/use-realtime-events";

/** Assign, snooze, close, reopen: the answer is applied to the open conversation and every cached list. */
export function useUpdateConversation(onDone?: () => void) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const { user } = useSession();
  return useMutation(
    trpc.conversations.update.mutationOptions({
      onSuccess: async (conversation) => {
        onDone?.();
        await refreshConversation(
          {
            queryClient,
            trpc,
            userId: user.id,
            fetchConversation: async () => conversation,
            fetchMessage: (id) => client.messages.get.query({ id }),
            fetchUnread: ownUnreadFetcher(client),
          },
          conversation.id,
        );
      },
    }),
  );
}
