import type { CredentialCipher } from "../integrations/ports";
import type { PaymentProviderConfigs, PaymentProviderName } from "./model";
import type { PaymentIntegration } from "./ports";

/** A payment integration with its credentials decrypted: only for adapters, never for output or logs. */
export type ConnectedPaymentIntegration = {
  [P in PaymentProviderName]: {
    integrationId: string;
    organizationId: string;
    provider: P;
    isActive: boolean;
    config: PaymentProviderConfigs[P];
  };
}[PaymentProviderName];

export function connectPaymentIntegration(
  cipher: CredentialCipher,
  stored: PaymentIntegration,
): ConnectedPaymentIntegration {
  // sealed by the integrations context after the provider's settings were checked field by field
  const config: unknown = JSON.parse(cipher.open(stored.sealedConfig, stored.organizationId));
  return {
    integrationId: stored.id,
    organizationId: stored.organizationId,
    provider: stored.provider,
    isActive: stored.isActive,
    config,
  } as ConnectedPaymentIntegration;
}
