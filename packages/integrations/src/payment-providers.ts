import type { PaymentProvider, PaymentProviders } from "@crm/domain";
import { createMercadoPagoProvider, defaultMercadoPagoApiBase } from "./mercadopago/adapter";
import { defaultHttpClient } from "./shared/http";
import { createStripeProvider, defaultStripeApiBase } from "./stripe/adapter";

export interface PaymentApiBases {
  stripe: string;
  mercadopago: string;
}

export const defaultPaymentApiBases: PaymentApiBases = {
  stripe: defaultStripeApiBase,
  mercadopago: defaultMercadoPagoApiBase,
};

export function createPaymentProviders(
  bases: PaymentApiBases,
  options: { timeoutMs?: number; fetch?: typeof fetch } = {},
): PaymentProviders {
  const http = { ...defaultHttpClient(), ...options };
  const providers = {
    stripe: createStripeProvider(bases.stripe, { timeoutMs: http.timeoutMs }),
    mercadopago: createMercadoPagoProvider(bases.mercadopago, http),
  };
  return {
    // each entry is the provider of its key; TypeScript cannot follow a generic key into the object
    get: (provider) => providers[provider] as unknown as PaymentProvider<typeof provider>,
  };
}
