import type { payment } from "@crm/contracts";
import type { PaymentProviderName } from "@crm/domain";
import {
  type FakeMercadoPago,
  type FakeStripe,
  postWebhook,
  startFakeMercadoPago,
  startFakeStripe,
} from "@crm/integrations/testing";
import { afterAll, beforeAll, expect, vi } from "vitest";
import type { z } from "zod";
import { startTestApi, type TestApi } from "../../testing/harness";
import { createDeal, workspace } from "../deals/deal-fixtures";

export type PaymentDto = z.output<typeof payment>;

/** Connects a payment provider through `POST /integrations`, as an owner would. */
export async function connectProvider(
  api: TestApi,
  ownerToken: string,
  provider: PaymentProviderName,
  config: object,
): Promise<string> {
  const res = await api.rest<{ id: string }>("POST", "/integrations", {
    token: ownerToken,
    body: { channel: provider, name: `${provider} vendas`, config },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

/** An owner with a contact, a deal worth `value` and the given provider connected. */
export async function paymentWorkspace(
  api: TestApi,
  provider: PaymentProviderName,
  config: object,
  value: { amount: string; currency?: string } = { amount: "1234.56", currency: "BRL" },
) {
  const { owner, token, contactId, pipeline } = await workspace(api);
  const stage = pipeline.stages[0];
  if (!stage) throw new Error("no stage");
  const deal = await createDeal(api, token, { contactId, pipelineId: pipeline.id, stage: stage.id, value });
  const integrationId = await connectProvider(api, token, provider, config);
  return { owner, token, contactId, pipeline, deal, integrationId };
}

export async function createPaymentOk(api: TestApi, token: string, body: Record<string, unknown>) {
  const res = await api.rest<PaymentDto>("POST", "/payments", { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

export async function waitForPayment(
  api: TestApi,
  token: string,
  id: string,
  expected: Partial<PaymentDto>,
): Promise<PaymentDto> {
  let found: PaymentDto | undefined;
  await vi.waitFor(
    async () => {
      const res = await api.rest<PaymentDto>("GET", `/payments/${id}`, { token });
      found = res.body;
      expect(res.body).toMatchObject(expected);
    },
    { timeout: 20_000, interval: 50 },
  );
  if (!found) throw new Error("unreachable");
  return found;
}

/** Waits until every webhook log of the integration was processed (nothing pending or retrying). */
export async function waitForLogsProcessed(
  api: TestApi,
  integrationId: string,
  count: number,
): Promise<void> {
  await vi.waitFor(
    async () => {
      const rows = await api.container.db.db
        .selectFrom("webhook_logs")
        .select(["status"])
        .where("integration_id", "=", integrationId)
        .execute();
      expect(rows).toHaveLength(count);
      expect(rows.every((row) => row.status === "success")).toBe(true);
    },
    { timeout: 20_000, interval: 50 },
  );
}

export interface PaymentsTestbed {
  api: TestApi;
  stripe: FakeStripe;
  mp: FakeMercadoPago;
  stripeHook(integrationId: string): string;
  mpHook(integrationId: string): string;
  close(): Promise<void>;
}

/** The API (with its worker) pointed at fake Stripe and Mercado Pago servers, plus more env if given. */
export async function startPaymentsTestbed(env: Record<string, string> = {}): Promise<PaymentsTestbed> {
  const stripe = await startFakeStripe();
  const mp = await startFakeMercadoPago();
  const api = await startTestApi({
    STRIPE_API_BASE: stripe.apiBase,
    MERCADOPAGO_API_BASE: mp.apiBase,
    EMBEDDED_WORKER: "true",
    ...env,
  });
  return {
    api,
    stripe,
    mp,
    stripeHook: (integrationId) => `${api.baseUrl}/webhooks/stripe/${integrationId}`,
    mpHook: (integrationId) => `${api.baseUrl}/webhooks/mercadopago/${integrationId}`,
    async close() {
      await api.close();
      await stripe.close();
      await mp.close();
    },
  };
}

/** One testbed for the whole test file, started before its tests and closed after them. */
export function usePaymentsTestbed(): PaymentsTestbed {
  let bed: PaymentsTestbed | undefined;
  beforeAll(async () => {
    bed = await startPaymentsTestbed();
  }, 60_000);
  afterAll(() => bed?.close());
  const started = () => {
    if (!bed) throw new Error("usePaymentsTestbed: the testbed starts in beforeAll");
    return bed;
  };
  return {
    get api() {
      return started().api;
    },
    get stripe() {
      return started().stripe;
    },
    get mp() {
      return started().mp;
    },
    stripeHook: (integrationId) => started().stripeHook(integrationId),
    mpHook: (integrationId) => started().mpHook(integrationId),
    close: () => started().close(),
  };
}

export const paymentOf = async (api: TestApi, token: string, id: string) =>
  (await api.rest<PaymentDto>("GET", `/payments/${id}`, { token })).body;

/** Pays a Stripe payment through a signed `checkout.session.completed` and waits until it is paid. */
export async function payThroughStripe(
  bed: PaymentsTestbed,
  token: string,
  integrationId: string,
  created: PaymentDto,
) {
  const session = bed.stripe.pay(created.providerReference ?? "");
  const res = await postWebhook(
    bed.stripeHook(integrationId),
    bed.stripe.signedWebhook(bed.stripe.event("checkout.session.completed", session)),
  );
  expect(res.status).toBe(200);
  await waitForPayment(bed.api, token, created.id, { status: "paid" });
  return session;
}
