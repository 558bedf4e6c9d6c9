import {
  DndContext,
  type DragEndEvent,
  type DragOverEvent,
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
import { columnUnderPointer } from "./board-collision";
import { BoardColumn } from "./board-column";
import { type Board, findDeal } from "./board-state";
import { DealCard } from "./deal-card";
import { dealActionsSelector } from "./deal-move-menu";
import { silentAnnouncements } from "./drag-accessibility";
import { useBoardAnnouncer } from "./use-board-announcer";
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
  const stages = board.pipeline.stages;
  const announcer = useBoardAnnouncer(stages);
  const { move, failure, dismissFailure } = useMoveDeal(boardInput, {
    onMoved: ({ title, toStageId }) => announcer.moved(title, toStageId),
    onRefused: announcer.refused,
  });
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
  const titleOf = (dealId: string) => findDeal(board, dealId)?.deal.title ?? "";
  const moveAndAnnounce = (dealId: string, stageId: string, onSettled?: () => void) => {
    announcer.moving(titleOf(dealId), stageId);
    move(dealId, stageId, onSettled);
  };
  const moveWithMenu = (dealId: string, stageId: string) => {
    setKeyboardMove({ dealId, settled: false });
    moveAndAnnounce(dealId, stageId, () =>
      setKeyboardMove((current) => (current?.dealId === dealId ? { dealId, settled: true } : current)),
    );
  };
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
  );
  const active = activeId ? findDeal(board, activeId) : null;
  const activeStage = active ? stages.find((stage) => stage.id === active.stageId) : undefined;
  // The stage the drag last said the card is over: it starts over its own, which goes without saying.
  const announcedOver = useRef<string | null>(null);

  const onDragStart = (dealId: string) => {
    setActiveId(dealId);
    const placement = findDeal(board, dealId);
    announcedOver.current = placement?.stageId ?? null;
    if (placement) announcer.picked(placement.deal.title, placement.stageId);
  };
  const onDragOver = ({ active: dragged, over }: DragOverEvent) => {
    if (!over || over.id === announcedOver.current) return;
    announcedOver.current = String(over.id);
    announcer.over(titleOf(String(dragged.id)), String(over.id));
  };
  const onDragCancel = (dealId: string) => {
    setActiveId(null);
    const placement = findDeal(board, dealId);
    if (placement) announcer.cancelled(placement.deal.title, placement.stageId);
  };
  const onDragEnd = ({ active: dragged, over }: DragEndEvent) => {
    const from = dragged.data.current?.stageId;
    if (over && typeof over.id === "string" && over.id !== from) {
      setActiveId(null);
      moveAndAnnounce(String(dragged.id), over.id);
    } else {
      onDragCancel(String(dragged.id));
    }
  };

  return (
    <>
      {failure && (
        <Alert tone="error" className="mb-4">
          <div className="flex items-start justify-between gap-4">
            <p>{announcer.failureMessage(failure)}</p>
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
      <div role="status" aria-live="assertive" aria-atomic="true" data-board-announcer className="sr-only">
        {announcer.text}
      </div>
      {loadMore.error ? (
        <Alert tone="error" className="mb-4">
          {t(toErrorView(loadMore.error).message)}
        </Alert>
      ) : null}
      <DndContext
        sensors={sensors}
        collisionDetection={columnUnderPointer}
        accessibility={{
          screenReaderInstructions: { draggable: t("deals.board.instructions") },
          announcements: silentAnnouncements,
        }}
        onDragStart={({ active: dragged }) => onDragStart(String(dragged.id))}
        onDragOver={onDragOver}
        onDragCancel={({ active: dragged }) => onDragCancel(String(dragged.id))}
        onDragEnd={onDragEnd}
      >
        <div ref={boardRef} className="-mx-4 overflow-x-auto px-4 pb-4 sm:-mx-8 sm:px-8">
          {/* every column as tall as the tallest (and as the board's least), so its empty space takes a drop */}
          <div className="flex min-h-96 items-stretch gap-3">
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
