import { defaultPaymentLinkText } from "@crm/domain/payments/payment-link-message";
import type { Locale } from "../../i18n/locale";
import type { PlainMessageKey } from "../../i18n/translate";
import type { RouterInputs } from "../../lib/api-types";
import { addDecimals, isZeroDecimal, subtractDecimals } from "../../lib/decimal";
import { type ErrorMessageOverrides, errorCodeOf, toErrorView } from "../../lib/errors";
import { amountForInput, type Money, parseAmountInput } from "../../lib/money";
import type { Payment, PaymentProvider } from "./payment-filters";
import { paymentProviders } from "./payment-filters";

export type CreatePaymentInput = RouterInputs["payments"]["create"];

export interface PaymentLinkValues {
  amount: string;
  currency: string;
  /** "" until one is chosen among several. */
  provider: string;
}

/**
 * A connected provider as the form needs it: what it is, the currencies it charges this account in, and whether
 * it can create a link now (not before its webhook secret is pasted).
 */
export interface ProviderChoice {
  provider: PaymentProvider;
  currencies: readonly string[];
  ready: boolean;
}

/** Each provider once, as a link with it goes: through its oldest integration, the first the API lists. */
const linkedThrough = <T extends { provider: PaymentProvider }>(connected: readonly T[]): T[] =>
  connected.filter(
    (item, index) => connected.findIndex((other) => other.provider === item.provider) === index,
  );

/** The connected providers, ready or not: each once, in the order the API lists them. */
export const providerChoices = (connected: readonly { provider: PaymentProvider }[]): PaymentProvider[] =>
  linkedThrough(connected).map((item) => item.provider);

/** The providers a link can be created with now; the others are shown, disabled, with the reason. */
export const readyProviders = (connected: readonly ProviderChoice[]): PaymentProvider[] =>
  linkedThrough(connected)
    .filter((item) => item.ready)
    .map((item) => item.provider);

/**
 * The currencies a link may charge in through the chosen provider (a Mercado Pago account: its own only); before
 * one is chosen among several, any of the ready ones'. In the order the API lists them, each once.
 */
export function currencyChoices(connected: readonly ProviderChoice[], provider: string): string[] {
  const chosen = linkedThrough(connected).filter((item) =>
    provider === "" ? item.ready : item.provider === provider,
  );
  return [...new Set(chosen.flatMap((item) => item.currencies))];
}

/** How much of a deal's value its paid links brought in, and what is left to charge. */
export interface DealBalance {
  /** In the deal's currency, refunds taken off. */
  paid: Money;
  /** The value less what was paid; never below zero (zero: paid in full). */
  remaining: Money;
}

/**
 * What the deal's paid links brought in toward its value, as the server counts it to win the deal: the paid ones in
 * the deal's currency, each less what was refunded of it (a fully refunded one is `refunded`, and adds nothing).
 * Null when nothing counts yet, or the deal has no value (any payment wins it then).
 */
export function dealBalance(
  value: Money,
  payments: readonly Pick<Payment, "status" | "amount" | "refundedAmount" | "currency">[],
): DealBalance | null {
  if (isZeroDecimal(value.amount)) return null;
  const counted = payments.filter(
    (payment) => payment.status === "paid" && payment.currency === value.currency,
  );
  const paid = counted.reduce(
    (total, payment) => addDecimals(total, subtractDecimals(payment.amount, payment.refundedAmount)),
    "0",
  );
  if (isZeroDecimal(paid) || paid.startsWith("-")) return null;
  const left = subtractDecimals(value.amount, paid);
  const remaining = left.startsWith("-") || isZeroDecimal(left) ? zeroLike(value.amount) : left;
  return {
    paid: { amount: sameScale(paid, value.amount), currency: value.currency },
    remaining: { amount: remaining, currency: value.currency },
  };
}

/** "0.00" for "89.90", "0" for "5000": zero written as the value is. */
const zeroLike = (amount: string): string => subtractDecimals(amount, amount);

/** A sum written with as many decimals as the deal's value ("50" → "50.00"), as the API writes money. */
function sameScale(amount: string, like: string): string {
  return addDecimals(zeroLike(like), amount);
}

/** The deal's links sent but not paid yet, in its currency: the customer may still pay them. */
export interface PendingLinks {
  count: number;
  total: Money;
}

/** Null when the deal has no pending link in its currency. */
export function pendingLinks(
  value: Money,
  payments: readonly Pick<Payment, "status" | "amount" | "currency">[],
): PendingLinks | null {
  const open = payments.filter(
    (payment) => payment.status === "pending" && payment.currency === value.currency,
  );
  if (open.length === 0) return null;
  const total = open.reduce((sum, payment) => addDecimals(sum, payment.amount), zeroLike(value.amount));
  return { count: open.length, total: { amount: total, currency: value.currency } };
}

/**
 * What a new link charges by default: the rest of the deal's value once something was paid, else the value, less
 * what its pending links already ask for (never below zero), so that a customer paying every link pays the value.
 */
export function amountToCharge(
  value: Money,
  balance: DealBalance | null,
  pending: PendingLinks | null = null,
): Money {
  const due = balance ? balance.remaining : value;
  if (!pending) return due;
  const left = subtractDecimals(due.amount, pending.total.amount);
  return {
    amount: left.startsWith("-") || isZeroDecimal(left) ? zeroLike(due.amount) : left,
    currency: due.currency,
  };
}

