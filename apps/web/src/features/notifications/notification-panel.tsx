import { CheckCheck } from "lucide-react";
import { Button } from "../../components/ui/button";
import { LoadMore } from "../../components/ui/load-more";
import { QueryError } from "../../components/ui/query-error";
import { RefreshFailedNotice } from "../../components/ui/refresh-failed-notice";
import { Spinner } from "../../components/ui/spinner";
import { useI18n } from "../../i18n/i18n-provider";
import { unreadCountOf } from "./notification-cache";
import { NotificationRow } from "./notification-row";
import type { NotificationItem } from "./types";
import { useMarkNotificationsRead, useNotifications } from "./use-notifications";

/** The bell's content: the newest notifications, "Mark all as read" and "Load more". */
export function NotificationPanel({ onOpen }: { onOpen: () => void }) {
  const { t } = useI18n();
  const list = useNotifications();
  const markRead = useMarkNotificationsRead();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const unreadCount = unreadCountOf(list.data);

  const open = (notification: NotificationItem) => {
    if (notification.readAt === null) markRead.mutate({ ids: [notification.id] });
    onOpen();
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex justify-end px-3 pb-2">
        <Button
          variant="ghost"
          size="sm"
          disabled={unreadCount === 0}
          onClick={() => markRead.mutate({ all: true })}
        >
          <CheckCheck aria-hidden="true" className="size-4" />
          {t("notifications.markAllRead")}
        </Button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-2 pb-3">
        <RefreshFailedNotice query={list} />
        {list.isPending ? (
          <div className="flex justify-center py-6 text-slate-500">
            <Spinner />
            <span className="sr-only">{t("common.loading")}</span>
          </div>
        ) : list.isLoadingError ? (
          <div className="px-2">
            <QueryError error={list.error} onRetry={() => void list.refetch()} />
          </div>
        ) : items.length === 0 ? (
          <p className="px-3 py-6 text-center text-sm text-slate-500">{t("notifications.empty")}</p>
        ) : (
          <>
            <ul aria-label={t("notifications.list")} className="space-y-1">
              {items.map((notification) => (
                <NotificationRow key={notification.id} notification={notification} onOpen={open} />
              ))}
            </ul>
            <LoadMore
              hasNextPage={list.hasNextPage}
              isFetchingNextPage={list.isFetchingNextPage}
              fetchNextPage={list.fetchNextPage}
            />
          </>
        )}
      </div>
    </div>
  );
}
