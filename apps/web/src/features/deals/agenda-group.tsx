import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { LoadMore } from "../../components/ui/load-more";
import { Loading } from "../../components/ui/loading";
import { QueryError } from "../../components/ui/query-error";
import { RefreshFailedNotice } from "../../components/ui/refresh-failed-notice";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { useTRPC } from "../../lib/trpc";
import { type AgendaFilters, type AgendaGroup, agendaInput } from "./agenda-filters";
import { AgendaRow } from "./agenda-item";

const pageSize = 25;

/** One group of the agenda (overdue, today, upcoming), each paged on its own. */
export function AgendaGroupSection({
  group,
  filters,
  canEdit,
}: {
  group: AgendaGroup;
  filters: AgendaFilters;
  canEdit: boolean;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const activities = useInfiniteQuery(
    trpc.deals.agenda.infiniteQueryOptions(
      { ...agendaInput(filters, group), limit: pageSize },
      { getNextPageParam: (page) => page.nextCursor, placeholderData: keepPreviousData },
    ),
  );
  const headingId = `agenda-${group}`;
  const items = activities.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby={headingId} className="mt-6 first:mt-0">
      <h2
        id={headingId}
        className={cx("text-sm font-semibold", group === "overdue" ? "text-red-700" : "text-slate-900")}
      >
        {t(`agenda.group.${group}`)}
      </h2>
      <RefreshFailedNotice query={activities} />
      {activities.isPending ? (
        <Loading />
      ) : activities.isLoadingError ? (
        <QueryError error={activities.error} onRetry={() => void activities.refetch()} />
      ) : items.length === 0 ? (
        <p className="py-3 text-sm text-slate-500">{t(`agenda.group.empty.${group}`)}</p>
      ) : (
        <>
          <ul className="divide-y divide-slate-100">
            {items.map((item) => (
              <AgendaRow key={item.id} item={item} canEdit={canEdit} />
            ))}
          </ul>
          <LoadMore {...activities} />
        </>
      )}
    </section>
  );
}
