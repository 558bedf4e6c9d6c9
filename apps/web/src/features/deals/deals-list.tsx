import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { SearchX } from "lucide-react";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { LoadMore } from "../../components/ui/load-more";
import { Loading } from "../../components/ui/loading";
import { QueryError } from "../../components/ui/query-error";
import { RefreshFailedNotice } from "../../components/ui/refresh-failed-notice";
import { useI18n } from "../../i18n/i18n-provider";
import { formatMoney, totalsByCurrency } from "../../lib/money";
import { useTRPC } from "../../lib/trpc";
import { type DealsSearch, hasListFilters, ownerInput, toListInput } from "./deal-list-filters";
import { DealsListToolbar } from "./deals-list-toolbar";
import { DealCards, DealsTable } from "./deals-table";
import { usePipelines } from "./use-deal-options";

const pageSize = 25;

interface DealsListProps {
  search: DealsSearch;
  userId: string;
  onSearchChange: (search: DealsSearch) => void;
}

/** Every deal, won and lost ones too, newest first, filtered by what the URL says. */
export function DealsList({ search, userId, onSearchChange }: DealsListProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const deals = useInfiniteQuery(
    trpc.deals.list.infiniteQueryOptions(
      { ...toListInput(search, userId), limit: pageSize },
      { getNextPageParam: (page) => page.nextCursor, placeholderData: keepPreviousData },
    ),
  );
  const pipelines = usePipelines();
  const items = deals.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Card>
      <RefreshFailedNotice queries={[deals, pipelines]} />
      <DealsListToolbar search={search} onChange={onSearchChange} />
      <FilteredTotals search={search} userId={userId} />
      <div className="mt-5">
        {deals.isPending ? (
          <Loading />
        ) : deals.isLoadingError ? (
          <QueryError error={deals.error} onRetry={() => void deals.refetch()} />
        ) : items.length === 0 ? (
          <div className="flex flex-col items-center py-12 text-center">
            <SearchX aria-hidden="true" className="size-8 text-slate-400" />
            <p className="mt-3 text-sm font-medium text-slate-900">
              {search.q ? t("deals.search.noMatch", { search: search.q }) : t("deals.noMatch.title")}
            </p>
            <p className="mt-1 text-sm text-slate-500">
              {t(search.q ? "deals.search.noMatchHint" : "deals.noMatch.description")}
            </p>
            {hasListFilters(search) && (
              <Button
                variant="secondary"
                size="sm"
                className="mt-4"
                onClick={() => onSearchChange({ view: search.view })}
              >
                {t("deals.filter.clear")}
              </Button>
            )}
          </div>
        ) : (
          <>
            <div className="hidden sm:block">
              <DealsTable deals={items} />
            </div>
            <div className="sm:hidden">
              <DealCards deals={items} />
            </div>
            <LoadMore {...deals} />
          </>
        )}
      </div>
    </Card>
  );
}

/**
 * The count and value per currency of the filtered deals. Only the board computes totals, and it needs one
 * pipeline and one status, so other filters show none rather than a partial sum.
 */
function FilteredTotals({ search, userId }: { search: DealsSearch; userId: string }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const { pipeline, status } = search;
  const board = useQuery({
    ...trpc.pipelines.board.queryOptions({
      pipelineId: pipeline ?? "",
      limit: 1,
      ...(search.stage && { stageId: search.stage }),
      ...(status && { status }),
      ...ownerInput(search.owner, userId),
      ...(search.rotting && { rotting: search.rotting === "yes" }),
      ...(search.q && { search: search.q }),
    }),
    enabled: pipeline !== undefined && status !== undefined,
  });
  if (!pipeline || !status || !board.data) return null;
  const count = board.data.columns.reduce((sum, column) => sum + column.count, 0);
  const totals = totalsByCurrency(
    board.data.columns.flatMap((column) =>
      column.totals.map(({ amount, currency }) => ({ amount, currency })),
    ),
  );
  return (
    <p className="mt-4 text-sm text-slate-600">
      <span className="sr-only">{t("deals.list.total")}: </span>
      <span className="font-medium text-slate-900">{t("deals.list.count", { count })}</span>
      {totals.length > 0 && ` · ${totals.map((total) => formatMoney(total, locale)).join(" · ")}`}
    </p>
  );
}
