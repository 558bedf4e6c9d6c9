import type { integration, integrationTestResult, webhookLog } from "@crm/contracts";
import { postWebhook } from "@crm/integrations/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import type { TestApi } from "../../testing/harness";
import {
  createPaymentOk,
  type PaymentDto,
  type PaymentsTestbed,
  paymentWorkspace,
  startPaymentsTestbed,
  waitForPayment,
} from "./payment-fixtures";

type IntegrationDto = z.output<typeof integration>;
type TestResultDto = z.output<typeof integrationTestResult>;
type WebhookLogDto = z.output<typeof webhookLog>;
interface ErrorDto {
  data: { fieldErrors: Record<string, string[]> | null };
}

let bed: PaymentsTestbed;
let owner: Awaited<ReturnType<TestApi["register"]>>;

beforeAll(async () => {
  bed = await startPaymentsTestbed();
  owner = await bed.api.register();
}, 60_000);
afterAll(() => bed?.close());

const connect = (channel: string, config: Record<string, string>, token = owner.token) =>
  bed.api.rest<IntegrationDto & ErrorDto>("POST", "/integrations", {
    token,
    body: { channel, name: `${channel} cobranças`, config },
  });

const test = (id: string) =>
  bed.api.rest<TestResultDto>("POST", `/integrations/${id}/test`, { token: owner.token, body: {} });

const storedConfigOf = async (id: string) =>
  (
    await bed.api.container.db.db
      .selectFrom("integrations")
      .select("config")
      .where("id", "=", id)
      .executeTakeFirstOrThrow()
  ).config;

describe("payment providers as integrations", () => {
  it("connects Stripe: secrets encrypted at rest, masked in the answer, its webhook URL given", async () => {
    const res = await connect("stripe", { ...bed.stripe.config });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const id = res.body.id;
    expect(res.body).toMatchObject({
      channel: "stripe",
      isActive: true,
      config: {
        secretKey: `••••${bed.stripe.config.secretKey.slice(-4)}`,
        webhookSecret: `••••${bed.stripe.config.webhookSecret.slice(-4)}`,
      },
      webhookUrl: `http://localhost:3000/webhooks/stripe/${id}`,
    });
    const stored = JSON.stringify(await storedConfigOf(id));
    expect(stored).not.toContain(bed.stripe.config.secretKey);
    expect(stored).not.toContain(bed.stripe.config.webhookSecret);

    const listed = await bed.api.rest<{ items: IntegrationDto[] }>("GET", "/integrations?channel=stripe", {
      token: owner.token,
    });
    expect(listed.body.items.map((item) => item.id)).toEqual([id]);
    const got = await bed.api.rest<IntegrationDto>("GET", `/integrations/${id}`, { token: owner.token });
    expect(JSON.stringify(got.body)).not.toContain(bed.stripe.config.secretKey);
  });

  it("connects Mercado Pago the same way", async () => {
    const res = await connect("mercadopago", { ...bed.mp.config });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.config).toEqual({
      accessToken: `••••${bed.mp.config.accessToken.slice(-4)}`,
      webhookSecret: `••••${bed.mp.config.webhookSecret.slice(-4)}`,
    });
    expect(res.body.webhookUrl).toBe(`http://localhost:3000/webhooks/mercadopago/${res.body.id}`);
    expect(JSON.stringify(await storedConfigOf(res.body.id))).not.toContain(bed.mp.config.accessToken);
  });

  it("names each wrong or missing setting", async () => {
    const publishable = await connect("stripe", {
      secretKey: "pk_test_1234567890abcdef",
      webhookSecret: "whsec_123",
    });
    expect(publishable.status).toBe(400);
    expect(Object.keys(publishable.body.data.fieldErrors ?? {})).toEqual(
      expect.arrayContaining(["config.secretKey", "config.webhookSecret"]),
    );
    // the webhook secret may come later (payment-webhook-secret tests); the access token may not
    const missing = await connect("mercadopago", { webhookSecret: bed.mp.config.webhookSecret });
    expect(missing.status).toBe(400);
    expect(missing.body.data.fieldErrors).toHaveProperty(["config.accessToken"]);
    const foreign = await connect("stripe", {
      ...bed.stripe.config,
      botToken: "123456:abcdefghijklmnopqrstuvwxyz",
    });
    expect(foreign.status).toBe(400);
  });
});

