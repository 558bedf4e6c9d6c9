import { useDraggable } from "@dnd-kit/core";
import { Link } from "@tanstack/react-router";
import { CalendarDays, Clock } from "lucide-react";
import { Avatar } from "../../components/ui/avatar";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { formatCalendarDate } from "../../lib/format";
import { formatMoney } from "../../lib/money";
import { ActivityDueMarker } from "./activity-due-marker";
import type { BoardDeal } from "./board-state";
import { DealMoveMenu } from "./deal-move-menu";
import { useContactName } from "./use-contact-name";
import type { Stage } from "./use-deal-options";

interface DealCardProps {
  deal: BoardDeal;
  stages: readonly Stage[];
  rottingDays: number | null;
  assigneeName: string | null;
  canMove: boolean;
  onMove: (stageId: string) => void;
}

/** A card that can be dragged to another column (pointer) or moved with its menu (keyboard, touch). */
export function DraggableDealCard(props: DealCardProps) {
  const { listeners, setNodeRef, isDragging } = useDraggable({
    id: props.deal.id,
    data: { stageId: props.deal.stage },
    disabled: !props.canMove,
  });
  // Only the pointer listeners, not dnd-kit's button attributes: keyboard users move cards with the menu.
  return (
    <li ref={setNodeRef} {...listeners} className={cx("list-none", isDragging && "opacity-40")}>
      <DealCard {...props} />
    </li>
  );
}

export function DealCard({
  deal,
  stages,
  rottingDays,
  assigneeName,
  canMove,
  onMove,
  overlay = false,
}: DealCardProps & { overlay?: boolean }) {
  const { t, locale } = useI18n();
  const contactName = useContactName(deal.contactId);
  return (
    <article
      className={cx(
        "group rounded-lg bg-white p-3 shadow-sm ring-1 transition-shadow",
        canMove && "cursor-grab active:cursor-grabbing",
        deal.rotting ? "ring-amber-300" : "ring-slate-200 hover:ring-indigo-300",
        overlay && "rotate-2 shadow-lg ring-indigo-400",
      )}
    >
      <div className="flex items-start justify-between gap-2">
        <Link
          to="/deals/$dealId"
          params={{ dealId: deal.id }}
          className="text-sm leading-snug font-medium text-slate-900 hover:text-indigo-600"
        >
          {deal.title}
        </Link>
        {!overlay && (
          <DealMoveMenu
            dealId={deal.id}
            title={deal.title}
            currentStageId={deal.stage}
            stages={stages}
            disabled={!canMove}
            onMove={onMove}
          />
        )}
      </div>
      {contactName && <p className="mt-0.5 truncate text-xs text-slate-500">{contactName}</p>}
      <div className="mt-3 flex items-center justify-between gap-2">
        <span className="text-sm font-semibold text-slate-800 tabular-nums">
          {formatMoney(deal.value, locale)}
        </span>
        <span className="flex items-center gap-1.5">
          {deal.rotting && (
            <span
              className="inline-flex items-center gap-1 rounded-full bg-amber-50 px-1.5 py-0.5 text-[11px] font-medium text-amber-800 ring-1 ring-amber-200 ring-inset"
              title={rottingDays ? t("deals.card.rottingHint", { count: rottingDays }) : undefined}
            >
              <Clock aria-hidden="true" className="size-3" />
              {t("deals.card.rotting")}
            </span>
          )}
          {assigneeName && (
            <Avatar name={assigneeName} size="sm" title={t("deals.card.assignee", { name: assigneeName })} />
          )}
        </span>
      </div>
      {deal.expectedCloseDate && (
        <p className="mt-2 flex items-center gap-1 text-xs text-slate-500">
          <CalendarDays aria-hidden="true" className="size-3.5" />
          {t("deals.card.closes", { date: formatCalendarDate(deal.expectedCloseDate, locale) })}
        </p>
      )}
      <ActivityDueMarker deal={deal} />
    </article>
  );
}
