import { useI18n } from "../../i18n/i18n-provider";
import { RefreshFailed } from "./query-error";

interface Refreshable {
  /** Failed while an earlier answer is still there to show (TanStack Query's own flag). */
  isRefetchError: boolean;
  refetch: () => Promise<unknown>;
  /** Infinite lists: the next page failed, the pages before it are still shown. */
  isFetchNextPageError?: boolean;
  fetchNextPage?: () => Promise<unknown>;
}

type Props = { query: Refreshable } | { queries: readonly Refreshable[] };

/**
 * Put above what one query (or the queries of one screen) shows: says the last refresh (or next page) failed, with
 * a retry of only what failed, and nothing otherwise. Pair it with `isLoadingError` (not `isError`) for the error
 * that replaces the content, so loaded data is never blanked by a failed background refetch.
 */
export function RefreshFailedNotice(props: Props) {
  const { t } = useI18n();
  const queries = "query" in props ? [props.query] : props.queries;
  const nextPageFailed = queries.filter((query) => query.isFetchNextPageError && query.fetchNextPage);
  if (nextPageFailed.length > 0) {
    return (
      <RefreshFailed
        message={t("common.loadMoreFailed")}
        onRetry={() => {
          for (const query of nextPageFailed) void query.fetchNextPage?.();
        }}
      />
    );
  }
  const refreshFailed = queries.filter((query) => query.isRefetchError);
  if (refreshFailed.length === 0) return null;
  return (
    <RefreshFailed
      onRetry={() => {
        for (const query of refreshFailed) void query.refetch();
      }}
    />
  );
}
