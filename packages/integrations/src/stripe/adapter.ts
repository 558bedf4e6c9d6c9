import {
  type CurrencyCode,
  currencies,
  fromMinorUnits,
  type PaymentProvider,
  type ProviderResult,
  parseCurrency,
  type StripeConfig,
  toMinorUnits,
} from "@crm/domain";
import Stripe from "stripe";
import { retryAfterSeconds } from "../shared/retry-after";
import { header } from "../shared/timing-safe";
import { hmacHex, isFresh, sameHexDigest, signatureParts } from "../shared/webhook-signature";
import { parseStripeEvent, stripeEventId, stripeIntentStatus } from "./parse";
import { watchedHttpClient } from "./watched-http-client";

export const defaultStripeApiBase = "https://api.stripe.com";

export interface StripeOptions {
  timeoutMs?: number;
}

/** The SDK's host, port and protocol from a base URL, so tests drive a local fake Stripe. */
function clientFor(
  apiBase: string,
  secretKey: string,
  options: StripeOptions,
  httpClient?: Stripe.HttpClient,
): Stripe {
  const url = new URL(apiBase);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return new Stripe(secretKey, {
    host: url.hostname,
    port: url.port || (protocol === "http" ? 80 : 443),
    protocol,
    timeout: options.timeoutMs ?? 15_000,
    maxNetworkRetries: 1,
    telemetry: false,
    ...(httpClient && { httpClient }),
  });
}

function failure(error: unknown): Extract<ProviderResult<never>, { ok: false }> {
  if (error instanceof Stripe.errors.StripeError) {
    const status = error.statusCode ?? 0;
    const retryable = error.type === "StripeConnectionError" || status === 429 || status >= 500;
    if (status === 429) {
      const wait = retryAfterSeconds(error.headers?.["retry-after"]);
      return {
        ok: false,
        error: error.message,
        retryable,
        throttled: true,
        ...(wait && { retryAfterSeconds: wait }),
      };
    }
    return { ok: false, error: error.message, retryable };
  }
  return { ok: false, error: error instanceof Error ? error.message : String(error), retryable: true };
}

const minorUnits = (amount: Parameters<typeof toMinorUnits>[0]): number => {
  const minor = toMinorUnits(amount);
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error("Amount too large for Stripe");
  return Number(minor);
};

const everyCurrency = Object.keys(currencies) as CurrencyCode[];

async function call<T>(work: () => Promise<T>): Promise<ProviderResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return failure(error);
  }
}

/**
 * Stripe's idempotency layer answered the last attempt with a refusal: what it says holds for every attempt
 * with the key. Not a 429 (its rate limiter runs before that layer) nor a 409 (the key's request still runs).
 */
const refusedByStripe = (error: unknown): boolean => {
  const status = error instanceof Stripe.errors.StripeError ? (error.statusCode ?? 0) : 0;
  return status >= 400 && status < 500 && status !== 409 && status !== 429;
};

/**
 * A refund call, told apart like a send: one that may have been made without an answer saying so (a timeout, a
 * cut connection, a proxy's 502, a 5xx of Stripe's own, on any of the SDK's attempts) is `outcomeUnknown`, and
 * retryable, for asking again with the same idempotency key cannot refund twice.
 */
async function refundCall<T>(
  work: (httpClient: Stripe.HttpClient) => Promise<T>,
): Promise<ProviderResult<T>> {
  const watched = watchedHttpClient();
  try {
    return { ok: true, value: await work(watched.client) };
  } catch (error) {
    const result = failure(error);
    if (!watched.mayHaveArrived() || refusedByStripe(error)) return result;
    return { ok: false, error: result.error, retryable: true, outcomeUnknown: true };
  }
}

/** Stripe Checkout in payment mode, through the official SDK. Amounts in minor units: 1234.56 BRL -> 123456. */
export function createStripeProvider(
  apiBase: string,
  options: StripeOptions = {},
): PaymentProvider<"stripe"> {
  const stripe = (config: StripeConfig) => clientFor(apiBase, config.secretKey, options);
  return {
    provider: "stripe",
    currencies: async () => everyCurrency,

    createCheckout: (config, request) =>
      call(async () => {
        const session = await stripe(config).checkout.sessions.create(
          {
            mode: "payment",
            line_items: [
              {
                quantity: 1,
                price_data: {
                  currency: request.amount.currency.toLowerCase(),
                  unit_amount: minorUnits(request.amount),
                  product_data: { name: request.description },
                },
              },
            ],
            client_reference_id: request.paymentId,
            metadata: { paymentId: request.paymentId },
            payment_intent_data: { metadata: { paymentId: request.paymentId } },
            success_url: request.returnUrl,
            cancel_url: request.returnUrl,
            expires_at: Math.floor(request.expiresAt.getTime() / 1000),
          },
          { idempotencyKey: `checkout-${request.paymentId}` },
        );
        if (!session.url) throw new Error("Stripe returned a Checkout Session without a URL");
        return {
          providerReference: session.id,
          paymentLink: session.url,
          expiresAt: session.expires_at ? new Date(session.expires_at * 1000) : null,
        };
      }),

    /** https://docs.stripe.com/api/checkout/sessions/expire: only an `open` session can be expired. */
    expireCheckout: (config, providerReference) =>
      call(async () => {
        await stripe(config).checkout.sessions.expire(providerReference);
      }),

    refund: (config, request) =>
      refundCall(async (httpClient) => {
        const client = clientFor(apiBase, config.secretKey, options, httpClient);
        const refund = await client.refunds.create(
          {
            payment_intent: request.providerPaymentId,
            amount: minorUnits(request.amount),
            metadata: { paymentId: request.paymentId },
          },
          { idempotencyKey: request.idempotencyKey },
        );
        return {
          refundId: refund.id,
          amount: fromMinorUnits(BigInt(refund.amount), parseCurrency(refund.currency)),
        };
      }),

    fetchPayment: (config, providerPaymentId) =>
      call(async () => {
        const intent = await stripe(config).paymentIntents.retrieve(providerPaymentId);
        return {
          paymentId: intent.metadata.paymentId,
          providerPaymentId: intent.id,
          status: stripeIntentStatus(intent.status),
        };
      }),

    async whoAmI(config) {
      const result = await call(() => stripe(config).balance.retrieve());
      // the balance names no account; the web app words the mode in the user's language
      return result.ok
        ? { ok: true, identity: null, mode: result.value.livemode ? "live" : "test" }
        : { ok: false, error: result.error };
    },

    /** https://docs.stripe.com/webhooks#verify-manually: HMAC-SHA256 of "t.body"; any v1 may match. */
    verify(request, config) {
      const signature = header(request.headers, "stripe-signature");
      const secret = config.webhookSecret;
      // no secret yet: nothing can be verified, so nothing is accepted
      if (!signature || !secret) return false;
      const parts = signatureParts(signature);
      const timestamp = parts.find(([key]) => key === "t")?.[1];
      if (!timestamp || !isFresh(timestamp, request.now)) return false;
      const expected = hmacHex(secret, `${timestamp}.`, request.rawBody);
      let matched = false;
      for (const [key, value] of parts) {
        if (key === "v1" && sameHexDigest(expected, value)) matched = true;
      }
      return matched;
    },

    eventId: stripeEventId,
    parse: parseStripeEvent,
  };
}
