import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC, useTRPCClient } from "../../lib/trpc";
import { appendColumnPage, type Board } from "./board-state";

/** Fetches a column's next page and adds it to the board in the cache, next to the other columns. */
export function useLoadMoreColumn(boardInput: { pipelineId: string; limit: number }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const boardKey = trpc.pipelines.board.queryKey(boardInput);
  return useMutation({
    mutationFn: async ({ stageId, cursor }: { stageId: string; cursor: string }) => {
      const page = await client.pipelines.board.query({ ...boardInput, stageId, cursor });
      return { stageId, column: page.columns.find((column) => column.stage.id === stageId) };
    },
    onSuccess: ({ stageId, column }) => {
      if (!column) return;
      queryClient.setQueryData<Board>(boardKey, (board) =>
        board ? appendColumnPage(board, stageId, column) : board,
      );
    },
  });
}
