import type { RefundRequestRepository } from "@crm/domain";
import { isUuid } from "@crm/domain/shared/ids";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";
import { storedMoney } from "./rows";

export function createRefundRequestRepository(db: Kysely<Database>): RefundRequestRepository {
  return {
    async find(organizationId, payment, requestKey) {
      if (!isUuid(payment.id)) return undefined;
      // the primary key
      const row = await db
        .selectFrom("payment_refund_requests")
        .select(["payment_id", "request_key", "amount", "provider_refund_id"])
        .where("organization_id", "=", organizationId)
        .where("payment_id", "=", payment.id)
        .where("request_key", "=", requestKey)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        paymentId: row.payment_id,
        requestKey: row.request_key,
        amount: row.amount === null ? null : storedMoney(row.amount, payment.amount.currency),
        outcome: "refunded",
        providerRefundId: row.provider_refund_id,
      };
    },

    async record(organizationId, request, at) {
      await db
        .insertInto("payment_refund_requests")
        .values({
          organization_id: organizationId,
          payment_id: request.paymentId,
          request_key: request.requestKey,
          amount: request.amount?.amount ?? null,
          outcome: request.outcome,
          provider_refund_id: request.providerRefundId,
          created_at: at,
        })
        .onConflict((oc) => oc.columns(["organization_id", "payment_id", "request_key"]).doNothing())
        .execute();
    },
  };
}
