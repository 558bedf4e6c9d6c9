import { RefreshFailed } from "../../components/ui/query-error";

interface Refreshable {
  isRefetchError: boolean;
  refetch: () => unknown;
}

/**
 * One "could not refresh" line for the queries behind a screen whose background refresh failed, while what they
 * loaded before stays shown; trying again refetches only those.
 */
export function RefreshFailedNotice({ queries }: { queries: readonly Refreshable[] }) {
  const failed = queries.filter((query) => query.isRefetchError);
  if (failed.length === 0) return null;
  return (
    <RefreshFailed
      onRetry={() => {
        for (const query of failed) void query.refetch();
      }}
    />
  );
}
