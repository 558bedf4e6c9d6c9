import { can } from "@crm/domain/shared/permissions";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { ArrowDown, ArrowLeft, ContactRound } from "lucide-react";
import { Fragment, useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Loading } from "../../components/ui/loading";
import { QueryError, RefreshFailed } from "../../components/ui/query-error";
import { useI18n } from "../../i18n/i18n-provider";
import { formatDateTime } from "../../lib/format";
import { displayPhone } from "../../lib/phone";
import { useTRPC } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useApiKeyAuthor } from "../api-keys/use-api-key-author";
import { useSession } from "../auth/use-session";
import { useMemberNames } from "../deals/use-deal-options";
import { type Pages, setUnread } from "../realtime/cache-updaters";
import { AccessLostNotice, useAccessLost } from "./access-lost";
import { announcedText, arrivedInbound, type ShownThread, shownThread } from "./arrivals";
import { ChannelIcon } from "./channel-icon";
import { Composer } from "./composer";
import { ConversationActions } from "./conversation-actions";
import { ConversationStatusBadge } from "./conversation-status";
import { DaySeparator, startsDay } from "./day-separator";
import type { InboxFilters } from "./inbox-filters";
import { MessageBubble } from "./message-bubble";
import { followDecision, isNearBottom } from "./thread-follow";
import type { Conversation, ConversationListItem, Message } from "./types";
import { TypingIndicator } from "./typing-indicator";

const pageSize = 30;

interface ThreadProps {
  conversation: Conversation;
  filters: InboxFilters;
  /** Below the width where the contact panel sits beside the thread, opens it. */
  onShowContact: () => void;
}

export function Thread({ conversation, filters, onShowContact }: ThreadProps) {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const conversationId = conversation.id;
  const name = conversation.contact?.name ?? t("inbox.unknownContact");
  const mayWrite = can(user.role, "conversations:write");
  // reassigned away while open: what was read stays, nothing more can be done in it
  const lost = useAccessLost(conversationId);
  const names = useMemberNames();
  // once lost, the conversation as last loaded names the old assignee: who has it now is what the loss says
  const assigneeName = lost
    ? lost.assignedTo
      ? names.get(lost.assignedTo)
      : undefined
    : conversation.assignee?.name;
  useDocumentTitle(name);
  useMarkRead(conversation);
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);

  return (
    <>
      <section
        aria-label={t("inbox.thread.label", { name })}
        className="flex min-h-0 min-w-0 flex-1 flex-col"
      >
        <header className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 bg-white px-4 py-3">
          <div className="min-w-0">
            <Link
              to="/inbox"
              search={filters}
              className="mb-1 inline-flex items-center gap-1 text-xs font-medium text-slate-500 hover:text-slate-800 lg:hidden"
            >
              <ArrowLeft aria-hidden="true" className="size-3.5" />
              {t("inbox.backToList")}
            </Link>
            <div className="flex items-center gap-2">
              <h2 className="truncate text-base font-semibold text-slate-900">{name}</h2>
              <ChannelIcon channel={conversation.channel} />
              <ConversationStatusBadge status={conversation.status} />
            </div>
            <p className="mt-0.5 truncate text-xs text-slate-500">
              {[
                conversation.contact?.phone && displayPhone(conversation.contact.phone),
                assigneeName && t("inbox.assignedTo", { name: assigneeName }),
                conversation.status === "snoozed" &&
                  conversation.snoozedUntil &&
                  t("inbox.snoozedUntil", { date: formatDateTime(conversation.snoozedUntil, locale) }),
              ]
                .filter(Boolean)
                .join(" · ")}
            </p>
          </div>
          <div className="flex flex-wrap items-start justify-end gap-2">
            <Button variant="secondary" size="sm" className="xl:hidden" onClick={onShowContact}>
              <ContactRound aria-hidden="true" className="size-4" />
              {t("inbox.contact.title")}
            </Button>
            {!lost && <ConversationActions conversation={conversation} filters={filters} />}
          </div>
        </header>
        {lost && (
          <div className="border-b border-slate-200 bg-white px-4 py-3">
            <AccessLostNotice lost={lost} />
          </div>
        )}
        <Messages
          conversationId={conversationId}
          contactName={name}
          mayWrite={mayWrite && !lost}
          userId={user.id}
          live={!lost}
          onArrival={setAnnouncement}
        />
        <TypingIndicator conversationId={conversationId} />
        {mayWrite ? (
          <Composer key={conversationId} conversation={conversation} disabled={lost !== undefined} />
        ) : (
          <div className="border-t border-slate-200 p-3">
            <Alert tone="info">{t("inbox.composer.readOnly")}</Alert>
          </div>
        )}
      </section>
      {/* outside the thread: what it says is already in the thread, once */}
      <div aria-live="polite" aria-atomic="true" className="sr-only">
        {announcement && <p key={announcement.id}>{announcement.text}</p>}
      </div>
    </>
  );
}

/**
 * Opening a conversation reads it for the signed-in user (their own unread count; teammates keep theirs), and
 * so does a new customer message arriving while it is open.
 */
function useMarkRead(conversation: Conversation) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { mutate } = useMutation(trpc.realtime.markAsRead.mutationOptions());
  const { id, lastInboundAt } = conversation;
  useEffect(() => {
    if (lastInboundAt === null) return;
    mutate(
      { conversationId: id },
      {
        onSuccess: (read) =>
          queryClient.setQueriesData(
            { queryKey: trpc.conversations.list.pathKey() },
            (data: Pages<ConversationListItem> | undefined) =>
              setUnread(data, read.conversationId, read.unread),
          ),
      },
    );
  }, [id, lastInboundAt, mutate, queryClient, trpc]);
}

