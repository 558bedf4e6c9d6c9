import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { errorCodeOf, existingIdOf } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";
import type { InboxFilters } from "./inbox-filters";

/**
 * Starts a conversation with a contact and opens it, for the agent to write first in the composer. When the
 * contact already has one on that channel the API answers 409 with its id (if the user may see it): that one
 * opens instead (`openExisting` opens one the dialog already knows of). Any other error stays on the mutation
 * for the dialog to show.
 */
export function useStartConversation(search: InboxFilters, onOpened: () => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const open = async (conversationId: string) => {
    onOpened();
    await queryClient.invalidateQueries({ queryKey: trpc.contacts.conversations.pathKey() });
    await navigate({ to: "/inbox/$conversationId", params: { conversationId }, search });
  };
  const start = useMutation(
    trpc.conversations.create.mutationOptions({
      onSuccess: (conversation) => open(conversation.id),
      onError: (error) => {
        const existingId = errorCodeOf(error) === "CONFLICT" ? existingIdOf(error) : null;
        if (existingId) void open(existingId);
      },
    }),
  );
  // the contact's conversation there, known beforehand: opened without asking to start one
  return Object.assign(start, { openExisting: (conversationId: string) => void open(conversationId) });
}

/** A 409 without the existing conversation's id: it is there, but someone else handles it. */
export const isHiddenExisting = (error: unknown): boolean =>
  errorCodeOf(error) === "CONFLICT" && existingIdOf(error) === null;
