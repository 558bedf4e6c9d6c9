import type { DomainEvent } from "@crm/domain";
import { postWebhook } from "@crm/integrations/testing";
import { describe, expect, it, vi } from "vitest";
import { activitiesOf, type DealDto } from "../deals/deal-fixtures";
import {
  createPaymentOk,
  type PaymentDto,
  paymentWorkspace,
  payThroughStripe,
  usePaymentsTestbed,
  waitForLogsProcessed,
  waitForPayment,
} from "./payment-fixtures";

const bed = usePaymentsTestbed();

interface NotificationDto {
  type: string;
  data: Record<string, unknown>;
}

async function updateDeal(token: string, dealId: string, body: Record<string, unknown>) {
  const res = await bed.api.rest<DealDto>("PATCH", `/deals/${dealId}`, { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const notificationsOf = async (token: string) =>
  (await bed.api.rest<{ items: NotificationDto[] }>("GET", "/notifications", { token })).body.items;

describe("a payment on a deal marked lost", () => {
  it("wins the deal, keeps the lost reason in the activity and tells the assignee", async () => {
    const { owner, token, deal, integrationId } = await paymentWorkspace(
      bed.api,
      "stripe",
      bed.stripe.config,
    );
    const agent = await bed.api.member(token, "agent");
    await updateDeal(token, deal.id, { assigneeId: agent.user.id });
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    await updateDeal(token, deal.id, { status: "lost", lostReason: "Went with a competitor" });
    const published: DomainEvent[] = [];
    const stop = bed.api.container.events.subscribe((event) => {
      if (event.organizationId === owner.organization.id && event.type === "notification")
        published.push(event);
    });

    await payThroughStripe(bed, token, integrationId, created);
    const won = await bed.api.rest<DealDto>("GET", `/deals/${deal.id}`, { token });
    expect(won.body).toMatchObject({ status: "won", lostReason: null });
    const activity = (await activitiesOf(bed.api, token, deal.id)).find((a) => a.type === "won");
    expect(activity?.data).toEqual({
      paymentId: created.id,
      reopenedFrom: "lost",
      lostReason: "Went with a competitor",
    });
    const expected = {
      type: "lost_deal_paid",
      data: {
        dealId: deal.id,
        paymentId: created.id,
        amount: "1234.56",
        currency: "BRL",
        lostReason: "Went with a competitor",
        won: true,
      },
    };
    expect(await notificationsOf(agent.token)).toEqual([expect.objectContaining(expected)]);
    expect(await notificationsOf(token)).toEqual([]);
    await vi.waitFor(() =>
      expect(published.map((event) => event.payload)).toEqual([
        expect.objectContaining({ ...expected, userId: agent.user.id }),
      ]),
    );
    stop();
  });

  it("tells the link's creator when the deal has no assignee, and leaves it lost where payments do not win", async () => {
    const { token, deal, pipeline, integrationId } = await paymentWorkspace(
      bed.api,
      "stripe",
      bed.stripe.config,
    );
    await bed.api.rest("PATCH", `/pipelines/${pipeline.id}`, { token, body: { winOnPayment: false } });
    const agent = await bed.api.member(token, "agent");
    const created = await createPaymentOk(bed.api, agent.token, { dealId: deal.id });
    expect(created.createdBy).toBe(agent.user.id);
    await updateDeal(token, deal.id, { status: "lost", lostReason: "No budget" });

    await payThroughStripe(bed, token, integrationId, created);
    // redelivered: still one notification
    const session = bed.stripe.sessions.get(created.providerReference ?? "");
    const again = bed.stripe.event("checkout.session.completed", session);
    await postWebhook(bed.stripeHook(integrationId), bed.stripe.signedWebhook(again));
    await waitForLogsProcessed(bed.api, integrationId, 2);

    const lost = await bed.api.rest<DealDto>("GET", `/deals/${deal.id}`, { token });
    expect(lost.body).toMatchObject({ status: "lost", lostReason: "No budget" });
    expect(await notificationsOf(agent.token)).toEqual([
      expect.objectContaining({
        type: "lost_deal_paid",
        data: expect.objectContaining({ lostReason: "No budget", won: false }),
      }),
    ]);
  });
});

describe("creating a link on a closed deal", () => {
  it("refuses a lost deal with 422 before calling the provider, and charges a won one", async () => {
    const { token, deal } = await paymentWorkspace(bed.api, "stripe", bed.stripe.config);
    await updateDeal(token, deal.id, { status: "lost", lostReason: "Too expensive" });
    const sessions = bed.stripe.sessions.size;
    const refused = await bed.api.rest<{ message: string }>("POST", "/payments", {
      token,
      body: { dealId: deal.id },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toBe("This deal is lost: reopen it before creating a payment link");
    expect(bed.stripe.sessions.size).toBe(sessions);

    await updateDeal(token, deal.id, { status: "won" });
    expect((await createPaymentOk(bed.api, token, { dealId: deal.id })).status).toBe("pending");
  });
});

describe("a paid link whose deal was deleted", () => {
  it("is recorded paid, its webhook processed, with no deal", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "stripe", bed.stripe.config);
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    // deleting a deal through the API expires its pending links first: such a link is left from a deletion made
    // before that rule
    await bed.api.container.db.db.deleteFrom("deals").where("id", "=", deal.id).execute();

    bed.stripe.pay(created.providerReference ?? "");
    const session = bed.stripe.sessions.get(created.providerReference ?? "");
    const event = bed.stripe.event("checkout.session.completed", session);
    expect((await postWebhook(bed.stripeHook(integrationId), bed.stripe.signedWebhook(event))).status).toBe(
      200,
    );
    const paid: PaymentDto = await waitForPayment(bed.api, token, created.id, { status: "paid" });
    expect(paid.dealId).toBeNull();
    await waitForLogsProcessed(bed.api, integrationId, 1);
  });
});
