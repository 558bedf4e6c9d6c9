import type { SessionRepository } from "@crm/domain";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";

export function createSessionRepository(db: Kysely<Database>): SessionRepository {
  return {
    async create(session) {
      await db
        .insertInto("sessions")
        .values({
          id: session.id,
          user_id: session.userId,
          organization_id: session.organizationId,
          expires_at: session.expiresAt,
          user_agent: session.userAgent?.slice(0, 500) ?? null,
          ip: session.ip ?? null,
        })
        .execute();
    },

    async findById(id) {
      const row = await db
        .selectFrom("sessions")
        .select(["id", "user_id", "organization_id", "expires_at"])
        .where("id", "=", id)
        .executeTakeFirst();
      return row
        ? { id: row.id, userId: row.user_id, organizationId: row.organization_id, expiresAt: row.expires_at }
        : undefined;
    },

    async findWithRole(id) {
      // a removed user's sessions go with it (cascade); the organization check guards a moved one
      const row = await db
        .selectFrom("sessions as s")
        .innerJoin("users as u", (join) =>
          join.onRef("u.id", "=", "s.user_id").onRef("u.organization_id", "=", "s.organization_id"),
        )
        .select(["s.id", "s.user_id", "s.organization_id", "s.expires_at", "u.role"])
        .where("s.id", "=", id)
        .executeTakeFirst();
      return row
        ? {
            id: row.id,
            userId: row.user_id,
            organizationId: row.organization_id,
            expiresAt: row.expires_at,
            role: row.role,
          }
        : undefined;
    },

    async extend(id, expiresAt, usedAt) {
      await db
        .updateTable("sessions")
        .set({ expires_at: expiresAt, last_used_at: usedAt })
        .where("id", "=", id)
        .execute();
    },

    async remove(id) {
      await db.deleteFrom("sessions").where("id", "=", id).execute();
    },

    async removeForUser(userId) {
      await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
    },

    async removeOthersForUser(userId, keepId) {
      const result = await db
        .deleteFrom("sessions")
        .where("user_id", "=", userId)
        .where("id", "<>", keepId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async listForUser(userId, now) {
      const rows = await db
        .selectFrom("sessions")
        .select(["id", "created_at", "last_used_at", "expires_at", "user_agent"])
        .where("user_id", "=", userId)
        .where("expires_at", ">", now)
        .orderBy("created_at", "desc")
        .limit(100)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        createdAt: row.created_at,
        lastUsedAt: row.last_used_at,
        expiresAt: row.expires_at,
        userAgent: row.user_agent,
      }));
    },
  };
}
