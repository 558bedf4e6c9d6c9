import type { integration } from "@crm/contracts";
import { postWebhook } from "@crm/integrations/testing";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { createPaymentOk, paymentWorkspace, usePaymentsTestbed, waitForPayment } from "./payment-fixtures";

type IntegrationDto = z.output<typeof integration>;

const bed = usePaymentsTestbed();

const logsOf = (integrationId: string) =>
  bed.api.container.db.db
    .selectFrom("webhook_logs")
    .select(["id", "status"])
    .where("integration_id", "=", integrationId)
    .execute();

const getIntegration = async (token: string, id: string) =>
  (await bed.api.rest<IntegrationDto>("GET", `/integrations/${id}`, { token })).body;

const addSecret = (token: string, id: string, webhookSecret: string) =>
  bed.api.rest<IntegrationDto>("PATCH", `/integrations/${id}`, {
    token,
    body: { config: { webhookSecret } },
  });

describe("a payment integration connected before its webhook secret exists", () => {
  it("Stripe: connects without it, refuses links and webhooks (503, nothing stored) until it is pasted", async () => {
    const { secretKey, webhookSecret } = bed.stripe.config;
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "stripe", { secretKey });
    const connected = await getIntegration(token, integrationId);
    expect(connected.webhookConfigured).toBe(false);
    expect(connected.config).not.toHaveProperty("webhookSecret");

    const link = await bed.api.rest<{ message: string }>("POST", "/payments", {
      token,
      body: { dealId: deal.id },
    });
    expect(link.status).toBe(422);
    expect(link.body.message).toContain("webhook secret");

    const early = bed.stripe.event("checkout.session.completed", {
      id: "cs_test_early",
      object: "checkout.session",
    });
    const refused = await postWebhook(bed.stripeHook(integrationId), bed.stripe.signedWebhook(early));
    expect(refused.status).toBe(503);
    expect(await logsOf(integrationId)).toEqual([]);

    const patched = await addSecret(token, integrationId, webhookSecret);
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.webhookConfigured).toBe(true);

    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const session = bed.stripe.pay(created.providerReference ?? "");
    const paid = await postWebhook(
      bed.stripeHook(integrationId),
      bed.stripe.signedWebhook(bed.stripe.event("checkout.session.completed", session)),
    );
    expect(paid.status).toBe(200);
    await waitForPayment(bed.api, token, created.id, { status: "paid" });
  });

  it("Mercado Pago: connects without it; a notification is refused with 503 before and stored after", async () => {
    const { accessToken, webhookSecret } = bed.mp.config;
    const { token, integrationId } = await paymentWorkspace(bed.api, "mercadopago", { accessToken });
    expect((await getIntegration(token, integrationId)).webhookConfigured).toBe(false);

    const notification = bed.mp.notification(1_777_000_001);
    const refused = await postWebhook(bed.mpHook(integrationId), bed.mp.signedWebhook(notification));
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).not.toBeNull();
    expect(await logsOf(integrationId)).toEqual([]);

    expect((await addSecret(token, integrationId, webhookSecret)).status).toBe(200);
    const retried = await postWebhook(bed.mpHook(integrationId), bed.mp.signedWebhook(notification));
    expect(retried.status).toBe(200);
    expect(await logsOf(integrationId)).toHaveLength(1);
  });
});
