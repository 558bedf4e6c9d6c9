import { useDroppable } from "@dnd-kit/core";
import { useId } from "react";
import { Button } from "../../components/ui/button";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { formatMoney } from "../../lib/money";
import type { BoardColumn as Column } from "./board-state";
import { DraggableDealCard } from "./deal-card";
import type { Stage } from "./use-deal-options";

interface BoardColumnProps {
  column: Column;
  stages: readonly Stage[];
  memberNames: Map<string, string>;
  canMove: boolean;
  onMove: (dealId: string, stageId: string) => void;
  onLoadMore: () => void;
  loadingMore: boolean;
}

export function BoardColumn({
  column,
  stages,
  memberNames,
  canMove,
  onMove,
  onLoadMore,
  loadingMore,
}: BoardColumnProps) {
  const { t, locale } = useI18n();
  const headingId = useId();
  const { setNodeRef, isOver } = useDroppable({ id: column.stage.id });
  const { stage } = column;
  return (
    <section
      ref={setNodeRef}
      aria-labelledby={headingId}
      data-stage-id={stage.id}
      className={cx(
        "relative flex max-w-80 min-w-56 flex-1 flex-col rounded-xl ring-1 transition-colors",
        isOver ? "bg-indigo-50 ring-2 ring-indigo-400" : "bg-slate-100/70 ring-slate-200",
      )}
    >
      <header className="border-b border-slate-200/80 px-3 pt-3 pb-2.5">
        <div className="flex items-center gap-2">
          <span
            aria-hidden="true"
            className="size-2.5 shrink-0 rounded-full"
            style={{ backgroundColor: stage.color }}
          />
          <h2 id={headingId} className="min-w-0 flex-1 truncate text-sm font-semibold text-slate-900">
            {stage.name}
          </h2>
          <span className="rounded-full bg-white px-2 py-0.5 text-xs font-medium text-slate-600 tabular-nums ring-1 ring-slate-200 ring-inset">
            <span aria-hidden="true">{column.count}</span>
            <span className="sr-only">{t("deals.board.count", { count: column.count })}</span>
          </span>
        </div>
        <ul className="mt-1.5 space-y-0.5" aria-label={t("deals.board.totals")}>
          {column.totals.length === 0 ? (
            <li className="text-xs text-slate-600">{t("deals.board.noValue")}</li>
          ) : (
            column.totals.map((total) => (
              <li key={total.currency} className="text-xs font-medium text-slate-600 tabular-nums">
                {formatMoney(total, locale)}
              </li>
            ))
          )}
        </ul>
      </header>
      <ol className="flex min-h-28 flex-1 flex-col gap-2 p-2">
        {column.deals.map((deal) => (
          <DraggableDealCard
            key={deal.id}
            deal={deal}
            stages={stages}
            rottingDays={stage.rottingDays}
            assigneeName={deal.assigneeId ? (memberNames.get(deal.assigneeId) ?? null) : null}
            canMove={canMove}
            onMove={(stageId) => onMove(deal.id, stageId)}
          />
        ))}
        {column.deals.length === 0 && (
          <li className="flex flex-1 items-center justify-center rounded-lg border border-dashed border-slate-300 px-3 py-6 text-center text-xs text-slate-600">
            {canMove ? t("deals.board.dropHere") : t("deals.board.emptyColumn")}
          </li>
        )}
      </ol>
      {column.nextCursor && (
        <div className="px-2 pb-2">
          <Button variant="ghost" size="sm" className="w-full" loading={loadingMore} onClick={onLoadMore}>
            {t("deals.board.loadMore", { count: column.count - column.deals.length })}
          </Button>
        </div>
      )}
    </section>
  );
}
