import { activitiesOf, type DealDto } from "@crm/api/routers/deals/deal-fixtures";
import {
  createPaymentOk,
  type PaymentDto,
  paymentOf,
  paymentWorkspace,
  usePaymentsTestbed,
  waitForPayment,
} from "@crm/api/routers/payments/payment-fixtures";
import type { PaymentStatusPayload } from "@crm/domain";
import { applyPaymentChange } from "@crm/domain/payments/apply-change";
import { expireOverduePayments, expiryChange } from "@crm/domain/payments/expire-payments";
import { postWebhook } from "@crm/integrations/testing";
import { createInProcessQueue } from "@crm/runtime";
import { afterEach, describe, expect, it } from "vitest";
import { registerProcessors } from "../../processors";
import { schedulePaymentExpiry } from "./expire-payments";

/*
 * The `payment-expiry` job through the real API (fake Mercado Pago and Stripe, its own worker for the
 * webhooks) and the worker's processor on a queue of the test's own, so the sweep runs when the test says.
 */

const bed = usePaymentsTestbed();
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

async function linkExpiredAt(paymentId: string, at: Date) {
  await bed.api.container.db.db
    .updateTable("payments")
    .set({ expires_at: at })
    .where("id", "=", paymentId)
    .execute();
}

const statuses: PaymentStatusPayload[] = [];
let stopRecording: (() => void) | undefined;
function recordPaymentStatuses(organizationId: string) {
  stopRecording = bed.api.container.events.subscribe((event) => {
    if (event.type === "payment_status" && event.organizationId === organizationId) {
      statuses.push(event.payload as PaymentStatusPayload);
    }
  });
}
afterEach(() => {
  stopRecording?.();
  statuses.length = 0;
});

function workerQueue() {
  const queue = createInProcessQueue();
  registerProcessors(queue, {
    mailer: { send: async () => ({ messageId: "unused" }) },
    logger: bed.api.container.logger,
    payments: bed.api.container.payments,
  });
  return queue;
}

/** One run of the job, through its processor, finished when this resolves. */
async function sweep() {
  const queue = workerQueue();
  await queue.enqueue("payment-expiry", {});
  await queue.whenIdle();
  await queue.close();
}

async function payThroughMercadoPago(token: string, integrationId: string, payment: PaymentDto) {
  const paid = bed.mp.setPayment(payment.providerReference ?? "", "approved");
  await postWebhook(bed.mpHook(integrationId), bed.mp.signedWebhook(bed.mp.notification(paid.id)));
  return waitForPayment(bed.api, token, payment.id, { status: "paid" });
}

describe("the payment expiry job", () => {
  it("marks expired, from its schedule, a Mercado Pago payment pending an hour past its link's expiry", async () => {
    const { owner, token, deal, integrationId } = await paymentWorkspace(
      bed.api,
      "mercadopago",
      bed.mp.config,
    );
    const overdue = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const recent = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const settled = await createPaymentOk(bed.api, token, { dealId: deal.id });
    await payThroughMercadoPago(token, integrationId, settled);
    await linkExpiredAt(overdue.id, minutesAgo(61));
    await linkExpiredAt(recent.id, minutesAgo(50));
    await linkExpiredAt(settled.id, minutesAgo(120));
    const paid = await paymentOf(bed.api, token, settled.id);
    recordPaymentStatuses(owner.organization.id);

    // embedded mode's scheduler: an `everyMs` schedule runs at once, then on every interval
    const queue = workerQueue();
    await schedulePaymentExpiry(queue);
    await waitForPayment(bed.api, token, overdue.id, { status: "expired" });
    await queue.close();

    expect((await paymentOf(bed.api, token, recent.id)).status).toBe("pending");
    expect(await paymentOf(bed.api, token, settled.id)).toEqual(paid);
    // the event comes back through Redis's pub/sub: later than the writes on a loaded machine
    await expect
      .poll(() => statuses)
      .toEqual([
        expect.objectContaining({ paymentId: overdue.id, provider: "mercadopago", status: "expired" }),
      ]);

    // a second run finds nothing to do
    await sweep();
    expect(statuses).toHaveLength(1);
  });

  it("leaves the last word to a paid notification arriving after the sweep", async () => {
    const { token, deal, integrationId } = await paymentWorkspace(bed.api, "mercadopago", bed.mp.config);
    const late = await createPaymentOk(bed.api, token, { dealId: deal.id });
    await linkExpiredAt(late.id, minutesAgo(90));
    await sweep();
    expect((await paymentOf(bed.api, token, late.id)).status).toBe("expired");

    await payThroughMercadoPago(token, integrationId, late);
    expect((await bed.api.rest<DealDto>("GET", `/deals/${deal.id}`, { token })).body.status).toBe("won");
    expect((await activitiesOf(bed.api, token, deal.id)).map((a) => a.type)).toContain("payment_paid");
  });

  it("leaves a payment whose customer started paying at the provider after the sweep read it", async () => {
    const { token, deal } = await paymentWorkspace(bed.api, "mercadopago", bed.mp.config);
    const payment = await createPaymentOk(bed.api, token, { dealId: deal.id });
    await linkExpiredAt(payment.id, minutesAgo(90));
    const deps = bed.api.container.payments;
    const [read] = await deps.store.payments.findExpiredPending(new Date(), 10);
    if (read?.id !== payment.id) throw new Error("the sweep did not read the overdue payment");
    // meanwhile a webhook records the customer's Pix, still waiting to be paid
    await bed.api.container.db.db
      .updateTable("payments")
      .set({ provider_payment_id: "mp-pix-1" })
      .where("id", "=", payment.id)
      .execute();

    const outcome = await applyPaymentChange(deps, expiryChange(read));
    expect(outcome).toMatchObject({ kind: "applied", changed: false });
    expect((await paymentOf(bed.api, token, payment.id)).status).toBe("pending");
  });

  it("covers every provider (a lost checkout.session.expired), a batch at a time", async () => {
    const mp = await paymentWorkspace(bed.api, "mercadopago", bed.mp.config);
    const stripe = await paymentWorkspace(bed.api, "stripe", bed.stripe.config);
    const overdue = [
      await createPaymentOk(bed.api, mp.token, { dealId: mp.deal.id }),
      await createPaymentOk(bed.api, mp.token, { dealId: mp.deal.id }),
      await createPaymentOk(bed.api, stripe.token, { dealId: stripe.deal.id }),
    ];
    for (const payment of overdue) await linkExpiredAt(payment.id, minutesAgo(24 * 60));

    expect(await expireOverduePayments(bed.api.container.payments, 2)).toBe(3);
    const tokenOfProvider = (payment: PaymentDto) =>
      payment.provider === "stripe" ? stripe.token : mp.token;
    for (const payment of overdue) {
      expect((await paymentOf(bed.api, tokenOfProvider(payment), payment.id)).status).toBe("expired");
    }
  });
});
