import type { Actor } from "../auth/model";
import { DomainError, notFound, validationFailed } from "../shared/errors";
import { parseId } from "../shared/ids";
import { fromMinorUnits, type Money, parseCurrency, parseMoney, toMinorUnits } from "../shared/money";
import { acceptedCurrencies } from "./accepted-currencies";
import { notReadyReason } from "./connected-providers";
import { connectPaymentIntegration } from "./credentials";
import { dealPaymentProgress } from "./deal-paid-total";
import { publishPaymentStatus } from "./events";
import { isPaymentProviderName, type Payment, type PaymentProviderName } from "./model";
import { announceLinkActivity, recordLinkCreated } from "./payment-link-activities";
import { defaultPaymentDescription } from "./payment-link-message";
import type { PaymentIntegration, PaymentsDeps } from "./ports";
import { providerFailure } from "./provider-failure";

export const maxPaymentDescriptionLength = 500;
/**
 * A checkout link is valid this long: Stripe allows 30 minutes to 24 hours by its own clock, so an hour short of
 * the most keeps a server clock running ahead of Stripe's from having every link refused.
 */
export const paymentLinkLifetimeMs = 23 * 60 * 60 * 1000;

export interface CreatePaymentInput {
  dealId: string;
  provider?: string | undefined;
  /** Decimal string; defaults to what is left of the deal's value once its paid payments are taken off. */
  amount?: string | undefined;
  currency?: string | undefined;
  description?: string | undefined;
}

/** The integration to charge through: the one of the asked provider, or the organization's only one. */
async function chooseIntegration(
  deps: PaymentsDeps,
  organizationId: string,
  provider: string | undefined,
): Promise<PaymentIntegration> {
  if (provider !== undefined && !isPaymentProviderName(provider)) {
    throw validationFailed("provider", "provider must be stripe or mercadopago");
  }
  const active = await deps.store.integrations.listActive(organizationId);
  const candidates = provider === undefined ? active : active.filter((i) => i.provider === provider);
  const [first, second] = candidates;
  if (!first) {
    throw new DomainError(
      "UNPROCESSABLE",
      provider === undefined
        ? "Connect a payment integration (Stripe or Mercado Pago) first"
        : `Connect an active ${provider} integration first`,
    );
  }
  if (provider === undefined && second && second.provider !== first.provider) {
    throw validationFailed("provider", "This organization has several payment providers: choose one");
  }
  return first;
}

/**
 * What a link charges when the caller names no amount: what is left of the deal's value, its paid payments
 * (refunds taken off, in its currency) subtracted, so a link sent after a deposit never charges the deposit again.
 */
function remainingValue(dealValue: Money, paidTotals: readonly Money[]): Money {
  const progress = dealPaymentProgress(dealValue, paidTotals);
  if (progress.kind !== "short") {
    if (progress.kind === "no_value") return dealValue;
    const message =
      `The deal's ${dealValue.amount} ${dealValue.currency} is paid already (${progress.paid.amount} paid): ` +
      "give an amount to charge more";
    throw new DomainError("UNPROCESSABLE", message, { fieldErrors: { amount: [message] } });
  }
  return fromMinorUnits(toMinorUnits(progress.value) - toMinorUnits(progress.paid), dealValue.currency);
}

function paymentAmount(input: CreatePaymentInput, dealValue: Money): Money {
  if (input.amount === undefined && input.currency !== undefined) {
    // the deal's number means something only in the deal's currency: 1234.56 BRL is not 1234.56 USD
    const currency = parseCurrency(input.currency);
    if (currency !== dealValue.currency) {
      throw validationFailed(
        "amount",
        `The deal's value is in ${dealValue.currency}: give the amount in ${currency}`,
      );
    }
  }
  return parseMoney(input.amount ?? dealValue.amount, input.currency ?? dealValue.currency, "amount", {
    maxIntegerDigits: 13,
    allowZeroPadding: input.amount === undefined,
    positive: true,
  });
}

/** The description the caller gave, checked; the default one (see `defaultPaymentDescription`) needs the amount. */
function givenDescription(input: CreatePaymentInput): string | undefined {
  if (input.description === undefined) return undefined;
  const text = input.description.trim();
  if (text === "") throw validationFailed("description", "description must not be empty");
  if (text.length > maxPaymentDescriptionLength) {
    throw validationFailed(
      "description",
      `description must have at most ${maxPaymentDescriptionLength} characters`,
    );
  }
  return text;
}

