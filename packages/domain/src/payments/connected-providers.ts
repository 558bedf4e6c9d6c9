import type { Actor } from "../auth/model";
import type { CurrencyCode } from "../shared/money";
import { acceptedCurrencies } from "./accepted-currencies";
import { type ConnectedPaymentIntegration, connectPaymentIntegration } from "./credentials";
import type { PaymentProviderName } from "./model";
import type { PaymentsDeps } from "./ports";

/** Why a connected provider cannot create a link yet. */
export type ProviderNotReadyReason = "webhook_secret_missing";

/** An active payment integration as anyone who may charge sees it: never its credentials or settings. */
export interface ConnectedProvider {
  integrationId: string;
  provider: PaymentProviderName;
  name: string;
  /** What a link through it may charge in. */
  currencies: readonly CurrencyCode[];
  /** Whether a link can be created through it now; `reason` says why not. */
  ready: boolean;
  reason: ProviderNotReadyReason | null;
}

/**
 * What keeps a connected integration from creating links, null when nothing does: a link paid before its
 * webhooks can be verified would not close the deal, so no link is made until the webhook secret is pasted.
 */
export const notReadyReason = (integration: ConnectedPaymentIntegration): ProviderNotReadyReason | null =>
  integration.config.webhookSecret ? null : "webhook_secret_missing";

/** The providers a payment link can be created with now, oldest integration first (the one a link uses). */
export async function listConnectedProviders(
  deps: Pick<PaymentsDeps, "store" | "providers" | "cipher">,
  actor: Actor,
): Promise<ConnectedProvider[]> {
  const active = await deps.store.integrations.listActive(actor.organizationId);
  return Promise.all(
    active.map(async (stored) => {
      const integration = connectPaymentIntegration(deps.cipher, stored);
      const reason = notReadyReason(integration);
      return {
        integrationId: stored.id,
        provider: stored.provider,
        name: stored.name,
        currencies: await acceptedCurrencies(deps, integration),
        ready: reason === null,
        reason,
      };
    }),
  );
}
