import { createHash } from "node:crypto";
import {
  type CurrencyCode,
  type MercadoPagoConfig,
  type PaymentProvider,
  type ProviderResult,
  parseMoney,
} from "@crm/domain";
import {
  type HttpClient,
  type HttpOutcome,
  isRetryableStatus,
  requestJson,
  sendFailure,
  unanswered,
} from "../shared/http";
import { retryAfterSeconds } from "../shared/retry-after";
import { header } from "../shared/timing-safe";
import { hmacHex, isFresh, sameHexDigest, signatureParts } from "../shared/webhook-signature";
import { decimalOf, decimalPlaceholder, jsonWithDecimals } from "./decimal-json";
import {
  mercadoPagoDataId,
  mercadoPagoEventId,
  mercadoPagoPaymentSnapshot,
  parseMercadoPagoNotification,
} from "./parse";

export const defaultMercadoPagoApiBase = "https://api.mercadopago.com";

/**
 * An account charges in its own country's currency only: the site `GET /users/me` names (MLB is Brazil). A
 * preference in another currency is refused by the provider.
 */
export const mercadoPagoSiteCurrencies: Readonly<Record<string, CurrencyCode>> = {
  MLB: "BRL",
  MLA: "ARS",
  MLC: "CLP",
  MCO: "COP",
  MLM: "MXN",
  MPE: "PEN",
  MLU: "UYU",
};
/** Our users are Brazilian first: when the account cannot be asked, its currency is taken to be BRL. */
export const mercadoPagoDefaultCurrency: CurrencyCode = "BRL";
/** An account's site never changes; asking again after a while only notices a replaced token's new account. */
const siteCacheMs = 60 * 60_000;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null;

const headers = (config: MercadoPagoConfig, idempotencyKey?: string): Record<string, string> => ({
  authorization: `Bearer ${config.accessToken}`,
  "content-type": "application/json",
  ...(idempotencyKey && { "x-idempotency-key": idempotencyKey }),
});

function answer<T>(outcome: HttpOutcome, read: (body: unknown) => T | undefined): ProviderResult<T> {
  if (!outcome.reached) return { ok: false, error: outcome.error, retryable: true };
  if (outcome.status >= 200 && outcome.status < 300) {
    const value = read(outcome.body);
    if (value !== undefined) return { ok: true, value };
    return { ok: false, error: "Unexpected answer from Mercado Pago", retryable: false };
  }
  const message =
    isObject(outcome.body) && typeof outcome.body.message === "string" ? outcome.body.message : "";
  const wait = outcome.status === 429 ? retryAfterSeconds(outcome.headers.get("retry-after")) : undefined;
  return {
    ok: false,
    error: `HTTP ${outcome.status}${message ? `: ${message}` : ""}`,
    retryable: isRetryableStatus(outcome.status),
    ...(outcome.status === 429 && { throttled: true }),
    ...(wait && { retryAfterSeconds: wait }),
  };
}