/**
 * A new link charges what the deal is worth unless someone changes it, through the only ready provider if one. When
 * that provider cannot charge in the deal's currency, its own currency is offered with no amount: the deal's
 * number means nothing in another currency.
 */
export function paymentLinkDefaults(
  value: Money,
  locale: Locale,
  connected: readonly ProviderChoice[] = [],
): PaymentLinkValues {
  const providers = readyProviders(connected);
  const provider = providers.length === 1 ? (providers[0] ?? "") : "";
  const currencies = currencyChoices(connected, provider);
  const inDealCurrency = currencies.length === 0 || currencies.includes(value.currency);
  return {
    amount: inDealCurrency ? prefill(value, locale) : "",
    currency: inDealCurrency ? value.currency : (currencies[0] ?? value.currency),
    provider,
  };
}

/** Nothing left to charge (a deal paid in full): no number, rather than a zero the form would refuse. */
const prefill = (charge: Money, locale: Locale): string =>
  isZeroDecimal(charge.amount) ? "" : amountForInput(charge.amount, locale);

/** A currency change that emptied the amount: the form says why. */
export interface ClearedAmount {
  from: string;
  to: string;
}

/**
 * The form's values in another currency. A number never survives a currency change: in the deal's own currency
 * the amount is the deal's value again (as when the form opens), in any other it is emptied for the user to
 * enter. `cleared` says when a number the form showed was taken away.
 */
export function withCurrency(
  values: PaymentLinkValues,
  currency: string,
  deal: Money,
  locale: Locale,
): { values: PaymentLinkValues; cleared: ClearedAmount | null } {
  if (currency === values.currency) return { values, cleared: null };
  const inDealCurrency = currency === deal.currency;
  const amount = inDealCurrency ? prefill(deal, locale) : "";
  const cleared =
    !inDealCurrency && values.amount.trim() !== "" ? { from: values.currency, to: currency } : null;
  return { values: { ...values, currency, amount }, cleared };
}

/**
 * The form's values after choosing a provider: the currency stays if the provider charges in it, otherwise it
 * becomes the deal's (if the provider takes it) or the provider's first, and the amount follows `withCurrency`.
 */
export function withProvider(
  values: PaymentLinkValues,
  provider: string,
  connected: readonly ProviderChoice[],
  deal: Money,
  locale: Locale,
): { values: PaymentLinkValues; cleared: ClearedAmount | null } {
  const accepted = currencyChoices(connected, provider);
  const currency =
    accepted.length === 0 || accepted.includes(values.currency)
      ? values.currency
      : accepted.includes(deal.currency)
        ? deal.currency
        : (accepted[0] ?? values.currency);
  return withCurrency({ ...values, provider }, currency, deal, locale);
}

/** The API's limit: 13 digits before the decimals (DECIMAL(15,2)). */
export const maxAmountIntegerDigits = 13;

const providerOf = (value: string): PaymentProvider | undefined =>
  paymentProviders.find((provider) => provider === value);

/**
 * The text the customer reads above the link: what the agent wrote, or until then the default for the amount (null
 * while it cannot be read), in the organization's language, as the server would write it.
 */
export function linkMessageText(
  written: string | null,
  amount: Money | null,
  organizationLocale: string,
): string {
  if (written !== null) return written;
  return amount ? defaultPaymentLinkText(amount, organizationLocale) : "";
}

/** The create input, or null when the amount is not one (the form shows the field error then). */
export function toCreatePaymentInput(
  dealId: string,
  values: PaymentLinkValues,
  locale: Locale,
  sendToConversationId?: string,
  message?: string,
): CreatePaymentInput | null {
  const amount = parseAmountInput(values.amount, locale, values.currency);
  if (amount === null) return null;
  const provider = providerOf(values.provider);
  return {
    dealId,
    amount,
    currency: values.currency,
    ...(provider ? { provider } : {}),
    ...(sendToConversationId ? { sendToConversationId } : {}),
    ...(sendToConversationId && message !== undefined ? { message: message.trim() } : {}),
  };
}

/** How the form words the API's refusal of a link, in place of the English sentence the API sends. */
export interface PaymentLinkRefusal {
  overrides: ErrorMessageOverrides;
  fieldMessages: Partial<Record<"provider", PlainMessageKey>>;
}

/**
 * The 422 that names `provider` is the one for a provider whose webhook secret is not pasted yet (the list of
 * providers said it was ready when the form opened): said under the provider, where Settings is named. Any other
 * 422 (deactivated meanwhile, a currency it does not take) gets the general sentence.
 */
export function paymentLinkRefusal(error: unknown): PaymentLinkRefusal {
  if (errorCodeOf(error) === "UNPROCESSABLE" && toErrorView(error).fieldErrors.provider) {
    const message = "payments.create.webhookMissing";
    return { overrides: { UNPROCESSABLE: message }, fieldMessages: { provider: message } };
  }
  return { overrides: { UNPROCESSABLE: "payments.create.refused" }, fieldMessages: {} };
}