interface MessagesProps {
  conversationId: string;
  /** Who the customer is, in what a screen reader announces of their new messages. */
  contactName: string;
  onArrival: (announcement: Announcement) => void;
  mayWrite: boolean;
  userId: string;
  /** false once the user may no longer see the conversation: what was loaded stays, nothing is asked again */
  live: boolean;
}

function Messages({ conversationId, contactName, mayWrite, userId, live, onArrival }: MessagesProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const names = useMemberNames();
  const apiKeyAuthor = useApiKeyAuthor();
  const scroller = useRef<HTMLDivElement>(null);
  const messages = useInfiniteQuery(
    trpc.conversations.messages.infiniteQueryOptions(
      { id: conversationId, limit: pageSize },
      { getNextPageParam: (page) => page.nextCursor, enabled: live },
    ),
  );
  // Pages come newest first; a chat reads oldest first.
  const items = (messages.data?.pages.flatMap((page) => page.items) ?? []).slice().reverse();
  const newest = items.at(-1);
  const newestId = newest?.id;
  const newestIsOwn = newest?.direction === "outbound" && newest.senderId === userId;

  // Where the reader was at their last scroll: measured before the thread grows, not after.
  const nearBottom = useRef(true);
  const shownNewestId = useRef<string | undefined>(undefined);
  const [unseen, setUnseen] = useState(false);
  const scrollToEnd = useCallback(() => {
    const element = scroller.current;
    if (element) element.scrollTop = element.scrollHeight;
    nearBottom.current = true;
    setUnseen(false);
  }, []);

  // Follow the conversation only while the reader is at its end (or wrote the message); never pull them out
  // of the history they scrolled up to read.
  useLayoutEffect(() => {
    const decision = followDecision({
      previousNewestId: shownNewestId.current,
      newestId,
      newestIsOwn,
      wasNearBottom: nearBottom.current,
    });
    shownNewestId.current = newestId;
    if (decision === "scroll") scrollToEnd();
    else if (decision === "notify") setUnseen(true);
  }, [newestId, newestIsOwn, scrollToEnd]);

  useArrivalAnnouncement(messages.isSuccess ? items : undefined, contactName, onArrival);

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    nearBottom.current = isNearBottom(element);
    if (nearBottom.current) setUnseen(false);
  };

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <div
        ref={scroller}
        onScroll={onScroll}
        className="min-h-0 flex-1 overflow-y-auto bg-slate-50 px-4 py-4"
      >
        {messages.isRefetchError && live && <RefreshFailed onRetry={() => void messages.refetch()} />}
        {messages.isPending ? (
          <Loading />
        ) : messages.isLoadingError ? (
          <QueryError error={messages.error} onRetry={() => void messages.refetch()} />
        ) : items.length === 0 ? (
          <p className="py-10 text-center text-sm text-slate-500">{t("inbox.thread.empty")}</p>
        ) : (
          <>
            {messages.hasNextPage && live && (
              <div className="mb-4 flex justify-center">
                <Button
                  variant="secondary"
                  size="sm"
                  loading={messages.isFetchingNextPage}
                  onClick={() => void messages.fetchNextPage()}
                >
                  {t("inbox.thread.loadEarlier")}
                </Button>
              </div>
            )}
            <ol className="space-y-2">
              {items.map((message, index) => (
                <Fragment key={message.id}>
                  {startsDay(items, index) && <DaySeparator at={message.sentAt} />}
                  <MessageBubble
                    message={message}
                    authorName={
                      message.senderId
                        ? names.get(message.senderId)
                        : (apiKeyAuthor(message.apiKeyId) ?? undefined)
                    }
                    mayWrite={mayWrite}
                  />
                </Fragment>
              ))}
            </ol>
          </>
        )}
      </div>
      {unseen && (
        <div className="pointer-events-none absolute inset-x-0 bottom-3 flex justify-center">
          <Button size="sm" className="pointer-events-auto shadow-md" onClick={scrollToEnd}>
            <ArrowDown aria-hidden="true" className="size-4" />
            {t("inbox.thread.newMessages")}
          </Button>
        </div>
      )}
    </div>
  );
}

interface Announcement {
  id: string;
  text: string;
}

/**
 * What the live region beside the thread says: the customer's new message as it arrives while the
 * conversation is open ("New message from Maria: …"), so a screen reader user hears it wherever they are.
 * `items` is undefined while the thread loads; what the first load shows is not news.
 */
function useArrivalAnnouncement(
  items: readonly Message[] | undefined,
  contactName: string,
  onArrival: (announcement: Announcement) => void,
) {
  const { t } = useI18n();
  const shown = useRef<ShownThread>(null);
  const loaded = items !== undefined;
  const count = items?.length ?? 0;
  const newestId = items?.at(-1)?.id;
  const latest = useRef({ items, contactName, t, onArrival });
  latest.current = { items, contactName, t, onArrival };
  // biome-ignore lint/correctness/useExhaustiveDependencies: read when messages come or go, not on every render
  useEffect(() => {
    const { items, contactName, t, onArrival } = latest.current;
    if (!loaded || !items) return;
    const arrived = arrivedInbound(shown.current, items);
    shown.current = shownThread(items);
    const last = arrived.at(-1);
    if (!last) return;
    const text = arrived
      .map((message) => {
        const content = announcedText(message.content);
        return content === ""
          ? t("inbox.thread.announceAttachment", { name: contactName })
          : t("inbox.thread.announce", { name: contactName, text: content });
      })
      .join(" ");
    onArrival({ id: last.id, text });
  }, [loaded, count, newestId]);
}
