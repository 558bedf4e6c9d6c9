import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC, useTRPCClient } from "../../lib/trpc";
import { useSession } from "../auth/use-session";
import { refreshConversation } from "../realtime/handle-event";
import { ownUnreadFetcher } from "../realtime/use-realtime-events";
import type { Conversation } from "./types";

/** Applies a changed conversation, as the server answered it, to the open conversation and every cached list. */
function useApplyConversation() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const { user } = useSession();
  return (conversation: Conversation) =>
    refreshConversation(
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
}

/** Assign, snooze, close, reopen: the answer is applied to the open conversation and every cached list. */
export function useUpdateConversation(onDone?: () => void) {
  const trpc = useTRPC();
  const apply = useApplyConversation();
  return useMutation(
    trpc.conversations.update.mutationOptions({
      onSuccess: async (conversation) => {
        onDone?.();
        await apply(conversation);
      },
    }),
  );
}

/** An agent takes an unassigned conversation ("Assign to me"). */
export function useClaimConversation() {
  const trpc = useTRPC();
  const apply = useApplyConversation();
  return useMutation(trpc.conversations.claim.mutationOptions({ onSuccess: apply }));
}

/** An agent gives her conversation back to unassigned ("Unassign"). */
export function useReleaseConversation() {
  const trpc = useTRPC();
  const apply = useApplyConversation();
  return useMutation(trpc.conversations.release.mutationOptions({ onSuccess: apply }));
}
