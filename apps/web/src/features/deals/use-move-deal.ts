import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../../lib/trpc";
import {
  type Board,
  type BoardDeal,
  type DealPlacement,
  findDeal,
  moveDealOnBoard,
  replaceDeal,
  restoreDeal,
} from "./board-state";

export interface MoveFailure {
  deal: BoardDeal;
  fromStageId: string;
  toStageId: string;
  error: unknown;
}

/**
 * Moves a card at once and tells the server afterwards; a refusal puts the card back where it was and
 * leaves a failure to show the user.
 */
export function useMoveDeal(boardInput: { pipelineId: string; limit: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const boardKey = trpc.pipelines.board.queryKey(boardInput);
  const [failure, setFailure] = useState<MoveFailure | null>(null);

  const mutation = useMutation(
    trpc.deals.update.mutationOptions({
      onMutate: async (input): Promise<{ placement: DealPlacement | null }> => {
        setFailure(null);
        await queryClient.cancelQueries({ queryKey: boardKey });
        const board = queryClient.getQueryData<Board>(boardKey);
        const placement = board ? findDeal(board, input.id) : null;
        if (board && input.stage) {
          queryClient.setQueryData<Board>(
            boardKey,
            moveDealOnBoard(board, input.id, input.stage, new Date().toISOString()),
          );
        }
        return { placement };
      },
      onError: (error, input, context) => {
        const placement = context?.placement;
        if (!placement) return;
        queryClient.setQueryData<Board>(boardKey, (board) => (board ? restoreDeal(board, placement) : board));
        setFailure({
          deal: placement.deal,
          fromStageId: placement.stageId,
          toStageId: input.stage ?? placement.stageId,
          error,
        });
      },
      onSuccess: (deal) => {
        queryClient.setQueryData<Board>(boardKey, (board) => (board ? replaceDeal(board, deal) : board));
        queryClient.setQueryData(trpc.deals.get.queryKey({ id: deal.id }), deal);
      },
      onSettled: (_deal, _error, input) =>
        Promise.all([
          queryClient.invalidateQueries({
            queryKey: trpc.deals.activities.infiniteQueryKey({ id: input.id }),
          }),
          queryClient.invalidateQueries({ queryKey: trpc.contacts.deals.pathKey() }),
        ]),
    }),
  );

  return {
    /** `onSettled`: once the card is where it stays (moved, or put back after a refusal). */
    move: (dealId: string, toStageId: string, onSettled?: () => void) =>
      mutation.mutate({ id: dealId, stage: toStageId }, { onSettled }),
    failure,
    dismissFailure: () => setFailure(null),
  };
}
