import { type PaymentPatch, type PaymentRepository, pageSize } from "@crm/domain";
import { isUuid } from "@crm/domain/shared/ids";
import type { Kysely, Updateable } from "kysely";
import type { Database, Payments } from "../database.gen";
import { decodeCursor, filteredList, toPage } from "../shared/cursor";
import { paymentSelection, storedMoney, toPayment } from "./rows";

const patchColumns = (patch: PaymentPatch): Updateable<Payments> => ({
  ...(patch.status !== undefined && { status: patch.status }),
  ...(patch.refundedAmount !== undefined && { refunded_amount: patch.refundedAmount.amount }),
  ...(patch.providerPaymentId !== undefined && { provider_payment_id: patch.providerPaymentId }),
  ...(patch.paidAt !== undefined && { paid_at: patch.paidAt }),
});

export function createPaymentRepository(db: Kysely<Database>): PaymentRepository {
  return {
    async create(organizationId, input, at) {
      const row = await db
        .insertInto("payments")
        .values({
          id: input.id,
          organization_id: organizationId,
          deal_id: input.dealId,
          integration_id: input.integrationId,
          provider: input.provider,
          amount: input.amount.amount,
          currency: input.amount.currency,
          description: input.description,
          provider_reference: input.providerReference,
          payment_link: input.paymentLink,
          created_by: input.createdBy,
          expires_at: input.expiresAt,
          created_at: at,
          updated_at: at,
        })
        .returning(paymentSelection)
        .executeTakeFirstOrThrow();
      return toPayment(row);
    },

    async findById(organizationId, id, lock) {
      if (!isUuid(id)) return undefined;
      const query = db
        .selectFrom("payments")
        .select(paymentSelection)
        .where("organization_id", "=", organizationId)
        .where("id", "=", id);
      const row = await (lock === "update" ? query.forUpdate() : query).executeTakeFirst();
      return row ? toPayment(row) : undefined;
    },

    async findForUpdate(organizationId, provider, lookup) {
      const by = [
        lookup.paymentId && isUuid(lookup.paymentId) ? (["id", lookup.paymentId] as const) : undefined,
        lookup.providerReference ? (["provider_reference", lookup.providerReference] as const) : undefined,
        lookup.providerPaymentId ? (["provider_payment_id", lookup.providerPaymentId] as const) : undefined,
      ];
      for (const criterion of by) {
        if (!criterion) continue;
        const row = await db
          .selectFrom("payments")
          .select(paymentSelection)
          .where("organization_id", "=", organizationId)
          .where("provider", "=", provider)
          .where(criterion[0], "=", criterion[1])
          .forUpdate()
          .executeTakeFirst();
        if (row) return toPayment(row);
      }
      return undefined;
    },

    async list(organizationId, filter, page) {
      const limit = pageSize(page.limit);
      const list = filteredList("payments", {
        status: filter.status,
        dealId: filter.dealId,
        provider: filter.provider,
      });
      const cursor = decodeCursor(page.cursor, list);
      let query = db
        .selectFrom("payments")
        .select(paymentSelection)
        .where("organization_id", "=", organizationId)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(limit + 1);
      if (filter.status) query = query.where("status", "=", filter.status);
      if (filter.provider) query = query.where("provider", "=", filter.provider);
      if (filter.dealId) {
        if (!isUuid(filter.dealId)) return { items: [], nextCursor: null };
        query = query.where("deal_id", "=", filter.dealId);
      }
      if (cursor) {
        query = query.where((eb) =>
          eb.or([
            eb("created_at", "<", new Date(cursor.at)),
            eb.and([eb("created_at", "=", new Date(cursor.at)), eb("id", "<", cursor.id)]),
          ]),
        );
      }
      return toPage(await query.execute(), limit, toPayment, list);
    },

    async update(organizationId, id, patch, at) {
      const row = await db
        .updateTable("payments")
        .set({ ...patchColumns(patch), updated_at: at })
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .returning(paymentSelection)
        .executeTakeFirstOrThrow();
      return toPayment(row);
    },

    async findExpiredPending(before, limit) {
      // idx_payments_pending_expiry
      const rows = await db
        .selectFrom("payments")
        .select(paymentSelection)
        .where("status", "=", "pending")
        .where("provider_payment_id", "is", null)
        .where("expires_at", "<", before)
        .orderBy("expires_at")
        .limit(limit)
        .execute();
      return rows.map(toPayment);
    },

    async findPendingByIntegration(organizationId, integrationId) {
      if (!isUuid(integrationId)) return [];
      // idx_payments_integration_pending
      const rows = await db
        .selectFrom("payments")
        .select(paymentSelection)
        .where("organization_id", "=", organizationId)
        .where("integration_id", "=", integrationId)
        .where("status", "=", "pending")
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      return rows.map(toPayment);
    },

    async paidTotals(organizationId, dealId) {
      if (!isUuid(dealId)) return [];
      // idx_payments_deal; a fully refunded payment is `refunded` and would add zero anyway
      const rows = await db
        .selectFrom("payments")
        .select((eb) => [
          "currency",
          eb.fn.sum<string>(eb("amount", "-", eb.ref("refunded_amount"))).as("total"),
        ])
        .where("organization_id", "=", organizationId)
        .where("deal_id", "=", dealId)
        .where("status", "=", "paid")
        .groupBy("currency")
        .orderBy("currency")
        .execute();
      return rows.map((row) => storedMoney(row.total, row.currency));
    },

    async reserveRefund(organizationId, reservation, at) {
      await db
        .insertInto("payment_refund_reservations")
        .values({
          id: reservation.id,
          organization_id: organizationId,
          payment_id: reservation.paymentId,
          amount: reservation.amount.amount,
          request_key: reservation.requestKey ?? null,
          created_at: at,
        })
        .execute();
    },

    async heldRefunds(organizationId, payment, leftBefore) {
      // idx_payment_refund_reservations_payment
      const rows = await db
        .selectFrom("payment_refund_reservations")
        .select(["id", "payment_id", "amount", "request_key"])
        .where("organization_id", "=", organizationId)
        .where("payment_id", "=", payment.id)
        .where((eb) => eb.or([eb("unconfirmed_at", "is not", null), eb("created_at", "<", leftBefore)]))
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      return rows.map((row) => ({
        id: row.id,
        paymentId: row.payment_id,
        amount: storedMoney(row.amount, payment.amount.currency),
        requestKey: row.request_key,
      }));
    },

    async markRefundUnconfirmed(organizationId, reservationId, at) {
      const row = await db
        .updateTable("payment_refund_reservations")
        .set({ unconfirmed_at: at })
        .where("organization_id", "=", organizationId)
        .where("id", "=", reservationId)
        .returning("id")
        .executeTakeFirst();
      return row !== undefined;
    },

    async reservedRefunds(organizationId, payment) {
      // idx_payment_refund_reservations_payment
      const row = await db
        .selectFrom("payment_refund_reservations")
        .select((eb) => eb.fn.coalesce(eb.fn.sum<string>("amount"), eb.val("0")).as("total"))
        .where("organization_id", "=", organizationId)
        .where("payment_id", "=", payment.id)
        .executeTakeFirstOrThrow();
      return storedMoney(String(row.total), payment.amount.currency);
    },

    async findUnsettledRefunds(range, after, limit) {
      // no index on created_at: the table holds only refunds in flight, a handful of rows
      let query = db
        .selectFrom("payment_refund_reservations as r")
        .innerJoin("payments as p", "p.id", "r.payment_id")
        .select([
          "r.id",
          "r.organization_id",
          "r.payment_id",
          "r.amount",
          "r.request_key",
          "r.created_at",
          "p.currency",
        ])
        .where("r.created_at", "<", range.before)
        .orderBy("r.created_at")
        .orderBy("r.id")
        .limit(limit);
      if (range.from) query = query.where("r.created_at", ">=", range.from);
      if (after) {
        query = query.where((eb) =>
          eb.or([
            eb("r.created_at", ">", after.createdAt),
            eb.and([eb("r.created_at", "=", after.createdAt), eb("r.id", ">", after.id)]),
          ]),
        );
      }
      const rows = await query.execute();
      return rows.map((row) => ({
        id: row.id,
        organizationId: row.organization_id,
        paymentId: row.payment_id,
        amount: storedMoney(row.amount, row.currency),
        requestKey: row.request_key,
        createdAt: row.created_at,
      }));
    },

    async releaseRefund(organizationId, reservationId) {
      const row = await db
        .deleteFrom("payment_refund_reservations")
        .where("organization_id", "=", organizationId)
        .where("id", "=", reservationId)
        .returning("id")
        .executeTakeFirst();
      return row !== undefined;
    },

    async recordEvent(organizationId, event) {
      const row = await db
        .insertInto("payment_events")
        .values({
          organization_id: organizationId,
          payment_id: event.paymentId,
          provider: event.provider,
          event_id: event.eventId,
          type: event.type,
        })
        .onConflict((oc) => oc.columns(["organization_id", "provider", "event_id"]).doNothing())
        .returning("event_id")
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
