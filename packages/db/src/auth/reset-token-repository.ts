import type { PasswordResetTokenRepository } from "@crm/domain";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";

export function createResetTokenRepository(db: Kysely<Database>): PasswordResetTokenRepository {
  return {
    async create(input) {
      await db
        .insertInto("password_reset_tokens")
        .values({ user_id: input.userId, token_hash: input.tokenHash, expires_at: input.expiresAt })
        .execute();
    },

    async findByTokenHash(tokenHash) {
      const row = await db
        .selectFrom("password_reset_tokens")
        .select(["id", "user_id", "expires_at", "used_at"])
        .where("token_hash", "=", tokenHash)
        .executeTakeFirst();
      return row
        ? { id: row.id, userId: row.user_id, expiresAt: row.expires_at, usedAt: row.used_at }
        : undefined;
    },

    async markUsed(id, at) {
      const result = await db
        .updateTable("password_reset_tokens")
        .set({ used_at: at })
        .where("id", "=", id)
        .where("used_at", "is", null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async invalidateForUser(userId, at) {
      await db
        .updateTable("password_reset_tokens")
        .set({ used_at: at })
        .where("user_id", "=", userId)
        .where("used_at", "is", null)
        .execute();
    },
  };
}