const lostDealMessage = "This deal is lost: reopen it before creating a payment link";
const lostDealRefused = () =>
  new DomainError("UNPROCESSABLE", lostDealMessage, { fieldErrors: { dealId: [lostDealMessage] } });

const providerNames: Record<PaymentProviderName, string> = { stripe: "Stripe", mercadopago: "Mercado Pago" };

/** Names `provider` in its field errors: the provider chosen (or the only one) is what cannot charge yet. */
const webhookNotConfigured = (provider: PaymentProviderName) => {
  const message =
    `Paste the webhook secret of ${providerNames[provider]} in Settings -> Integrations first: ` +
    "without it a paid link could not close the deal";
  return new DomainError("UNPROCESSABLE", message, { fieldErrors: { provider: [message] } });
};

export const unsupportedCurrency = (
  provider: PaymentProviderName,
  currency: string,
  accepted: readonly string[],
) => {
  const message = `${providerNames[provider]} does not charge in ${currency} for this account: use ${accepted.join(", ")}`;
  return new DomainError("UNPROCESSABLE", message, { fieldErrors: { currency: [message] } });
};

/**
 * Creates a checkout link for a deal. Everything is checked (deal, integration, amount, currency the
 * provider accepts) before the provider is called; the row is written only once the provider made the link.
 */
export async function createPayment(
  deps: PaymentsDeps,
  actor: Actor,
  input: CreatePaymentInput,
): Promise<Payment> {
  const organizationId = actor.organizationId;
  const dealId = parseId(input.dealId, "dealId");
  const deal = await deps.store.deals.findById(organizationId, dealId);
  if (!deal) throw notFound("Deal");
  // a lost deal is reopened on purpose, not by a customer paying a link nobody meant to send; a won deal may
  // still be charged (won when the customer said yes, paid afterwards)
  if (deal.status === "lost") throw lostDealRefused();
  // an amount given is checked at once; the default, what is left to pay, once the integration could charge it
  let amount = input.amount === undefined ? undefined : paymentAmount(input, deal.value);
  const given = givenDescription(input);
  const stored = await chooseIntegration(deps, organizationId, input.provider);
  const integration = connectPaymentIntegration(deps.cipher, stored);
  if (notReadyReason(integration) === "webhook_secret_missing") {
    throw webhookNotConfigured(integration.provider);
  }
  amount ??= paymentAmount(
    input,
    remainingValue(deal.value, await deps.store.payments.paidTotals(organizationId, deal.id)),
  );
  const accepted = await acceptedCurrencies(deps, integration);
  if (!accepted.includes(amount.currency)) {
    throw unsupportedCurrency(integration.provider, amount.currency, accepted);
  }

  // the checkout page shows it to the customer: by default words naming the amount, never the deal's title
  const text =
    given ?? defaultPaymentDescription(amount, (await deps.organizationLocale?.(organizationId)) ?? "pt-BR");

  const id = deps.newId();
  const now = deps.clock.now();
  const request = {
    paymentId: id,
    amount,
    description: text,
    returnUrl: deps.links.returnUrl(id),
    notificationUrl: deps.links.webhookUrl(integration.provider, integration.integrationId),
    expiresAt: new Date(now.getTime() + paymentLinkLifetimeMs),
  };
  const checkout =
    integration.provider === "stripe"
      ? await deps.providers.get("stripe").createCheckout(integration.config, request)
      : await deps.providers.get("mercadopago").createCheckout(integration.config, request);
  if (!checkout.ok) throw providerFailure(integration.provider, checkout.error, checkout);

  // the timeline's "link created" commits with the link, or neither does
  const payment = await deps.store.transaction(async (repos) => {
    const created = await repos.payments.create(
      organizationId,
      {
        id,
        dealId: deal.id,
        integrationId: integration.integrationId,
        provider: integration.provider,
        amount,
        description: text,
        providerReference: checkout.value.providerReference,
        paymentLink: checkout.value.paymentLink,
        createdBy: actor.kind === "user" ? actor.userId : null,
        expiresAt: checkout.value.expiresAt,
      },
      now,
    );
    await recordLinkCreated(repos.activities, actor, created);
    return created;
  });
  await publishPaymentStatus(deps.events, payment, now);
  await announceLinkActivity(deps, deal, now);
  return payment;
}
