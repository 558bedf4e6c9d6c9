import { useVirtualizer } from "@tanstack/react-virtual";
import { ArrowUp } from "lucide-react";
import { useRef } from "react";
import { LoadMore } from "../../components/ui/load-more";
import { useI18n } from "../../i18n/i18n-provider";
import { ConversationRow } from "./conversation-row";
import type { InboxFilters } from "./inbox-filters";
import type { ConversationListItem } from "./types";
import { useHeldRows } from "./use-held-rows";
import { useLoadOnView } from "./use-load-on-view";

interface ConversationListProps {
  conversations: readonly ConversationListItem[];
  activeId: string | undefined;
  filters: InboxFilters;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: (options?: { cancelRefetch?: boolean }) => unknown;
}

const rowHeight = 88;

/**
 * Only the rows in view are rendered: an inbox can hold thousands of conversations. The next page loads when
 * the list's end scrolls into view; the button stays for keyboard users.
 */
export function ConversationList({
  conversations: current,
  activeId,
  filters,
  ...paging
}: ConversationListProps) {
  const { t } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const { rows: conversations, waiting, show, handlers } = useHeldRows(current, scroller);
  const virtualizer = useVirtualizer({
    count: conversations.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    getItemKey: (index) => conversations[index]?.id ?? index,
  });
  const endRef = useLoadOnView(scroller, paging);
  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      {/* over the list, not in its flow: appearing must not move the rows either */}
      <div role="status" className="pointer-events-none absolute inset-x-0 top-2 z-10 flex justify-center">
        {waiting > 0 && (
          <button
            type="button"
            onClick={show}
            className="pointer-events-auto inline-flex items-center gap-1.5 rounded-full bg-indigo-600 px-3 py-1.5 text-xs font-medium text-white shadow-md hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          >
            <ArrowUp aria-hidden="true" className="size-3.5" />
            {t("inbox.heldUpdates", { count: waiting })}
          </button>
        )}
      </div>
      <div ref={scroller} className="min-h-0 flex-1 overflow-y-auto" {...handlers}>
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
        <div ref={endRef} className="pb-4">
          <LoadMore {...paging} />
        </div>
      </div>
    </div>
  );
}
