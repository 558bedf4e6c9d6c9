import { can } from "@crm/domain/shared/permissions";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Handshake, MessageCircle, Plus } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { LoadMore } from "../../components/ui/load-more";
import { Loading } from "../../components/ui/loading";
import { QueryError } from "../../components/ui/query-error";
import { RefreshFailedNotice } from "../../components/ui/refresh-failed-notice";
import { useI18n } from "../../i18n/i18n-provider";
import { formatDateTime, formatRelative } from "../../lib/format";
import { formatMoney } from "../../lib/money";
import { useTRPC } from "../../lib/trpc";
import { useSession } from "../auth/use-session";
import { DealStatusBadge } from "../deals/deal-status";
import { useStageIndex } from "../deals/use-deal-options";
import { ConversationStatusBadge } from "../inbox/conversation-status";
import { buildContactTimeline, type ContactConversation, type ContactDeal } from "./contact-timeline-entries";

const pageSize = 20;
const channelNames: Record<string, string> = {
  whatsapp: "WhatsApp",
  telegram: "Telegram",
  discord: "Discord",
  slack: "Slack",
};

interface ContactTimelineProps {
  contactId: string;
  contactName: string;
  onCreateDeal: () => void;
}

export function ContactTimeline({ contactId, contactName, onCreateDeal }: ContactTimelineProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { user } = useSession();
  const next = { getNextPageParam: (page: { nextCursor: string | null }) => page.nextCursor };
  const deals = useInfiniteQuery(
    trpc.contacts.deals.infiniteQueryOptions({ id: contactId, limit: pageSize }, next),
  );
  const conversations = useInfiniteQuery(
    trpc.contacts.conversations.infiniteQueryOptions({ id: contactId, limit: pageSize }, next),
  );
  const mayCreateDeal = can(user.role, "deals:write");
  const createButton = mayCreateDeal && (
    <Button variant="secondary" size="sm" onClick={onCreateDeal}>
      <Plus aria-hidden="true" className="size-4" />
      {t("deals.create.open")}
    </Button>
  );

  const body = () => {
    if (deals.isPending || conversations.isPending) return <Loading />;
    if (deals.isLoadingError) return <QueryError error={deals.error} onRetry={() => void deals.refetch()} />;
    if (conversations.isLoadingError) {
      return <QueryError error={conversations.error} onRetry={() => void conversations.refetch()} />;
    }
    const entries = buildContactTimeline(
      deals.data.pages.flatMap((page) => page.items),
      conversations.data.pages.flatMap((page) => page.items),
    );
    if (entries.length === 0) {
      return (
        <div className="py-8 text-center">
          <p className="text-sm font-medium text-slate-900">{t("contacts.timeline.empty.title")}</p>
          <p className="mx-auto mt-1 max-w-sm text-sm text-slate-500">
            {t("contacts.timeline.empty.description", { name: contactName })}
          </p>
        </div>
      );
    }
    return (
      <>
        <ol className="relative space-y-6 before:absolute before:top-2 before:bottom-2 before:left-4 before:w-px before:bg-slate-200">
          {entries.map((entry) =>
            entry.kind === "deal" ? (
              <DealEntry key={`deal-${entry.deal.id}`} deal={entry.deal} />
            ) : (
              <ConversationEntry
                key={`conversation-${entry.conversation.id}`}
                conversation={entry.conversation}
              />
            ),
          )}
        </ol>
        <LoadMore
          hasNextPage={deals.hasNextPage || conversations.hasNextPage}
          isFetchingNextPage={deals.isFetchingNextPage || conversations.isFetchingNextPage}
          fetchNextPage={() =>
            Promise.all([
              deals.hasNextPage ? deals.fetchNextPage() : null,
              conversations.hasNextPage ? conversations.fetchNextPage() : null,
            ])
          }
        />
      </>
    );
  };

  return (
    <Card
      title={t("contacts.timeline.title")}
      description={t("contacts.timeline.description")}
      actions={createButton}
    >
      <RefreshFailedNotice query={deals} />
      <RefreshFailedNotice query={conversations} />
      {body()}
    </Card>
  );
}

function EntryIcon({ children, tone }: { children: ReactNode; tone: string }) {
  return (
    <span
      className={`relative z-10 flex size-8 shrink-0 items-center justify-center rounded-full ring-4 ring-white ${tone}`}
    >
      {children}
    </span>
  );
}

function DealEntry({ deal }: { deal: ContactDeal }) {
  const { t, locale } = useI18n();
  const stages = useStageIndex();
  const stage = stages.get(deal.stage);
  return (
    <li className="flex gap-4">
      <EntryIcon tone="bg-indigo-50 text-indigo-600">
        <Handshake aria-hidden="true" className="size-4" />
      </EntryIcon>
      <div className="min-w-0 flex-1 pt-1">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <span className="text-sm text-slate-500">{t("contacts.timeline.deal")}</span>
          <Link
            to="/deals/$dealId"
            params={{ dealId: deal.id }}
            className="text-sm font-medium text-slate-900 hover:text-indigo-600"
          >
            {deal.title}
          </Link>
          <DealStatusBadge status={deal.status} />
        </div>
        <p className="mt-0.5 text-sm text-slate-500">
          {[stage?.stage.name, formatMoney(deal.value, locale)].filter(Boolean).join(" · ")}
        </p>
        <time
          dateTime={deal.createdAt}
          title={formatDateTime(deal.createdAt, locale)}
          className="text-xs text-slate-500"
        >
          {formatRelative(deal.createdAt, locale)}
        </time>
      </div>
    </li>
  );
}

function ConversationEntry({ conversation }: { conversation: ContactConversation }) {
  const { t, locale } = useI18n();
  const at = conversation.lastMessageAt ?? conversation.createdAt;
  const channel = channelNames[conversation.channel] ?? conversation.channel;
  return (
    <li className="flex gap-4">
      <EntryIcon tone="bg-emerald-50 text-emerald-600">
        <MessageCircle aria-hidden="true" className="size-4" />
      </EntryIcon>
      <div className="min-w-0 flex-1 pt-1">
        <div className="flex flex-wrap items-center gap-2">
          <Link
            to="/inbox/$conversationId"
            params={{ conversationId: conversation.id }}
            className="text-sm font-medium text-slate-900 hover:text-indigo-600"
          >
            {t("contacts.timeline.conversation", { channel })}
          </Link>
          <ConversationStatusBadge status={conversation.status} />
        </div>
        <time dateTime={at} title={formatDateTime(at, locale)} className="text-xs text-slate-500">
          {conversation.lastMessageAt
            ? t("contacts.timeline.lastMessage", { when: formatRelative(at, locale) })
            : formatRelative(at, locale)}
        </time>
      </div>
    </li>
  );
}
