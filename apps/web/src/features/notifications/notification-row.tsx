import { Link } from "@tanstack/react-router";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { formatDateTime, formatRelative } from "../../lib/format";
import { useApiKeyAuthor } from "../api-keys/use-api-key-author";
import { notificationDetail, notificationTarget, notificationText } from "./notification-text";
import type { NotificationItem } from "./types";

/** One notification: who did what, when; unread ones stand out. Opening it marks it read. */
export function NotificationRow({
  notification,
  onOpen,
}: {
  notification: NotificationItem;
  onOpen: (notification: NotificationItem) => void;
}) {
  const { t, locale } = useI18n();
  const apiKeyAuthor = useApiKeyAuthor();
  const unread = notification.readAt === null;
  const detail = notificationDetail(notification);
  const target = notificationTarget(notification);
  return (
    <li>
      <Link
        {...target}
        onClick={() => onOpen(notification)}
        className={cx(
          "flex gap-3 rounded-lg px-3 py-2.5 text-left text-sm transition-colors focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-indigo-600",
          unread ? "bg-indigo-50 hover:bg-indigo-100" : "hover:bg-slate-100",
        )}
      >
        <span
          aria-hidden="true"
          className={cx("mt-1.5 size-2 shrink-0 rounded-full", unread ? "bg-indigo-600" : "bg-transparent")}
        />
        <span className="min-w-0 flex-1">
          {unread && <span className="sr-only">{t("notifications.unread")}: </span>}
          <span className={cx("block", unread ? "font-semibold text-slate-900" : "text-slate-700")}>
            {notificationText(notification, t, locale, apiKeyAuthor)}
          </span>
          {detail && <span className="mt-0.5 block truncate text-slate-600">“{detail}”</span>}
          <time
            dateTime={notification.createdAt}
            title={formatDateTime(notification.createdAt, locale)}
            className="mt-0.5 block text-xs text-slate-600"
          >
            {formatRelative(notification.createdAt, locale)}
          </time>
        </span>
      </Link>
    </li>
  );
}
