import { describe, expect, it } from "vitest";
import { connectProvider, createPaymentOk, paymentWorkspace, usePaymentsTestbed } from "./payment-fixtures";

const bed = usePaymentsTestbed();

describe("the connected payment providers", () => {
  it("are listed for an agent over REST and tRPC, names and ids only, active ones oldest first", async () => {
    const { token, integrationId } = await paymentWorkspace(bed.api, "stripe", bed.stripe.config);
    const mpId = await connectProvider(bed.api, token, "mercadopago", bed.mp.config);
    const paused = await connectProvider(bed.api, token, "stripe", bed.stripe.config);
    const off = await bed.api.rest("PATCH", `/integrations/${paused}`, { token, body: { isActive: false } });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    const agent = await bed.api.member(token, "agent");

    const rest = await bed.api.rest<{ items: unknown[] }>("GET", "/payments/providers", {
      token: agent.token,
    });
    expect(rest.status, JSON.stringify(rest.body)).toBe(200);
    expect(rest.body).toEqual({
      items: [
        {
          integrationId,
          provider: "stripe",
          name: "stripe vendas",
          currencies: expect.arrayContaining(["BRL", "USD", "EUR", "ARS"]),
          ready: true,
          reason: null,
        },
        // the account's own currency only, as its site (MLB) says
        {
          integrationId: mpId,
          provider: "mercadopago",
          name: "mercadopago vendas",
          currencies: ["BRL"],
          ready: true,
          reason: null,
        },
      ],
    });
    expect(JSON.stringify(rest.body)).not.toContain(bed.stripe.config.secretKey);
    expect(await bed.api.trpc(agent.token).payments.providers.query()).toEqual(rest.body);
  });

  it("say which cannot create a link until their webhook secret is pasted, as creating one answers", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "stripe", {
      secretKey: bed.stripe.config.secretKey,
    });
    const mpId = await connectProvider(bed.api, token, "mercadopago", {
      accessToken: bed.mp.config.accessToken,
    });
    const agent = await bed.api.member(token, "agent");
    const listed = async () =>
      (
        await bed.api.rest<{ items: Array<{ integrationId: string; ready: boolean; reason: unknown }> }>(
          "GET",
          "/payments/providers",
          { token: agent.token },
        )
      ).body.items.map(({ integrationId, ready, reason }) => ({ integrationId, ready, reason }));
    expect(await listed()).toEqual([
      { integrationId, ready: false, reason: "webhook_secret_missing" },
      { integrationId: mpId, ready: false, reason: "webhook_secret_missing" },
    ]);
    const refused = await bed.api.rest<{ data: { appCode: string; fieldErrors: Record<string, string[]> } }>(
      "POST",
      "/payments",
      { token: agent.token, body: { dealId: deal.id, provider: "stripe" } },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.data).toMatchObject({
      appCode: "UNPROCESSABLE",
      fieldErrors: { provider: [expect.any(String)] },
    });

    const pasted = await bed.api.rest("PATCH", `/integrations/${integrationId}`, {
      token,
      body: { config: { webhookSecret: bed.stripe.config.webhookSecret } },
    });
    expect(pasted.status, JSON.stringify(pasted.body)).toBe(200);
    expect(await listed()).toEqual([
      { integrationId, ready: true, reason: null },
      { integrationId: mpId, ready: false, reason: "webhook_secret_missing" },
    ]);
    await createPaymentOk(bed.api, agent.token, { dealId: deal.id, provider: "stripe" });
  });

  it("are empty when nothing is connected, and not for a viewer, who may not charge", async () => {
    const owner = await bed.api.register();
    const none = await bed.api.rest("GET", "/payments/providers", { token: owner.token });
    expect(none.body).toEqual({ items: [] });
    const viewer = await bed.api.member(owner.token, "viewer");
    expect((await bed.api.rest("GET", "/payments/providers", { token: viewer.token })).status).toBe(403);
  });

  it("are documented in /openapi.json", async () => {
    const spec = (await (await fetch(`${bed.api.baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(spec.paths["/payments/providers"]?.get).toBeDefined();
  });
});
