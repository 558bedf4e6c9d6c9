import { CalendarClock } from "lucide-react";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { formatDateTime } from "../../lib/format";

/** When a task, call or meeting is due, in red once it is overdue (the caller knows when that is). */
export function ActivityDueDate({ dueAt, overdue }: { dueAt: string; overdue: boolean }) {
  const { t, locale } = useI18n();
  const date = formatDateTime(dueAt, locale);
  return (
    <span className={cx("inline-flex items-center gap-1", overdue && "font-medium text-red-600")}>
      <CalendarClock aria-hidden="true" className="size-3.5" />
      {overdue ? t("deals.activity.overdue", { date }) : t("deals.activity.due", { date })}
    </span>
  );
}
