import { createHmac, randomBytes } from "node:crypto";
import type { MercadoPagoConfig } from "@crm/domain";
import {
  bearerOf,
  bodyOf,
  type FakeFailure,
  type FakeProvider,
  type FakeResponse,
  fakeId,
  type RecordedRequest,
  type SignedWebhook,
  startFakeServer,
} from "./fake-server";

export interface FakeMercadoPagoPayment {
  id: number;
  status: string;
  status_detail: string;
  external_reference: string | null;
  transaction_amount: number;
  transaction_amount_refunded: number;
  currency_id: string;
}

export interface FakeMercadoPago extends FakeProvider {
  /** Pass as MERCADOPAGO_API_BASE. */
  apiBase: string;
  /** With its webhook secret, as the webhook a test registers would have. */
  config: Required<MercadoPagoConfig>;
  /** Preferences as received (raw JSON text kept in `requests`). */
  preferences: Map<string, Record<string, unknown>>;
  payments: Map<string, FakeMercadoPagoPayment>;
  /**
   * The customer paid a preference (or its status changed): what GET /v1/payments/{id} answers from now on. Throws
   * for a preference whose expiry an update moved into the past, as the checkout refuses it. `statusDetail` is why
   * (e.g. cc_rejected_insufficient_amount for a rejected card); "accredited" for an approved payment by default.
   */
  setPayment(
    preferenceId: string,
    status: string,
    paymentId?: number,
    statusDetail?: string,
  ): FakeMercadoPagoPayment;
  /** A webhook notification naming a payment, as Mercado Pago sends it. */
  notification(paymentId: number | string, action?: string): Record<string, unknown>;
  signedWebhook(
    notification: Record<string, unknown>,
    options?: { ts?: number; secret?: string; requestId?: string },
  ): SignedWebhook;
}

const mpError = (status: number, error: string, message: string): FakeResponse => ({
  status,
  json: { message, error, status, cause: [] },
});

const failures: Record<FakeFailure, FakeResponse> = {
  401: mpError(401, "unauthorized", "invalid access token"),
  429: mpError(429, "too_many_requests", "Too many requests"),
  500: mpError(500, "internal_error", "Internal server error"),
};

/** x-signature: ts=<unix>,v1=<HMAC-SHA256 of "id:<data.id>;request-id:<x-request-id>;ts:<ts>;">. */
export function signedMercadoPagoWebhook(
  notification: Record<string, unknown>,
  secret: string,
  options: { ts?: number; requestId?: string } = {},
): SignedWebhook {
  const ts = options.ts ?? Math.floor(Date.now() / 1000);
  const requestId = options.requestId ?? randomBytes(8).toString("hex");
  const data = notification.data as { id?: unknown } | undefined;
  const dataId = String(data?.id ?? "").toLowerCase();
  const v1 = createHmac("sha256", secret)
    .update(`id:${dataId};request-id:${requestId};ts:${ts};`)
    .digest("hex");
  return {
    body: bodyOf(notification),
    headers: {
      "content-type": "application/json",
      "x-signature": `ts=${ts},v1=${v1}`,
      "x-request-id": requestId,
    },
  };
}

