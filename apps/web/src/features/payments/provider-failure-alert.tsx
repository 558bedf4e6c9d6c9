import { Alert } from "../../components/ui/alert";
import { useI18n } from "../../i18n/i18n-provider";
import type { PaymentProvider } from "./payment-filters";
import { providerLabels } from "./payment-labels";

/**
 * The provider failed or could not be reached while making a link: which one (an outage is told apart from bad
 * credentials by the details), and its own words folded away, as a failed message shows them.
 */
export function ProviderFailureAlert({ provider, detail }: { provider: string | null; detail: string }) {
  const { t } = useI18n();
  const name = provider && provider in providerLabels ? providerLabels[provider as PaymentProvider] : null;
  return (
    <Alert tone="error">
      <span className="block">
        {name ? t("payments.create.providerFailed", { provider: name }) : t("errors.providerError")}
      </span>
      {detail && (
        <details className="mt-1 text-xs">
          <summary className="cursor-pointer">{t("payments.create.technicalDetails")}</summary>
          <p className="mt-1 break-all">{detail}</p>
        </details>
      )}
    </Alert>
  );
}
