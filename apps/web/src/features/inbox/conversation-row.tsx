import { Link } from "@tanstack/react-router";
import { Avatar } from "../../components/ui/avatar";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { formatRelative } from "../../lib/format";
import { ChannelIcon } from "./channel-icon";
import { LastMessageFailed } from "./failed-send-reason";
import type { InboxFilters } from "./inbox-filters";
import { templateOfPreview } from "./template-message";
import type { ConversationListItem } from "./types";
import { useTemplateWording } from "./use-template-wording";

interface ConversationRowProps {
  conversation: ConversationListItem;
  active: boolean;
  filters: InboxFilters;
}

export function ConversationRow({ conversation, active, filters }: ConversationRowProps) {
  const { t, locale } = useI18n();
  const name = conversation.contact?.name ?? t("inbox.unknownContact");
  // the user's own count (per-user read state), not the team's `unreadCount`
  const unread = conversation.unread ?? 0;
  const templateWording = useTemplateWording();
  const previewText = (preview: string) => {
    const template = templateOfPreview(preview);
    return template ? templateWording(template) : preview;
  };
  return (
    <Link
      to="/inbox/$conversationId"
      params={{ conversationId: conversation.id }}
      search={filters}
      aria-current={active ? "page" : undefined}
      data-conversation-id={conversation.id}
      className={cx(
        "flex h-full gap-3 border-b border-slate-100 px-4 py-3 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600",
        active ? "bg-indigo-50" : "hover:bg-slate-50",
      )}
    >
      <Avatar name={name} />
      <div className="min-w-0 flex-1">
        <div className="flex items-center gap-2">
          <span
            className={cx("truncate text-sm text-slate-900", unread > 0 ? "font-semibold" : "font-medium")}
          >
            {name}
          </span>
          <ChannelIcon channel={conversation.channel} className="size-3.5" />
          {conversation.lastMessageAt && (
            <time dateTime={conversation.lastMessageAt} className="ml-auto shrink-0 text-xs text-slate-600">
              {formatRelative(conversation.lastMessageAt, locale)}
            </time>
          )}
        </div>
        <div className="mt-0.5 flex items-center gap-2">
          {conversation.lastMessageFailed && <LastMessageFailed />}
          <p className={cx("truncate text-sm", unread > 0 ? "text-slate-900" : "text-slate-600")}>
            {conversation.lastMessagePreview === null
              ? t("inbox.noMessagesYet")
              : previewText(conversation.lastMessagePreview)}
          </p>
          {unread > 0 && (
            <span className="ml-auto inline-flex min-w-5 shrink-0 items-center justify-center rounded-full bg-indigo-600 px-1.5 text-xs font-semibold text-white">
              <span aria-hidden="true">{unread}</span>
              <span className="sr-only">{t("inbox.unread", { count: unread })}</span>
            </span>
          )}
        </div>
        {conversation.assignee && (
          <p className="mt-0.5 truncate text-xs text-slate-600">
            {t("inbox.assignedTo", { name: conversation.assignee.name })}
          </p>
        )}
      </div>
    </Link>
  );
}
