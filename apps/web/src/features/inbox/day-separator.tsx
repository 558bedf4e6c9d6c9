import { useI18n } from "../../i18n/i18n-provider";
import { formatDayHeading, isSameDay } from "../../lib/format";

/** Whether the message at `index` (oldest first) is the first of its calendar day in the thread. */
export const startsDay = (messages: readonly { sentAt: string }[], index: number): boolean => {
  const previous = messages[index - 1];
  const current = messages[index];
  return current !== undefined && (previous === undefined || !isSameDay(previous.sentAt, current.sentAt));
};

/** "Hoje", "Ontem", "25 de nov.": above the first message of each day, as chat apps do. */
export function DaySeparator({ at }: { at: string }) {
  const { t, locale } = useI18n();
  const label = formatDayHeading(at, locale, {
    today: t("inbox.thread.today"),
    yesterday: t("inbox.thread.yesterday"),
  });
  return (
    <li className="flex justify-center py-1">
      <time
        dateTime={at}
        className="rounded-full bg-white px-3 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-slate-200"
      >
        {label}
      </time>
    </li>
  );
}
