import { describe, expect, it } from "vitest";
import { expectTenantIsolation } from "../../testing/tenant-isolation";
import { insertConversation } from "../conversations/conversation-fixtures";
import { createDeal, firstPipeline, insertContact } from "../deals/deal-fixtures";
import {
  connectProvider,
  createPaymentOk,
  type PaymentDto,
  paymentWorkspace,
  payThroughStripe,
  usePaymentsTestbed,
} from "./payment-fixtures";

const bed = usePaymentsTestbed();

describe("payments access", () => {
  it("lets an agent create payments but only an owner refund them; viewers read", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "stripe", bed.stripe.config);
    const agent = await bed.api.member(token, "agent");
    const created = await createPaymentOk(bed.api, agent.token, { dealId: deal.id });
    await payThroughStripe(bed, token, integrationId, created);
    for (const role of ["agent", "admin"] as const) {
      const member = role === "agent" ? agent : await bed.api.member(token, role);
      const refused = await bed.api.rest("POST", `/payments/${created.id}/refund`, {
        token: member.token,
        body: {},
      });
      expect(refused.status, role).toBe(403);
    }
    const viewer = await bed.api.member(token, "viewer");
    expect(
      (await bed.api.rest("POST", "/payments", { token: viewer.token, body: { dealId: deal.id } })).status,
    ).toBe(403);
    expect((await bed.api.rest("GET", `/payments/${created.id}`, { token: viewer.token })).status).toBe(200);
    const refunded = await bed.api.rest("POST", `/payments/${created.id}/refund`, { token, body: {} });
    expect(refunded.status).toBe(200);
  });

  it("filters the list by status, deal and provider", async () => {
    const { token, deal } = await paymentWorkspace(bed.api, "stripe", bed.stripe.config);
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id, amount: "10.00" });
    const list = await bed.api.rest<{ items: PaymentDto[] }>(
      "GET",
      `/payments?dealId=${deal.id}&status=pending&provider=stripe`,
      { token },
    );
    expect(list.body.items.map((p) => p.id)).toEqual([created.id]);
    const none = await bed.api.rest<{ items: PaymentDto[] }>(
      "GET",
      `/payments?dealId=${deal.id}&status=paid`,
      { token },
    );
    expect(none.body.items).toEqual([]);
  });

  it("asks which provider when several are connected, and uses the one named", async () => {
    const { token, deal } = await paymentWorkspace(bed.api, "stripe", bed.stripe.config);
    await connectProvider(bed.api, token, "mercadopago", bed.mp.config);
    const ambiguous = await bed.api.rest("POST", "/payments", { token, body: { dealId: deal.id } });
    expect(ambiguous.status).toBe(400);
    const chosen = await createPaymentOk(bed.api, token, { dealId: deal.id, provider: "mercadopago" });
    expect(chosen.provider).toBe("mercadopago");
  });

  it("answers 404 for another organization's payment ids", async () => {
    const conversationOf = new Map<string, string>();
    await expectTenantIsolation(
      bed.api,
      async (ownerToken) => {
        const { token, deal, conversationId } = await paymentWorkspaceFor(ownerToken);
        const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
        conversationOf.set(created.id, conversationId);
        return created.id;
      },
      [
        {
          name: "GET /payments/{id}",
          call: (token, id) => bed.api.rest("GET", `/payments/${id}`, { token }),
        },
        {
          name: "POST /payments/{id}/refund",
          call: (token, id) => bed.api.rest("POST", `/payments/${id}/refund`, { token, body: {} }),
        },
        {
          name: "POST /payments/{id}/send",
          call: (token, id) =>
            bed.api.rest("POST", `/payments/${id}/send`, {
              token,
              body: { conversationId: conversationOf.get(id) },
            }),
        },
      ],
    );
  });

  it("answers 404 for another organization's deal ids when creating or sending a link", async () => {
    const conversationOf = new Map<string, string>();
    await expectTenantIsolation(
      bed.api,
      async (ownerToken) => {
        const { deal, conversationId } = await paymentWorkspaceFor(ownerToken);
        conversationOf.set(deal.id, conversationId);
        return deal.id;
      },
      [
        {
          name: "POST /payments",
          call: (token, dealId) => bed.api.rest("POST", "/payments", { token, body: { dealId } }),
        },
        {
          name: "POST /payments/send-link",
          call: (token, dealId) =>
            bed.api.rest("POST", "/payments/send-link", {
              token,
              body: { dealId, conversationId: conversationOf.get(dealId) },
            }),
        },
      ],
    );
  });
});

/**
 * expectTenantIsolation registers its own owners; a deal, a Stripe integration and a conversation with the
 * deal's contact are added to theirs (its WhatsApp window closed: the owner's own calls answer 422, send nothing).
 */
async function paymentWorkspaceFor(ownerToken: string) {
  const me = await bed.api.trpc(ownerToken).auth.me.query();
  const contactId = await insertContact(bed.api, me.organization.id);
  const conversationId = await insertConversation(bed.api, me.organization.id, {
    contactId,
    lastInboundMinutesAgo: null,
  });
  const pipeline = await firstPipeline(bed.api, ownerToken);
  const stage = pipeline.stages[0];
  if (!stage) throw new Error("no stage");
  const deal = await createDeal(bed.api, ownerToken, { contactId, pipelineId: pipeline.id, stage: stage.id });
  await connectProvider(bed.api, ownerToken, "stripe", bed.stripe.config);
  return { token: ownerToken, deal, conversationId };
}
