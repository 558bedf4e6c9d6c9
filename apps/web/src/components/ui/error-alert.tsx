import { useI18n } from "../../i18n/i18n-provider";
import { alertDetail, type ErrorMessageOverrides, toAlertView } from "../../lib/errors";
import { Alert } from "./alert";

interface ErrorAlertProps {
  error: unknown;
  overrides?: ErrorMessageOverrides | undefined;
  /** Shown under the translated sentence, e.g. what the server said in its own words. */
  detail?: string | undefined;
  className?: string;
}

export function ErrorAlert({ error, overrides, detail, className }: ErrorAlertProps) {
  const { t, locale } = useI18n();
  if (!error) return null;
  const view = toAlertView(error, overrides, locale);
  const message = t(view.message);
  const said = detail ?? alertDetail(view, t);
  return (
    <Alert tone="error" className={className}>
      {said ? (
        <>
          <p>{message}</p>
          <p className="mt-1 text-xs break-words">{said}</p>
        </>
      ) : (
        message
      )}
    </Alert>
  );
}
