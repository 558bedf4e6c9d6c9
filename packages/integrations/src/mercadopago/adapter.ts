import {
  type CurrencyCode,
  type MercadoPagoConfig,
  type PaymentProvider,
  type ProviderResult,
  parseMoney,
} from "@crm/domain";
import { type HttpClient, type HttpOutcome, isRetryableStatus, requestJson } from "../shared/http";
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

/** The currencies Mercado Pago's Checkout Pro takes (one per country it runs in). */
export const mercadoPagoCurrencies: readonly CurrencyCode[] = [
  "BRL",
  "ARS",
  "CLP",
  "COP",
  "MXN",
  "PEN",
  "UYU",
];

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
  return {
    ok: false,
    error: `HTTP ${outcome.status}${message ? `: ${message}` : ""}`,
    retryable: isRetryableStatus(outcome.status),
  };
}

/** Checkout Pro preferences over fetch. Amounts as decimals: 1234.56 BRL is sent as 1234.56. */
export function createMercadoPagoProvider(apiBase: string, http: HttpClient): PaymentProvider<"mercadopago"> {
  const base = apiBase.replace(/\/+$/, "");
  return {
    provider: "mercadopago",
    supportsCurrency: (currency) => mercadoPagoCurrencies.includes(currency),

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
      return answer(outcome, (refund) => {
        if (!isObject(refund) || refund.id === undefined) return undefined;
        const amount = decimalOf(refund.amount);
        return {
          refundId: String(refund.id),
          amount: amount
            ? parseMoney(amount, request.amount.currency, "amount", { allowZeroPadding: true })
            : request.amount,
        };
      });
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
      const result = answer(
        await requestJson(http, `${base}/users/me`, { headers: headers(config) }),
        (me) => (isObject(me) && me.id !== undefined ? me : undefined),
      );
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
      if (!signature || !requestId) return false;
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
      return sameHexDigest(hmacHex(config.webhookSecret, manifest), v1);
    },

    eventId: mercadoPagoEventId,
    parse: parseMercadoPagoNotification,
  };
}
