import type { SealedSecret } from "@crm/domain";
import type { IdempotencyKeyRepository } from "@crm/domain/shared/idempotency";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";

function toSealedBody(value: unknown): SealedSecret {
  const sealed = value as Partial<Record<keyof SealedSecret, unknown>> | null;
  if (sealed?.v === 1 && typeof sealed.iv === "string" && typeof sealed.tag === "string") {
    if (typeof sealed.data === "string") return { v: 1, iv: sealed.iv, tag: sealed.tag, data: sealed.data };
  }
  throw new Error("idempotency_keys.response_body does not hold a sealed answer");
}

/** The `Idempotency-Key` claims and their answers, kept sealed. */
export function createIdempotencyKeyRepository(db: Kysely<Database>): IdempotencyKeyRepository<SealedSecret> {
  return {
    async claim(scope, key, request, createdAt) {
      const row = await db
        .insertInto("idempotency_keys")
        .values({
          organization_id: scope.organizationId,
          caller: scope.caller,
          key,
          request_method: request.method,
          request_path: request.path,
          request_hash: request.bodyHash,
          created_at: createdAt,
        })
        .onConflict((oc) => oc.columns(["organization_id", "caller", "key"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      return row?.id;
    },

    async find(scope, key) {
      const row = await db
        .selectFrom("idempotency_keys")
        .select([
          "id",
          "request_method",
          "request_path",
          "request_hash",
          "state",
          "response_status",
          "response_content_type",
          "response_body",
          "created_at",
        ])
        .where("organization_id", "=", scope.organizationId)
        .where("caller", "=", scope.caller)
        .where("key", "=", key)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        id: row.id,
        request: { method: row.request_method, path: row.request_path, bodyHash: row.request_hash },
        answer:
          row.state === "done" && row.response_status !== null
            ? {
                status: row.response_status,
                contentType: row.response_content_type,
                body: toSealedBody(row.response_body),
              }
            : null,
        createdAt: row.created_at,
      };
    },

    async complete(id, answer) {
      await db
        .updateTable("idempotency_keys")
        .set({
          state: "done",
          response_status: answer.status,
          response_content_type: answer.contentType,
          response_body: JSON.stringify(answer.body),
        })
        .where("id", "=", id)
        .where("state", "=", "in_progress")
        .execute();
    },

    async remove(id, answered) {
      await db
        .deleteFrom("idempotency_keys")
        .where("id", "=", id)
        .where("state", "=", answered ? "done" : "in_progress")
        .execute();
    },
  };
}
