import {
  DndContext,
  type DragEndEvent,
  DragOverlay,
  PointerSensor,
  TouchSensor,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Alert } from "../../components/ui/alert";
import { useI18n } from "../../i18n/i18n-provider";
import { toErrorView } from "../../lib/errors";
import { BoardColumn } from "./board-column";
import { type Board, findDeal } from "./board-state";
import { DealCard } from "./deal-card";
import { dealActionsSelector } from "./deal-move-menu";
import { dragAccessibility } from "./drag-accessibility";
import { useMemberNames } from "./use-deal-options";
import { useLoadMoreColumn } from "./use-load-more-column";
import { useMoveDeal } from "./use-move-deal";

interface DealsBoardProps {
  board: Board;
  boardInput: { pipelineId: string; limit: number };
  canMove: boolean;
}

export function DealsBoard({ board, boardInput, canMove }: DealsBoardProps) {
  const { t } = useI18n();
  const memberNames = useMemberNames();
  const { move, failure, dismissFailure } = useMoveDeal(boardInput);
  const loadMore = useLoadMoreColumn(boardInput);
  const [activeId, setActiveId] = useState<string | null>(null);
  // The card being moved with its menu: its button keeps the focus as the card changes columns (and back, if
  // the move is refused), instead of the focus falling to the page when the old card goes away.
  const [keyboardMove, setKeyboardMove] = useState<{ dealId: string; settled: boolean } | null>(null);
  const boardRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!keyboardMove || !board) return;
    const focused = document.activeElement;
    if (!focused || focused === document.body || focused.closest('[role="menu"]')) {
      boardRef.current?.querySelector<HTMLElement>(dealActionsSelector(keyboardMove.dealId))?.focus();
    }
    if (keyboardMove.settled) setKeyboardMove(null);
  }, [board, keyboardMove]);
  const moveWithMenu = (dealId: string, stageId: string) => {
    setKeyboardMove({ dealId, settled: false });
    move(dealId, stageId, () =>
      setKeyboardMove((current) => (current?.dealId === dealId ? { dealId, settled: true } : current)),
    );
  };
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
  );
  const stages = board.pipeline.stages;
  const stageName = (id: string) => stages.find((stage) => stage.id === id)?.name ?? "";
  const active = activeId ? findDeal(board, activeId) : null;
  const activeStage = active ? stages.find((stage) => stage.id === active.stageId) : undefined;

  const onDragEnd = ({ active: dragged, over }: DragEndEvent) => {
    setActiveId(null);
    const from = dragged.data.current?.stageId;
    if (over && typeof over.id === "string" && over.id !== from) move(String(dragged.id), over.id);
  };

  const dealTitle = (id: string) => (active && active.deal.id === id ? active.deal.title : "");
  const accessibility = dragAccessibility({
    instructions: t("deals.board.instructions"),
    picked: (id) => t("deals.board.announce.picked", { title: dealTitle(id) }),
    over: (id, stageId) =>
      t("deals.board.announce.over", { title: dealTitle(id), stage: stageName(stageId) }),
    dropped: (id, stageId) =>
      t("deals.board.announce.dropped", { title: dealTitle(id), stage: stageName(stageId) }),
    cancelled: (id) => t("deals.board.announce.cancelled", { title: dealTitle(id) }),
  });

  return (
    <>
      {failure && (
        <Alert tone="error" className="mb-4">
          <div className="flex items-start justify-between gap-4">
            <p>
              {failure.changedElsewhere
                ? t("deals.board.changedElsewhere", {
                    title: failure.deal.title,
                    to: stageName(failure.toStageId),
                  })
                : `${t("deals.board.moveFailed", {
                    title: failure.deal.title,
                    to: stageName(failure.toStageId),
                    from: stageName(failure.fromStageId),
                  })} ${t(toErrorView(failure.error).message)}`}
            </p>
            <button
              type="button"
              onClick={dismissFailure}
              aria-label={t("common.dismiss")}
              className="-m-1 rounded p-1 text-red-700 hover:bg-red-100"
            >
              <X aria-hidden="true" className="size-4" />
            </button>
          </div>
        </Alert>
      )}
      {loadMore.error ? (
        <Alert tone="error" className="mb-4">
          {t(toErrorView(loadMore.error).message)}
        </Alert>
      ) : null}
      <DndContext
        sensors={sensors}
        accessibility={accessibility}
        onDragStart={({ active: dragged }) => setActiveId(String(dragged.id))}
        onDragCancel={() => setActiveId(null)}
        onDragEnd={onDragEnd}
      >
        <div ref={boardRef} className="-mx-4 overflow-x-auto px-4 pb-4 sm:-mx-8 sm:px-8">
          <div className="flex items-start gap-3">
            {board.columns.map((column) => (
              <BoardColumn
                key={column.stage.id}
                column={column}
                stages={stages}
                memberNames={memberNames}
                canMove={canMove}
                onMove={moveWithMenu}
                loadingMore={loadMore.isPending && loadMore.variables.stageId === column.stage.id}
                onLoadMore={() => {
                  if (column.nextCursor)
                    loadMore.mutate({ stageId: column.stage.id, cursor: column.nextCursor });
                }}
              />
            ))}
          </div>
        </div>
        <DragOverlay dropAnimation={null}>
          {active ? (
            <DealCard
              deal={active.deal}
              stages={stages}
              rottingDays={activeStage?.rottingDays ?? null}
              assigneeName={active.deal.assigneeId ? (memberNames.get(active.deal.assigneeId) ?? null) : null}
              canMove={canMove}
              onMove={() => {}}
              overlay
            />
          ) : null}
        </DragOverlay>
      </DndContext>
    </>
  );
}
