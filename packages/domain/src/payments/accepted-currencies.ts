import type { CurrencyCode } from "../shared/money";
import type { ConnectedPaymentIntegration } from "./credentials";
import type { PaymentsDeps } from "./ports";

/** What a link through this integration may charge in (a Mercado Pago account: its own country's currency only). */
export const acceptedCurrencies = (
  deps: Pick<PaymentsDeps, "providers">,
  integration: ConnectedPaymentIntegration,
): Promise<readonly CurrencyCode[]> =>
  integration.provider === "stripe"
    ? deps.providers.get("stripe").currencies(integration.config)
    : deps.providers.get("mercadopago").currencies(integration.config);
