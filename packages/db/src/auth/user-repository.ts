import { DomainError, pageSize, type UserRepository } from "@crm/domain";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";
import { isUniqueViolation } from "../errors";
import { decodeCursor, filteredList, toPage } from "../shared/cursor";
import { escapeLike } from "../shared/escape-like";
import { toUser, userColumns } from "./rows";

export function createUserRepository(db: Kysely<Database>): UserRepository {
  const byId = (organizationId: string, id: string) =>
    db
      .selectFrom("users")
      .select(userColumns)
      .where("organization_id", "=", organizationId)
      .where("id", "=", id);

  return {
    async create(organizationId, input) {
      try {
        const row = await db
          .insertInto("users")
          .values({
            organization_id: organizationId,
            email: input.email,
            name: input.name,
            role: input.role,
            password_hash: input.passwordHash,
          })
          .returning(userColumns)
          .executeTakeFirstOrThrow();
        return toUser(row);
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new DomainError("CONFLICT", "An account with this email already exists", {
            fieldErrors: { email: ["An account with this email already exists"] },
          });
        }
        throw error;
      }
    },

    async findById(organizationId, id) {
      const row = await byId(organizationId, id).executeTakeFirst();
      return row ? toUser(row) : undefined;
    },

    async lockById(organizationId, id) {
      const row = await byId(organizationId, id).forUpdate().executeTakeFirst();
      return row ? toUser(row) : undefined;
    },

    async findByIdAnyOrganization(id) {
      const row = await db.selectFrom("users").select(userColumns).where("id", "=", id).executeTakeFirst();
      return row ? toUser(row) : undefined;
    },

    async findByEmailWithPassword(email) {
      const row = await db
        .selectFrom("users")
        .select([...userColumns, "password_hash"])
        .where("email", "=", email.toLowerCase())
        .executeTakeFirst();
      return row ? { ...toUser(row), passwordHash: row.password_hash } : undefined;
    },

    async list(organizationId, filter, page) {
      const limit = pageSize(page.limit);
      // a blank search matches everyone, as no search does
      const list = filteredList("users", { role: filter.role, search: filter.search?.trim() || undefined });
      const cursor = decodeCursor(page.cursor, list);
      let query = db
        .selectFrom("users")
        .select(userColumns)
        .where("organization_id", "=", organizationId)
        .orderBy("created_at", "asc")
        .orderBy("id", "asc")
        .limit(limit + 1);
      if (filter.role) query = query.where("role", "=", filter.role);
      if (filter.search) {
        const pattern = `%${escapeLike(filter.search.trim())}%`;
        query = query.where((eb) => eb.or([eb("name", "ilike", pattern), eb("email", "ilike", pattern)]));
      }
      if (cursor) {
        query = query.where((eb) =>
          eb.or([
            eb("created_at", ">", new Date(cursor.at)),
            eb.and([eb("created_at", "=", new Date(cursor.at)), eb("id", ">", cursor.id)]),
          ]),
        );
      }
      return toPage(await query.execute(), limit, toUser, list);
    },

    async update(organizationId, id, patch) {
      const row = await db
        .updateTable("users")
        .set({ ...patch, updated_at: new Date() })
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .returning(userColumns)
        .executeTakeFirst();
      return row ? toUser(row) : undefined;
    },

    async setPassword(userId, passwordHash) {
      await db
        .updateTable("users")
        .set({ password_hash: passwordHash, updated_at: new Date() })
        .where("id", "=", userId)
        .execute();
    },

    async recordLogin(userId, at) {
      await db.updateTable("users").set({ last_login_at: at }).where("id", "=", userId).execute();
    },

    async remove(organizationId, id) {
      const result = await db
        .deleteFrom("users")
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async lockOwners(organizationId) {
      const rows = await db
        .selectFrom("users")
        .select("id")
        .where("organization_id", "=", organizationId)
        .where("role", "=", "owner")
        .forUpdate()
        .execute();
      return rows.map((row) => row.id);
    },
  };
}
