import type { Actor } from "../auth/model";
import type { CurrencyCode } from "../shared/money";
import { acceptedCurrencies } from "./accepted-currencies";
import { connectPaymentIntegration } from "./credentials";
import type { PaymentProviderName } from "./model";
import type { PaymentsDeps } from "./ports";

/** An active payment integration as anyone who may charge sees it: never its credentials or settings. */
export interface ConnectedProvider {
  integrationId: string;
  provider: PaymentProviderName;
  name: string;
  /** What a link through it may charge in. */
  currencies: readonly CurrencyCode[];
}

/** The providers a payment link can be created with now, oldest integration first (the one a link uses). */
export async function listConnectedProviders(
  deps: Pick<PaymentsDeps, "store" | "providers" | "cipher">,
  actor: Actor,
): Promise<ConnectedProvider[]> {
  const active = await deps.store.integrations.listActive(actor.organizationId);
  return Promise.all(
    active.map(async (stored) => ({
      integrationId: stored.id,
      provider: stored.provider,
      name: stored.name,
      currencies: await acceptedCurrencies(deps, connectPaymentIntegration(deps.cipher, stored)),
    })),
  );
}
