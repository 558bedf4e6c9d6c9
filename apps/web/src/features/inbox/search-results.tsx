import { useInfiniteQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { LoadMore } from "../../components/ui/load-more";
import { Loading } from "../../components/ui/loading";
import { QueryError } from "../../components/ui/query-error";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { formatRelative } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { ChannelIcon } from "./channel-icon";
import { ContactMatches } from "./contact-matches";
import type { InboxFilters } from "./inbox-filters";
import { shownQuery } from "./search-query";
import { parseSnippet } from "./snippet";

interface SearchResultsProps {
  q: string;
  filters: InboxFilters;
  activeId: string | undefined;
}

const sorts = ["recent", "relevance"] as const;
type SearchSort = (typeof sorts)[number];

export function SearchResults({ q, filters, activeId }: SearchResultsProps) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const [sort, setSort] = useState<SearchSort>("recent");
  const search = useInfiniteQuery(
    trpc.messages.search.infiniteQueryOptions(
      { q, limit: 20, sort },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const hits = search.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="min-h-0 flex-1 overflow-y-auto">
      <ContactMatches q={q} filters={filters} />
      {/* the heading wraps above the order toggle when they do not fit side by side, never cut short */}
      <div className="flex flex-wrap items-center justify-between gap-x-2 gap-y-1.5 px-4 pt-3 pb-1">
        <h2 className="min-w-0 text-xs font-semibold tracking-wide break-words text-slate-500 uppercase">
          {t("inbox.search.results", { q: shownQuery(q) })}
        </h2>
        <fieldset className="flex shrink-0 gap-1">
          <legend className="sr-only">{t("inbox.search.sort")}</legend>
          {sorts.map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={sort === option}
              onClick={() => setSort(option)}
              className={cx(
                "rounded px-2 py-0.5 text-xs",
                sort === option
                  ? "bg-indigo-100 font-medium text-indigo-800"
                  : "text-slate-600 hover:bg-slate-100",
              )}
            >
              {t(`inbox.search.sort.${option}`)}
            </button>
          ))}
        </fieldset>
      </div>
      {search.isPending ? (
        <Loading />
      ) : search.isError ? (
        <div className="p-4">
          <QueryError error={search.error} onRetry={() => void search.refetch()} />
        </div>
      ) : hits.length === 0 ? (
        <p className="px-4 py-8 text-center text-sm text-slate-600">
          {t("inbox.search.noResults", { q: shownQuery(q) })}
        </p>
      ) : (
        <ul>
          {hits.map((hit) => (
            <li key={hit.message.id}>
              <Link
                to="/inbox/$conversationId"
                params={{ conversationId: hit.message.conversationId }}
                search={filters}
                data-search-result=""
                className={cx(
                  "block border-b border-slate-100 px-4 py-3 hover:bg-slate-50",
                  hit.message.conversationId === activeId && "bg-indigo-50",
                )}
              >
                <div className="flex items-center gap-2">
                  <span className="truncate text-sm font-medium text-slate-900">
                    {hit.contact?.name ?? t("inbox.unknownContact")}
                  </span>
                  <ChannelIcon channel={hit.message.channel} className="size-3.5" />
                  <time dateTime={hit.message.sentAt} className="ml-auto shrink-0 text-xs text-slate-600">
                    {formatRelative(hit.message.sentAt, locale)}
                  </time>
                </div>
                <p className="mt-1 line-clamp-2 text-sm text-slate-700">
                  {parseSnippet(hit.snippet).map((part) =>
                    part.match ? (
                      <mark
                        key={part.at}
                        className="rounded-sm bg-amber-100 px-0.5 font-semibold text-slate-900"
                      >
                        {part.text}
                      </mark>
                    ) : (
                      <span key={part.at}>{part.text}</span>
                    ),
                  )}
                </p>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <div className="pb-4">
        <LoadMore {...search} />
      </div>
    </div>
  );
}