/** Checkout Pro: preferences, payments (GET, refunds) and users/me. */
export async function startFakeMercadoPago(
  options: Partial<MercadoPagoConfig> & { siteId?: string } = {},
): Promise<FakeMercadoPago> {
  const siteId = options.siteId ?? "MLB";
  const config: Required<MercadoPagoConfig> = {
    accessToken: options.accessToken ?? `TEST-${randomBytes(16).toString("hex")}`,
    webhookSecret: options.webhookSecret ?? randomBytes(16).toString("hex"),
  };
  const preferences = new Map<string, Record<string, unknown>>();
  const payments = new Map<string, FakeMercadoPagoPayment>();
  const refundsByKey = new Map<string, Record<string, unknown>>();
  let origin = "";
  let nextPaymentId = 1_300_000_000 + Math.floor(Math.random() * 1e6);
  let nextNotificationId = 100_000;

  const route = (request: RecordedRequest): FakeResponse | undefined => {
    if (bearerOf(request) !== config.accessToken) return failures[401];
    if (request.method === "GET" && request.path === "/users/me") {
      return {
        json: { id: 123456789, nickname: "TESTUSER123", email: "test_user@testuser.com", site_id: siteId },
      };
    }
    if (request.method === "POST" && request.path === "/checkout/preferences") {
      const body = request.json as Record<string, unknown>;
      const id = `123456789-${fakeId()}`;
      const preference = {
        ...body,
        id,
        collector_id: 123456789,
        init_point: `${origin}/checkout/v1/redirect?pref_id=${id}`,
        sandbox_init_point: `${origin}/checkout/v1/redirect?pref_id=${id}&sandbox=true`,
        date_created: new Date().toISOString(),
      };
      preferences.set(id, preference);
      return { status: 201, json: preference };
    }
    const preferenceMatch = request.path.match(/^\/checkout\/preferences\/([^/]+)$/);
    if (request.method === "PUT" && preferenceMatch) {
      const id = decodeURIComponent(preferenceMatch[1] ?? "");
      const preference = preferences.get(id);
      if (!preference) return mpError(404, "invalid_id", "preference_id not found");
      const changes = request.json as Record<string, unknown> | undefined;
      if (!changes || typeof changes !== "object") return mpError(400, "bad_request", "invalid body");
      const to = changes.expiration_date_to;
      if (to !== undefined && (typeof to !== "string" || Number.isNaN(Date.parse(to)))) {
        return mpError(400, "invalid_expiration_date_to", "expiration_date_to invalid.");
      }
      Object.assign(preference, changes);
      return { json: preference };
    }
    const refundMatch = request.path.match(/^\/v1\/payments\/([^/]+)\/refunds$/);
    if (request.method === "POST" && refundMatch) {
      // a retried request with the same X-Idempotency-Key gets the first answer: one refund
      const key = request.headers["x-idempotency-key"];
      const replayed = key === undefined ? undefined : refundsByKey.get(key);
      if (replayed) return { status: 201, json: replayed };
      const payment = payments.get(refundMatch[1] ?? "");
      if (!payment) return mpError(404, "not_found", "Payment not found");
      const body = request.json as { amount?: number } | undefined;
      const left = Math.round((payment.transaction_amount - payment.transaction_amount_refunded) * 100);
      const cents = body?.amount === undefined ? left : Math.round(body.amount * 100);
      if (cents > left) return mpError(400, "bad_request", "Invalid refund amount");
      payment.transaction_amount_refunded =
        (Math.round(payment.transaction_amount_refunded * 100) + cents) / 100;
      if (cents === left) payment.status = "refunded";
      const json = { id: nextPaymentId++, payment_id: payment.id, amount: cents / 100, status: "approved" };
      if (key !== undefined) refundsByKey.set(key, json);
      return { status: 201, json };
    }
    const paymentMatch = request.path.match(/^\/v1\/payments\/([^/]+)$/);
    if (request.method === "GET" && paymentMatch) {
      const payment = payments.get(paymentMatch[1] ?? "");
      return payment ? { json: payment } : mpError(404, "not_found", "Payment not found");
    }
    return undefined;
  };

  const fake = await startFakeServer({
    route,
    failure: (failure) => failures[failure],
    notFound: () => mpError(404, "not_found", "resource not found"),
  });
  origin = fake.origin;

  return {
    ...fake,
    apiBase: fake.origin,
    config,
    preferences,
    payments,
    setPayment(preferenceId, status, paymentId, statusDetail) {
      const preference = preferences.get(preferenceId);
      if (!preference) throw new Error(`No fake preference ${preferenceId}`);
      const closedAt =
        preference.expires === true ? Date.parse(String(preference.expiration_date_to)) : Number.NaN;
      const updated = fake.requests.some(
        (r) => r.method === "PUT" && r.path === `/checkout/preferences/${encodeURIComponent(preferenceId)}`,
      );
      if (updated && closedAt <= Date.now())
        throw new Error(`Preference ${preferenceId} expired: it cannot be paid`);
      const item = (preference.items as Array<{ unit_price: number; currency_id: string }>)[0];
      const id = paymentId ?? nextPaymentId++;
      const existing = payments.get(String(id));
      const payment: FakeMercadoPagoPayment = {
        id,
        status,
        status_detail: statusDetail ?? (status === "approved" ? "accredited" : status),
        external_reference: (preference.external_reference as string | undefined) ?? null,
        transaction_amount: item?.unit_price ?? 0,
        transaction_amount_refunded: existing?.transaction_amount_refunded ?? 0,
        currency_id: item?.currency_id ?? "BRL",
      };
      payments.set(String(id), payment);
      return payment;
    },
    notification: (paymentId, action = "payment.updated") => ({
      id: nextNotificationId++,
      live_mode: false,
      type: "payment",
      date_created: new Date().toISOString(),
      user_id: 123456789,
      api_version: "v1",
      action,
      data: { id: String(paymentId) },
    }),
    signedWebhook: (notification, signing = {}) =>
      signedMercadoPagoWebhook(notification, signing.secret ?? config.webhookSecret, signing),
  };
}
