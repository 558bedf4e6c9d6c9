import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { errorCodeOf } from "../../lib/errors";
import { useTRPC, useTRPCClient } from "../../lib/trpc";
import {
  type Board,
  type BoardDeal,
  type DealPlacement,
  findDeal,
  moveDealOnBoard,
  replaceDeal,
  restoreDeal,
} from "./board-state";
import { useDealChangedElsewhere } from "./use-deal-cache";

export interface MoveFailure {
  deal: BoardDeal;
  fromStageId: string;
  toStageId: string;
  /** Someone else changed the deal since the board loaded it; the board was reloaded to show their version. */
  changedElsewhere: boolean;
  error: unknown;
}

/** Told of every move's answer, including the earlier ones when the user moved again before they came. */
export interface MoveListeners {
  onMoved?: (move: { title: string; toStageId: string }) => void;
  onRefused?: (failure: MoveFailure) => void;
}

interface MoveInput {
  id: string;
  stage: string;
  /** The deal's `updatedAt` on the board when the user moved it. */
  shownVersion: string | undefined;
}

/**
 * Moves a card at once and tells the server afterwards, on the condition that the deal is still the version
 * the board showed when the user moved it. A refusal puts the card back where it was and leaves a failure to
 * show; when someone else had changed the deal, the board is reloaded so the card ends where the server has it.
 */
export function useMoveDeal(
  boardInput: { pipelineId: string; limit: number },
  listeners: MoveListeners = {},
) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const boardKey = trpc.pipelines.board.queryKey(boardInput);
  const reloadChanged = useDealChangedElsewhere();
  const [failure, setFailure] = useState<MoveFailure | null>(null);
  // The versions this board's own moves produced ("deal@sent" -> answered), so a second move of a card made
  // before the first one's answer is not refused as someone else's change.
  const ownVersions = useRef(new Map<string, string>());
  const latestOwnVersion = (dealId: string, version: string | undefined) => {
    let latest = version;
    for (let next = ownVersions.current.get(`${dealId}@${latest}`); next; ) {
      latest = next;
      next = ownVersions.current.get(`${dealId}@${latest}`);
    }
    return latest;
  };

  const mutation = useMutation({
    // one move at a time, so a later move of the same card is sent with the version the earlier one produced
    scope: { id: "deals.board.move" },
    mutationFn: async ({ id, stage, shownVersion }: MoveInput) => {
      const sentVersion = latestOwnVersion(id, shownVersion);
      const deal = await client.deals.update.mutate({ id, stage, expectedUpdatedAt: sentVersion });
      if (sentVersion) ownVersions.current.set(`${id}@${sentVersion}`, deal.updatedAt);
      return deal;
    },
    onMutate: async (input): Promise<{ placement: DealPlacement | null }> => {
      setFailure(null);
      await queryClient.cancelQueries({ queryKey: boardKey });
      const board = queryClient.getQueryData<Board>(boardKey);
      const placement = board ? findDeal(board, input.id) : null;
      if (board) {
        queryClient.setQueryData<Board>(
          boardKey,
          moveDealOnBoard(board, input.id, input.stage, new Date().toISOString()),
        );
      }
      return { placement };
    },
    onError: async (error, input, context) => {
      const placement = context?.placement;
      if (placement) {
        queryClient.setQueryData<Board>(boardKey, (board) => (board ? restoreDeal(board, placement) : board));
        const refused: MoveFailure = {
          deal: placement.deal,
          fromStageId: placement.stageId,
          toStageId: input.stage,
          changedElsewhere: errorCodeOf(error) === "PRECONDITION_FAILED",
          error,
        };
        setFailure(refused);
        listeners.onRefused?.(refused);
      }
      await reloadChanged(error, input.id);
    },
    onSuccess: (deal, input) => {
      queryClient.setQueryData<Board>(boardKey, (board) => (board ? replaceDeal(board, deal) : board));
      queryClient.setQueryData(trpc.deals.get.queryKey({ id: deal.id }), deal);
      listeners.onMoved?.({ title: deal.title, toStageId: input.stage });
    },
    onSettled: (_deal, _error, input) =>
      Promise.all([
        queryClient.invalidateQueries({
          queryKey: trpc.deals.activities.infiniteQueryKey({ id: input.id }),
        }),
        queryClient.invalidateQueries({ queryKey: trpc.contacts.deals.pathKey() }),
      ]),
  });

  return {
    /** `onSettled`: once the card is where it stays (moved, or put back after a refusal). */
    move: (dealId: string, toStageId: string, onSettled?: () => void) => {
      const board = queryClient.getQueryData<Board>(boardKey);
      const shownVersion = board ? findDeal(board, dealId)?.deal.updatedAt : undefined;
      mutation.mutate({ id: dealId, stage: toStageId, shownVersion }, { onSettled });
    },
    failure,
    dismissFailure: () => setFailure(null),
  };
}
