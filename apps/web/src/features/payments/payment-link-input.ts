import type { Locale } from "../../i18n/locale";
import type { RouterInputs } from "../../lib/api-types";
import { amountForInput, type Money, parseAmountInput } from "../../lib/money";
import type { PaymentProvider } from "./payment-filters";
import { paymentProviders } from "./payment-filters";

export type CreatePaymentInput = RouterInputs["payments"]["create"];

export interface PaymentLinkValues {
  amount: string;
  currency: string;
  /** "" lets the API pick the organization's only active payment integration. */
  provider: string;
}

/** A new link charges what the deal is worth unless someone changes it. */
export const paymentLinkDefaults = (value: Money, locale: Locale): PaymentLinkValues => ({
  amount: amountForInput(value.amount, locale),
  currency: value.currency,
  provider: "",
});

const providerOf = (value: string): PaymentProvider | undefined =>
  paymentProviders.find((provider) => provider === value);

/**
 * The providers a link can be made with: those with an active integration, or every provider when the list
 * of integrations is unknown (people who may charge but not see the integrations).
 */
export function providerChoices(
  integrations: readonly { channel: string; isActive: boolean }[] | undefined,
): PaymentProvider[] {
  if (!integrations) return [...paymentProviders];
  return paymentProviders.filter((provider) =>
    integrations.some((integration) => integration.isActive && integration.channel === provider),
  );
}

/** The create input, or null when the amount is not one (the form shows the field error then). */
export function toCreatePaymentInput(
  dealId: string,
  values: PaymentLinkValues,
  locale: Locale,
  sendToConversationId?: string,
): CreatePaymentInput | null {
  const amount = parseAmountInput(values.amount, locale);
  if (amount === null) return null;
  const provider = providerOf(values.provider);
  return {
    dealId,
    amount,
    currency: values.currency,
    ...(provider ? { provider } : {}),
    ...(sendToConversationId ? { sendToConversationId } : {}),
  };
}
