import { useI18n } from "../../i18n/i18n-provider";
import { Button } from "./button";
import { ErrorAlert } from "./error-alert";

/** A failed load, in words, with a way to try again. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div className="space-y-3">
      <ErrorAlert error={error} />
      <Button variant="secondary" size="sm" onClick={onRetry}>
        {t("common.tryAgain")}
      </Button>
    </div>
  );
}

/**
 * A refresh that failed while what was loaded before is still shown (the API restarting, the network down): said
 * in one line above it, instead of replacing it with the error.
 */
export function RefreshFailed({ onRetry, message }: { onRetry: () => void; message?: string }) {
  const { t } = useI18n();
  return (
    <div
      role="status"
      className="mb-3 flex items-center justify-between gap-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
    >
      <span>{message ?? t("common.refreshFailed")}</span>
      <Button variant="secondary" size="sm" onClick={onRetry}>
        {t("common.tryAgain")}
      </Button>
    </div>
  );
}
