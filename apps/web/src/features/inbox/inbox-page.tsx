import { can } from "@crm/domain/shared/permissions";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Inbox, MessagesSquare, Plug } from "lucide-react";
import { useEffect, useState } from "react";
import { RecordError } from "../../components/record-error";
import { buttonClasses } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { EmptyState } from "../../components/ui/empty-state";
import { Loading } from "../../components/ui/loading";
import { QueryError, RefreshFailed } from "../../components/ui/query-error";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { errorCodeOf } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useMediaQuery } from "../../lib/use-media-query";
import { useSession } from "../auth/use-session";
import { AccessLostNotice, NoAccessNotice, useAccessLost } from "./access-lost";
import { ContactPanel } from "./contact-panel";
import { ConversationList } from "./conversation-list";
import { type InboxFilters, toListInput } from "./inbox-filters";
import { InboxToolbar } from "./inbox-toolbar";
import { moveThroughSearchResults } from "./search-keyboard";
import { SearchResults } from "./search-results";
import { Thread } from "./thread";

const pageSize = 30;

interface InboxPageProps {
  conversationId: string | undefined;
  filters: InboxFilters;
  onFiltersChange: (filters: InboxFilters) => void;
}

/** Three panes: the conversations, the open thread, and who it is with. */
export function InboxPage({ conversationId, filters, onFiltersChange }: InboxPageProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { user } = useSession();
  const mayConnect = can(user.role, "integrations:write");
  useDocumentTitle(t("inbox.title"));
  const list = useInfiniteQuery(
    trpc.conversations.list.infiniteQueryOptions(toListInput(filters, pageSize), {
      getNextPageParam: (page) => page.nextCursor,
      placeholderData: keepPreviousData,
    }),
  );
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered =
    filters.status !== undefined || filters.assignee !== undefined || filters.channel !== undefined;
  const defaultViewEmpty = !filtered && !filters.q && list.isSuccess && items.length === 0;
  // No open conversation is not no conversation: closed ones must stay reachable through the filters. The count
  // of every status (the unread badge's query) tells an organization that has none at all.
  const everything = useQuery({
    ...trpc.conversations.counts.queryOptions({}),
    enabled: defaultViewEmpty,
    select: (counts) => counts.all,
  });
  const nothingYet = defaultViewEmpty && !conversationId && everything.data === 0;

  if (nothingYet) {
    return (
      <>
        <h1 className="sr-only">{t("inbox.title")}</h1>
        <EmptyState
          icon={Inbox}
          title={t("inbox.empty.title")}
          description={t(mayConnect ? "inbox.empty.description" : "inbox.empty.askManager")}
        >
          {/* only owners and admins may connect one: the others would reach a page that refuses them */}
          {mayConnect && (
            <Link to="/settings/integrations" className={buttonClasses()}>
              <Plug aria-hidden="true" className="size-4" />
              {t("inbox.empty.action")}
            </Link>
          )}
        </EmptyState>
      </>
    );
  }

  return (
    <div className="-mx-4 -my-8 flex h-[calc(100dvh-7.5rem)] min-h-[30rem] overflow-hidden border-slate-200 bg-white sm:-mx-8 lg:-my-10 lg:h-dvh">
      <h1 className="sr-only">{t("inbox.title")}</h1>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: delegation; the keys come from the search box and the results, which take focus */}
      <div
        className={cx(
          "min-h-0 w-full flex-col border-r border-slate-200 lg:flex lg:w-80 lg:shrink-0",
          conversationId ? "hidden" : "flex",
        )}
        onKeyDown={moveThroughSearchResults}
      >
        <InboxToolbar filters={filters} onChange={onFiltersChange} />
        {!filters.q && list.isRefetchError && (
          <div className="px-3 pt-3">
            <RefreshFailed onRetry={() => void list.refetch()} />
          </div>
        )}
        {filters.q ? (
          <SearchResults q={filters.q} filters={filters} activeId={conversationId} />
        ) : list.isPending || (defaultViewEmpty && everything.isPending) ? (
          <Loading />
        ) : list.isLoadingError ? (
          <div className="p-4">
            <QueryError error={list.error} onRetry={() => void list.refetch()} />
          </div>
        ) : items.length === 0 && !filtered ? (
          <div className="px-4 py-10 text-center">
            <p className="text-sm text-slate-600">{t("inbox.noneOpen")}</p>
            <button
              type="button"
              className={buttonClasses("secondary", "sm", "mt-4")}
              onClick={() => onFiltersChange({ ...filters, status: "closed" })}
            >
              {t("inbox.showClosed")}
            </button>
          </div>
        ) : items.length === 0 ? (
          <div className="px-4 py-10 text-center">
            <p className="text-sm text-slate-600">{t("inbox.noMatch")}</p>
            <button
              type="button"
              className={buttonClasses("secondary", "sm", "mt-4")}
              onClick={() =>
                onFiltersChange({ ...filters, status: undefined, assignee: undefined, channel: undefined })
              }
            >
              {t("inbox.clearFilters")}
            </button>
          </div>
        ) : (
          <ConversationList conversations={items} activeId={conversationId} filters={filters} {...list} />
        )}
      </div>
      {conversationId ? (
        <OpenConversation key={conversationId} conversationId={conversationId} filters={filters} />
      ) : (
        <div className="hidden flex-1 items-center justify-center bg-slate-50 lg:flex">
          <div className="max-w-xs text-center">
            <MessagesSquare aria-hidden="true" className="mx-auto size-8 text-slate-400" />
            <h2 className="mt-3 text-sm font-semibold text-slate-900">{t("inbox.pickConversation.title")}</h2>
            <p className="mt-1 text-sm text-slate-600">{t("inbox.pickConversation.description")}</p>
          </div>
        </div>
      )}
    </div>
  );
}

