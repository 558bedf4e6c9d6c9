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
