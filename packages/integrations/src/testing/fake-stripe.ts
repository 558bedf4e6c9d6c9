import { createHmac, randomBytes } from "node:crypto";
import type { StripeConfig } from "@crm/domain";
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

export interface FakeStripeSession {
  id: string;
  object: "checkout.session";
  mode: "payment";
  url: string;
  status: "open" | "complete" | "expired";
  payment_status: "unpaid" | "paid";
  amount_total: number;
  currency: string;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  payment_intent: string | null;
  expires_at: number;
  /** What the SDK sent, form fields as Stripe reads them. */
  form: Record<string, string>;
}

export interface FakeStripe extends FakeProvider {
  /** Pass as STRIPE_API_BASE. */
  apiBase: string;
  /** With its webhook secret, as the endpoint a test registers would have. */
  config: Required<StripeConfig>;
  sessions: Map<string, FakeStripeSession>;
  refunds: Array<{ id: string; payment_intent: string; amount: number; currency: string }>;
  /** The customer paid: the session completes with a PaymentIntent. Throws for an expired session, as Checkout refuses it. */
  pay(sessionId: string): FakeStripeSession;
  /** A Stripe event around an object, as webhooks deliver it. */
  event(
    type: string,
    object: unknown,
  ): { id: string; object: "event"; type: string; data: { object: unknown } };
  /** The charge of a paid session, with the amount refunded so far. */
  charge(sessionId: string): Record<string, unknown>;
  signedWebhook(event: unknown, options?: { timestamp?: number; secret?: string }): SignedWebhook;
}

const stripeError = (status: number, type: string, message: string): FakeResponse => ({
  status,
  json: { error: { type, message } },
});

const failures: Record<FakeFailure, FakeResponse> = {
  401: stripeError(401, "invalid_request_error", "Invalid API Key provided"),
  429: { ...stripeError(429, "rate_limit_error", "Too many requests"), headers: { "retry-after": "7" } },
  500: stripeError(500, "api_error", "Something went wrong on Stripe's end"),
};

/** The SDK posts application/x-www-form-urlencoded with bracketed keys: line_items[0][price_data][unit_amount]. */
const formOf = (request: RecordedRequest): Record<string, string> =>
  Object.fromEntries(new URLSearchParams(request.body));

/** Stripe-Signature: t=<unix seconds>,v1=<HMAC-SHA256 of "t.body">. */
export function signedStripeWebhook(
  event: unknown,
  secret: string,
  timestamp = Math.floor(Date.now() / 1000),
): SignedWebhook {
  const body = bodyOf(event);
  const v1 = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return {
    body,
    headers: { "content-type": "application/json", "stripe-signature": `t=${timestamp},v1=${v1}` },
  };
}

