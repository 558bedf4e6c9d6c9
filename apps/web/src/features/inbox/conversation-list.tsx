import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef } from "react";
import { LoadMore } from "../../components/ui/load-more";
import { useI18n } from "../../i18n/i18n-provider";
import { ConversationRow } from "./conversation-row";
import type { InboxFilters } from "./inbox-filters";
import type { ConversationListItem } from "./types";

interface ConversationListProps {
  conversations: readonly ConversationListItem[];
  activeId: string | undefined;
  filters: InboxFilters;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

const rowHeight = 88;

/** Only the rows in view are rendered: an inbox can hold thousands of conversations. */
export function ConversationList({ conversations, activeId, filters, ...paging }: ConversationListProps) {
  const { t } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: conversations.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    getItemKey: (index) => conversations[index]?.id ?? index,
  });
  return (
    <div ref={scroller} className="min-h-0 flex-1 overflow-y-auto">
      <ul
        aria-label={t("inbox.conversations")}
        className="relative w-full"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((row) => {
          const conversation = conversations[row.index];
          if (!conversation) return null;
          return (
            <li
              key={row.key}
              className="absolute top-0 left-0 w-full"
              style={{ height: row.size, transform: `translateY(${row.start}px)` }}
            >
              <ConversationRow
                conversation={conversation}
                active={conversation.id === activeId}
                filters={filters}
              />
            </li>
          );
        })}
      </ul>
      <div className="pb-4">
        <LoadMore {...paging} />
      </div>
    </div>
  );
}