describe("testing payment credentials against the provider", () => {
  it("Stripe: retrieves the balance through the SDK with the secret key", async () => {
    const { body } = await connect("stripe", { ...bed.stripe.config });
    const before = bed.stripe.requests.length;
    const res = await test(body.id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // no English of ours in the answer: the web app words the test mode in the user's language
    expect(res.body).toMatchObject({ ok: true, identity: null, mode: "test", error: null });
    expect(res.body.integration.lastTestedAt).not.toBeNull();
    const call = bed.stripe.requests.slice(before).find((r) => r.path === "/v1/balance");
    expect(call?.method).toBe("GET");
    expect(call?.headers.authorization).toBe(`Bearer ${bed.stripe.config.secretKey}`);
  });

  it("Stripe: reports a refused key as Stripe words it, and keeps it as lastTestError", async () => {
    const { body } = await connect("stripe", {
      ...bed.stripe.config,
      secretKey: "sk_test_revoked000000000000",
    });
    const res = await test(body.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: false, identity: null, error: "Invalid API Key provided" });
    const got = await bed.api.rest<IntegrationDto>("GET", `/integrations/${body.id}`, { token: owner.token });
    expect(got.body.lastTestError).toBe("Invalid API Key provided");
  });

  it("Mercado Pago: GET /users/me with the access token; a refused token is reported", async () => {
    const { body } = await connect("mercadopago", { ...bed.mp.config });
    const ok = await test(body.id);
    expect(ok.body).toMatchObject({
      ok: true,
      identity: "Mercado Pago TESTUSER123",
      mode: null,
      error: null,
    });
    const call = bed.mp.requests.filter((r) => r.path === "/users/me").at(-1);
    expect(call?.headers.authorization).toBe(`Bearer ${bed.mp.config.accessToken}`);

    const patched = await bed.api.rest("PATCH", `/integrations/${body.id}`, {
      token: owner.token,
      body: { config: { accessToken: "APP_USR-0000000000-revoked" } },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const refused = await test(body.id);
    expect(refused.body).toMatchObject({ ok: false, error: "HTTP 401: invalid access token" });
  });
});

describe("payment integrations and their webhooks", () => {
  it("a replaced webhook secret signs from then on; the provider's webhooks are listed with the integration", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "stripe", bed.stripe.config);
    const created: PaymentDto = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const event = bed.stripe.event(
      "checkout.session.completed",
      bed.stripe.pay(created.providerReference ?? ""),
    );
    const hook = bed.stripeHook(integrationId);
    const newSecret = "whsec_rotated0123456789abcdef";
    const patched = await bed.api.rest<IntegrationDto>("PATCH", `/integrations/${integrationId}`, {
      token,
      body: { config: { webhookSecret: newSecret } },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.config.secretKey).toBe(`••••${bed.stripe.config.secretKey.slice(-4)}`);
    expect((await postWebhook(hook, bed.stripe.signedWebhook(event))).status).toBe(401);
    expect((await postWebhook(hook, bed.stripe.signedWebhook(event, { secret: newSecret }))).status).toBe(
      200,
    );

    const logs = await bed.api.rest<{ items: WebhookLogDto[] }>(
      "GET",
      `/integrations/${integrationId}/webhook-logs`,
      { token },
    );
    expect(logs.status, JSON.stringify(logs.body)).toBe(200);
    expect(logs.body.items).toEqual([expect.objectContaining({ channel: "stripe", integrationId })]);
  });

  it("a notification whose lookup failed is processed again with the webhook-log retry", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "mercadopago", bed.mp.config);
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const paymentId = 1_999_000_001;
    // the API does not know the payment yet: a 404 is final for this attempt
    await postWebhook(bed.mpHook(integrationId), bed.mp.signedWebhook(bed.mp.notification(paymentId)));
    const logsUrl = `/integrations/${integrationId}/webhook-logs?status=failed`;
    let failed: WebhookLogDto | undefined;
    await vi.waitFor(
      async () => {
        const logs = await bed.api.rest<{ items: WebhookLogDto[] }>("GET", logsUrl, { token });
        failed = logs.body.items[0];
        expect(failed?.errorMessage).toContain("404");
      },
      { timeout: 15_000, interval: 50 },
    );
    expect((await bed.api.rest<PaymentDto>("GET", `/payments/${created.id}`, { token })).body.status).toBe(
      "pending",
    );

    bed.mp.setPayment(created.providerReference ?? "", "approved", paymentId);
    const retried = await bed.api.rest(
      "POST",
      `/integrations/${integrationId}/webhook-logs/${failed?.id}/retry`,
      {
        token,
        body: {},
      },
    );
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    await waitForPayment(bed.api, token, created.id, {
      status: "paid",
      providerPaymentId: String(paymentId),
    });
  });

  it("a deleted integration leaves its payments, no longer linked to it (a pending one expired)", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "mercadopago", bed.mp.config);
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const deleted = await bed.api.rest("DELETE", `/integrations/${integrationId}`, { token });
    expect(deleted.status).toBeLessThan(300);
    const payment = await bed.api.rest<PaymentDto>("GET", `/payments/${created.id}`, { token });
    expect(payment.body).toMatchObject({ id: created.id, integrationId: null, status: "expired" });
    const webhook = await postWebhook(
      bed.mpHook(integrationId),
      bed.mp.signedWebhook(bed.mp.notification(1)),
    );
    expect(webhook.status).toBe(404);
  });
});
