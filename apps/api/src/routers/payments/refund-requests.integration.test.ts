import { type Actor, refundPayment } from "@crm/domain";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import {
  createPaymentOk,
  type PaymentDto,
  paymentOf,
  paymentWorkspace,
  payThroughStripe,
  usePaymentsTestbed,
} from "./payment-fixtures";

/*
 * A refund asked with an Idempotency-Key is remembered in payment_refund_requests once recorded: the same request
 * again, past the API's own Idempotency-Key store (which answers retries itself while it keeps the answer), is
 * answered by the use case with that refund, never made twice. What refunds in flight hold is shown as taken from
 * `refundableAmount`, and a refund beyond it is refused whatever its key.
 */

const bed = usePaymentsTestbed();
const deps = () => bed.api.container.payments;
const db = () => bed.api.container.db.db;

async function paidPayment() {
  const { owner, token, deal, integrationId } = await paymentWorkspace(bed.api, "stripe", bed.stripe.config);
  const created = await createPaymentOk(bed.api, token, { dealId: deal.id, amount: "1234.56" });
  await payThroughStripe(bed, token, integrationId, created);
  const actor: Actor = {
    kind: "user",
    userId: owner.user.id,
    organizationId: owner.organization.id,
    role: "owner",
    sessionId: "refund-requests-test",
  };
  return { organizationId: owner.organization.id, token, payment: created, actor };
}

type Paid = Awaited<ReturnType<typeof paidPayment>>;

const refund = (paid: Paid, body: { amount?: string }, idempotencyKey: string) =>
  bed.api.rest<{ message: string; data: { appCode: string | null } } & Partial<PaymentDto>>(
    "POST",
    `/payments/${paid.payment.id}/refund`,
    { token: paid.token, body, headers: { "idempotency-key": idempotencyKey } },
  );

const stripeRefunds = (paid: Paid) => {
  const intent = bed.stripe.sessions.get(paid.payment.providerReference ?? "")?.payment_intent;
  return bed.stripe.refunds.filter((r) => r.payment_intent === intent).map((r) => r.amount);
};

const requestsOf = (paid: Paid) =>
  db()
    .selectFrom("payment_refund_requests")
    .select(["request_key", "amount", "outcome", "provider_refund_id"])
    .where("payment_id", "=", paid.payment.id)
    .execute();

const eventTypesOf = async (paid: Paid) =>
  (
    await db().selectFrom("payment_events").select("type").where("payment_id", "=", paid.payment.id).execute()
  ).map((row) => row.type);

describe("refund requests", () => {
  it("a request replayed with its key is answered with the refund it made, not refunded again", async () => {
    const paid = await paidPayment();
    const key = crypto.randomUUID();

    const first = await refund(paid, { amount: "100.00" }, key);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ refundedAmount: "100.00", refundableAmount: "1134.56" });

    // the use case itself, as if the API had forgotten the answer it kept for the key
    const replayed = await refundPayment(deps(), paid.actor, paid.payment.id, {
      amount: "100.00",
      idempotencyKey: key,
    });
    expect(replayed.refundedAmount.amount).toBe("100.00");
    expect(stripeRefunds(paid)).toEqual([10_000]);

    const [request] = await requestsOf(paid);
    expect(request).toMatchObject({
      request_key: `user:${paid.actor.kind === "user" ? paid.actor.userId : ""}:${key}`,
      amount: "100.00",
      outcome: "refunded",
    });
    expect(request?.provider_refund_id).toMatch(/^re_/);
    // the provider's events only
    expect(await eventTypesOf(paid)).not.toContain("refund_request");
  });

  it("a new key asking for what a refund in flight holds is refused, and the payment shows what is left", async () => {
    const paid = await paidPayment();
    // a refund of another request, asked of the provider just now and not answered yet
    await sql`insert into payment_refund_reservations (id, organization_id, payment_id, amount, request_key, created_at)
      values (${crypto.randomUUID()}, ${paid.organizationId}, ${paid.payment.id}, 1000, 'user:someone:k1', now())`.execute(
      db(),
    );
    expect(await paymentOf(bed.api, paid.token, paid.payment.id)).toMatchObject({
      refundedAmount: "0.00",
      refundableAmount: "234.56",
    });

    const beyond = await refund(paid, { amount: "300.00" }, crypto.randomUUID());
    expect(beyond.status, JSON.stringify(beyond.body)).toBe(422);
    expect(beyond.body.message).toMatch(/At most 234\.56 BRL.*1000\.00 is being refunded now/);
    const whole = await refund(paid, {}, crypto.randomUUID());
    expect(whole.status, JSON.stringify(whole.body)).toBe(200);
    expect(whole.body).toMatchObject({ refundedAmount: "234.56", refundableAmount: "0.00" });
    const more = await refund(paid, {}, crypto.randomUUID());
    expect(more.status, JSON.stringify(more.body)).toBe(422);
    expect(more.body.message).toMatch(/being refunded already/);
    expect(stripeRefunds(paid)).toEqual([23_456]);
  });
});
