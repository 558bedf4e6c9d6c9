import { CalendarClock, CalendarX } from "lucide-react";
import { useI18n } from "../../i18n/i18n-provider";
import { formatDateTime } from "../../lib/format";
import type { BoardDeal } from "./board-state";

/** A card's line about its next task, call or meeting: red once one is past due, as the board's query says. */
export function ActivityDueMarker({
  deal,
}: {
  deal: Pick<BoardDeal, "nextActivityDueAt" | "activityOverdue">;
}) {
  const { t, locale } = useI18n();
  if (!deal.nextActivityDueAt) return null;
  const date = formatDateTime(deal.nextActivityDueAt, locale);
  if (deal.activityOverdue) {
    return (
      <p
        className="mt-2 inline-flex items-center gap-1 rounded-full bg-red-50 px-1.5 py-0.5 text-[11px] font-medium text-red-700 ring-1 ring-red-200 ring-inset"
        title={t("agenda.card.overdueHint", { date })}
      >
        <CalendarX aria-hidden="true" className="size-3" />
        {t("agenda.card.overdue")}
      </p>
    );
  }
  return (
    <p className="mt-2 flex items-center gap-1 text-xs text-slate-500">
      <CalendarClock aria-hidden="true" className="size-3.5" />
      {t("agenda.card.next", { date })}
    </p>
  );
}
