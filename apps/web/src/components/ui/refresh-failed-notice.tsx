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

/**
 * Put above what a query shows: says its last refresh (or next page) failed, with a retry, and nothing otherwise.
 * Pair it with `isLoadingError` (not `isError`) for the error that replaces the content, so loaded data is never
 * blanked by a failed background refetch.
 */
export function RefreshFailedNotice({ query }: { query: Refreshable }) {
  const { t } = useI18n();
  const { fetchNextPage } = query;
  if (query.isFetchNextPageError && fetchNextPage) {
    return <RefreshFailed message={t("common.loadMoreFailed")} onRetry={() => void fetchNextPage()} />;
  }
  return query.isRefetchError ? <RefreshFailed onRetry={() => void query.refetch()} /> : null;
}