function OpenConversation({ conversationId, filters }: { conversationId: string; filters: InboxFilters }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { user } = useSession();
  // a conversation reassigned away from the user is not asked for again (404): what was shown stays
  const lost = useAccessLost(conversationId);
  const conversation = useQuery(
    trpc.conversations.get.queryOptions({ id: conversationId }, { enabled: lost === undefined }),
  );
  const [contactOpen, setContactOpen] = useState(false);
  // Tailwind's xl: from there the panel sits beside the thread, and the dialog would show it twice
  const panelBeside = useMediaQuery("(min-width: 1280px)");
  useEffect(() => {
    if (panelBeside) setContactOpen(false);
  }, [panelBeside]);
  const data = conversation.data;
  if (lost && !data) {
    return (
      <div className="flex-1 p-6">
        <AccessLostNotice lost={lost} />
      </div>
    );
  }
  // An agent sees only hers and the unassigned ones, so her 404 is most likely a conversation someone else has
  // (a shared link, a bookmark, an old notification): said as the inbox says it, not as a deleted record.
  if (
    conversation.isLoadingError &&
    !lost &&
    user.role === "agent" &&
    errorCodeOf(conversation.error) === "NOT_FOUND"
  ) {
    return (
      <div className="flex-1 p-6">
        <NoAccessNotice />
      </div>
    );
  }
  if (conversation.isLoadingError && !lost) {
    return (
      <div className="flex-1 p-6">
        <RecordError
          error={conversation.error}
          reset={() => void conversation.refetch()}
          backTo="/inbox"
          backLabel={t("inbox.backToList")}
        />
      </div>
    );
  }
  if (!data) {
    return (
      <div className="flex flex-1 items-center justify-center">
        <Loading />
      </div>
    );
  }
  return (
    <>
      <Thread conversation={data} filters={filters} onShowContact={() => setContactOpen(true)} />
      <div className="hidden w-72 shrink-0 border-l border-slate-200 bg-slate-50 xl:flex xl:flex-col">
        <ContactPanel conversation={data} />
      </div>
      {/* narrower screens: the same panel over the thread, so deals and payment links stay one tap away */}
      <Dialog
        open={contactOpen && !panelBeside}
        onOpenChange={setContactOpen}
        title={t("inbox.contact.title")}
        size="lg"
      >
        <div className="-mx-6 -mb-6 flex max-h-[70dvh] flex-col">
          <ContactPanel conversation={data} />
        </div>
      </Dialog>
    </>
  );
}
