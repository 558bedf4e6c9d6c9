import { useI18n } from "../../i18n/i18n-provider";
import { type ErrorMessageOverrides, toErrorView } from "../../lib/errors";
import { Alert } from "./alert";

interface ErrorAlertProps {
  error: unknown;
  overrides?: ErrorMessageOverrides | undefined;
  className?: string;
}

export function ErrorAlert({ error, overrides, className }: ErrorAlertProps) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <Alert tone="error" className={className}>
      {t(toErrorView(error, overrides).message)}
    </Alert>
  );
}