/** Checkout Pro preferences over fetch. Amounts as decimals: 1234.56 BRL is sent as 1234.56. */
export function createMercadoPagoProvider(apiBase: string, http: HttpClient): PaymentProvider<"mercadopago"> {
  const base = apiBase.replace(/\/+$/, "");
  // by a hash of the token, so that no token outlives the call that used it
  const accountCurrency = new Map<string, { currency: CurrencyCode; until: number }>();
  const me = (config: MercadoPagoConfig) =>
    requestJson(http, `${base}/users/me`, { headers: headers(config) }).then((outcome) =>
      answer(outcome, (body) => (isObject(body) && body.id !== undefined ? body : undefined)),
    );
  return {
    provider: "mercadopago",

    async currencies(config) {
      const key = createHash("sha256").update(config.accessToken).digest("hex");
      const cached = accountCurrency.get(key);
      if (cached && cached.until > Date.now()) return [cached.currency];
      const result = await me(config);
      const site = result.ok && typeof result.value.site_id === "string" ? result.value.site_id : "";
      const currency = mercadoPagoSiteCurrencies[site];
      if (!currency) return [mercadoPagoDefaultCurrency];
      accountCurrency.set(key, { currency, until: Date.now() + siteCacheMs });
      return [currency];
    },

    async createCheckout(config, request) {
      const amountPlaceholder = decimalPlaceholder();
      const body = jsonWithDecimals(
        {
          items: [
            {
              id: request.paymentId,
              title: request.description,
              quantity: 1,
              currency_id: request.amount.currency,
              unit_price: amountPlaceholder,
            },
          ],
          external_reference: request.paymentId,
          metadata: { payment_id: request.paymentId },
          notification_url: request.notificationUrl,
          back_urls: { success: request.returnUrl, pending: request.returnUrl, failure: request.returnUrl },
          expires: true,
          expiration_date_to: request.expiresAt.toISOString(),
        },
        { [amountPlaceholder]: request.amount.amount },
      );
      const outcome = await requestJson(http, `${base}/checkout/preferences`, {
        method: "POST",
        headers: headers(config, `preference-${request.paymentId}`),
        body,
      });
      return answer(outcome, (preference) => {
        if (
          !isObject(preference) ||
          typeof preference.id !== "string" ||
          typeof preference.init_point !== "string"
        ) {
          return undefined;
        }
        const expires =
          typeof preference.expiration_date_to === "string" ? new Date(preference.expiration_date_to) : null;
        return {
          providerReference: preference.id,
          paymentLink: preference.init_point,
          expiresAt: expires && !Number.isNaN(expires.getTime()) ? expires : null,
        };
      });
    },

    /**
     * https://www.mercadopago.com.br/developers/en/reference/online-payments/checkout-pro/preferences/update-preference/put:
     * a preference whose `expiration_date_to` has passed can no longer be paid.
     */
    async expireCheckout(config, providerReference) {
      const outcome = await requestJson(
        http,
        `${base}/checkout/preferences/${encodeURIComponent(providerReference)}`,
        {
          method: "PUT",
          headers: headers(config),
          body: JSON.stringify({
            expires: true,
            expiration_date_to: new Date(Date.now() - 1000).toISOString(),
          }),
        },
      );
      const result = answer(outcome, (preference) => (isObject(preference) ? preference : undefined));
      return result.ok ? { ok: true, value: undefined } : result;
    },

    async refund(config, request) {
      const amountPlaceholder = decimalPlaceholder();
      const outcome = await requestJson(
        http,
        `${base}/v1/payments/${encodeURIComponent(request.providerPaymentId)}/refunds`,
        {
          method: "POST",
          headers: headers(config, request.idempotencyKey),
          body: jsonWithDecimals(
            { amount: amountPlaceholder },
            { [amountPlaceholder]: request.amount.amount },
          ),
        },
      );
      // like a send, a refund may have been made though no answer says so; asked again with its key it is not
      // made twice (`dedupes`), so such an answer is retryable
      if (!outcome.reached) return unanswered(outcome, true);
      const result = answer(outcome, (refund) => {
        if (!isObject(refund) || refund.id === undefined) return undefined;
        const amount = decimalOf(refund.amount);
        return {
          refundId: String(refund.id),
          amount: amount
            ? parseMoney(amount, request.amount.currency, "amount", { allowZeroPadding: true })
            : request.amount,
        };
      });
      if (result.ok) return result;
      // made, but what it says cannot be read; or a failure on the provider's side (5xx), which may have come
      // after the refund was made
      if (outcome.status < 300 || outcome.status >= 500) {
        return { ...result, retryable: true, outcomeUnknown: true };
      }
      return sendFailure(outcome, result, true);
    },

    async fetchPayment(config, providerPaymentId) {
      const outcome = await requestJson(
        http,
        `${base}/v1/payments/${encodeURIComponent(providerPaymentId)}`,
        {
          headers: headers(config),
        },
      );
      return answer(outcome, mercadoPagoPaymentSnapshot);
    },

    async whoAmI(config) {
      const result = await me(config);
      if (!result.ok) return { ok: false, error: result.error };
      const nickname =
        typeof result.value.nickname === "string" ? result.value.nickname : String(result.value.id);
      return { ok: true, identity: `Mercado Pago ${nickname}` };
    },

    /**
     * https://www.mercadopago.com.br/developers/en/docs/your-integrations/notifications/webhooks:
     * x-signature "ts=...,v1=..." where v1 = HMAC-SHA256 of "id:<data.id>;request-id:<x-request-id>;ts:<ts>;".
     */
    verify(request, config) {
      const signature = header(request.headers, "x-signature");
      const requestId = header(request.headers, "x-request-id");
      const secret = config.webhookSecret;
      // no secret yet: nothing can be verified, so nothing is accepted
      if (!signature || !requestId || !secret) return false;
      const parts = signatureParts(signature);
      const ts = parts.find(([key]) => key === "ts")?.[1];
      const v1 = parts.find(([key]) => key === "v1")?.[1];
      if (!ts || !v1 || !isFresh(ts, request.now)) return false;
      let payload: unknown;
      try {
        payload = JSON.parse(Buffer.from(request.rawBody).toString("utf8"));
      } catch {
        return false;
      }
      const dataId = mercadoPagoDataId(payload);
      if (!dataId) return false;
      const manifest = `id:${dataId};request-id:${requestId};ts:${ts};`;
      return sameHexDigest(hmacHex(secret, manifest), v1);
    },

    eventId: mercadoPagoEventId,
    parse: parseMercadoPagoNotification,
  };
}