/** The calls our adapter makes through the SDK: checkout sessions, refunds, balance, payment intents. */
export async function startFakeStripe(options: Partial<StripeConfig> = {}): Promise<FakeStripe> {
  const config: Required<StripeConfig> = {
    secretKey: options.secretKey ?? `sk_test_${randomBytes(12).toString("hex")}`,
    webhookSecret: options.webhookSecret ?? `whsec_${randomBytes(16).toString("hex")}`,
  };
  const sessions = new Map<string, FakeStripeSession>();
  const refunds: FakeStripe["refunds"] = [];
  const refundsByKey = new Map<string, Record<string, unknown>>();
  let origin = "";

  const route = (request: RecordedRequest): FakeResponse | undefined => {
    if (bearerOf(request) !== config.secretKey) return failures[401];
    const form = formOf(request);
    if (request.method === "GET" && request.path === "/v1/balance") {
      return {
        json: {
          object: "balance",
          // as Stripe answers: a live key's calls are live ones
          livemode: config.secretKey.startsWith("sk_live_"),
          available: [{ amount: 0, currency: "brl", source_types: { card: 0 } }],
          pending: [{ amount: 0, currency: "brl", source_types: { card: 0 } }],
        },
      };
    }
    if (request.method === "POST" && request.path === "/v1/checkout/sessions") {
      const id = fakeId("cs_test_");
      const session: FakeStripeSession = {
        id,
        object: "checkout.session",
        mode: "payment",
        url: `${origin}/c/pay/${id}`,
        status: "open",
        payment_status: "unpaid",
        amount_total: Number(form["line_items[0][price_data][unit_amount]"] ?? 0),
        currency: form["line_items[0][price_data][currency]"] ?? "usd",
        client_reference_id: form.client_reference_id ?? null,
        metadata: { paymentId: form["metadata[paymentId]"] ?? "" },
        payment_intent: null,
        expires_at: Number(form.expires_at ?? Math.floor(Date.now() / 1000) + 86_400),
        form,
      };
      sessions.set(id, session);
      const { form: _form, ...json } = session;
      return { json };
    }
    const expireMatch = request.path.match(/^\/v1\/checkout\/sessions\/([^/]+)\/expire$/);
    if (request.method === "POST" && expireMatch) {
      const session = sessions.get(decodeURIComponent(expireMatch[1] ?? ""));
      if (!session) {
        return stripeError(404, "invalid_request_error", `No such checkout.session: '${expireMatch[1]}'`);
      }
      if (session.status !== "open") {
        return stripeError(
          400,
          "invalid_request_error",
          `This Checkout Session is ${session.status} and can no longer be expired: only an open one can.`,
        );
      }
      session.status = "expired";
      const { form: _form, ...json } = session;
      return { json };
    }
    if (request.method === "POST" && request.path === "/v1/refunds") {
      // as Stripe does: a retried request with the same Idempotency-Key gets the first answer, refunding once
      const key = request.headers["idempotency-key"];
      const replayed = key === undefined ? undefined : refundsByKey.get(key);
      if (replayed) return { json: replayed, headers: { "idempotent-replayed": "true" } };
      const intent = form.payment_intent ?? "";
      const session = [...sessions.values()].find((s) => s.payment_intent === intent);
      if (!session) return stripeError(404, "invalid_request_error", `No such payment_intent: '${intent}'`);
      const refunded = refunds
        .filter((r) => r.payment_intent === intent)
        .reduce((sum, r) => sum + r.amount, 0);
      const amount = Number(form.amount ?? session.amount_total - refunded);
      if (amount > session.amount_total - refunded) {
        return stripeError(400, "invalid_request_error", "Refund amount is greater than unrefunded amount");
      }
      const refund = { id: fakeId("re_"), payment_intent: intent, amount, currency: session.currency };
      refunds.push(refund);
      const json = { ...refund, object: "refund", status: "succeeded" };
      if (key !== undefined) refundsByKey.set(key, json);
      return { json };
    }
    const intentMatch = request.path.match(/^\/v1\/payment_intents\/([^/]+)$/);
    if (request.method === "GET" && intentMatch) {
      const session = [...sessions.values()].find((s) => s.payment_intent === intentMatch[1]);
      if (!session) return stripeError(404, "invalid_request_error", "No such payment_intent");
      return {
        json: {
          id: session.payment_intent,
          object: "payment_intent",
          status: "succeeded",
          metadata: session.metadata,
        },
      };
    }
    return undefined;
  };

  const fake = await startFakeServer({
    route,
    failure: (failure) => failures[failure],
    notFound: (request) =>
      stripeError(
        404,
        "invalid_request_error",
        `Unrecognized request URL (${request.method}: ${request.path})`,
      ),
  });
  origin = fake.origin;

  const sessionOf = (sessionId: string): FakeStripeSession => {
    const session = sessions.get(sessionId);
    if (!session) throw new Error(`No fake Checkout Session ${sessionId}`);
    return session;
  };

  return {
    ...fake,
    apiBase: fake.origin,
    config,
    sessions,
    refunds,
    pay(sessionId) {
      const session = sessionOf(sessionId);
      if (session.status === "expired")
        throw new Error(`Checkout Session ${sessionId} expired: it cannot be paid`);
      session.status = "complete";
      session.payment_status = "paid";
      session.payment_intent ??= fakeId("pi_");
      return session;
    },
    event: (type, object) => ({
      id: fakeId("evt_"),
      object: "event",
      type,
      api_version: "2026-10-28.endive",
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: { object },
    }),
    charge(sessionId) {
      const session = sessionOf(sessionId);
      const refunded = refunds
        .filter((r) => r.payment_intent === session.payment_intent)
        .reduce((sum, r) => sum + r.amount, 0);
      return {
        id: fakeId("ch_"),
        object: "charge",
        amount: session.amount_total,
        amount_refunded: refunded,
        currency: session.currency,
        payment_intent: session.payment_intent,
        refunded: refunded === session.amount_total,
        metadata: {},
      };
    },
    signedWebhook: (event, signing = {}) =>
      signedStripeWebhook(event, signing.secret ?? config.webhookSecret, signing.timestamp),
  };
}
