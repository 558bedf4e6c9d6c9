import { type ApiKeyRepository, pageSize } from "@crm/domain";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";
import { decodeCursor, toPage } from "../shared/cursor";
import { apiKeyColumns, toApiKey } from "./rows";

export function createApiKeyRepository(db: Kysely<Database>): ApiKeyRepository {
  const active = () => db.selectFrom("api_keys").select(apiKeyColumns).where("revoked_at", "is", null);
  const findById: ApiKeyRepository["findById"] = async (organizationId, id) => {
    const row = await db
      .selectFrom("api_keys")
      .select(apiKeyColumns)
      .where("organization_id", "=", organizationId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? toApiKey(row) : undefined;
  };

  return {
    async create(input) {
      const row = await db
        .insertInto("api_keys")
        .values({
          organization_id: input.organizationId,
          name: input.name,
          role: input.role,
          key_hash: input.keyHash,
          prefix: input.prefix,
          created_by: input.createdBy,
        })
        .returning(apiKeyColumns)
        .executeTakeFirstOrThrow();
      return toApiKey(row);
    },

    findById,

    async findActiveByHash(keyHash) {
      const row = await active().where("key_hash", "=", keyHash).executeTakeFirst();
      return row ? toApiKey(row) : undefined;
    },

    async findActiveById(organizationId, id) {
      const row = await active()
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .executeTakeFirst();
      return row ? toApiKey(row) : undefined;
    },

    async list(organizationId, page) {
      const limit = pageSize(page.limit);
      const cursor = decodeCursor(page.cursor, "apiKeys");
      let query = db
        .selectFrom("api_keys")
        .select(apiKeyColumns)
        .where("organization_id", "=", organizationId)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(limit + 1);
      if (cursor) {
        query = query.where((eb) =>
          eb.or([
            eb("created_at", "<", new Date(cursor.at)),
            eb.and([eb("created_at", "=", new Date(cursor.at)), eb("id", "<", cursor.id)]),
          ]),
        );
      }
      return toPage(await query.execute(), limit, toApiKey, "apiKeys");
    },

    async revoke(organizationId, id, at) {
      await db
        .updateTable("api_keys")
        .set({ revoked_at: at })
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .where("revoked_at", "is", null)
        .execute();
      return findById(organizationId, id);
    },

    async touch(id, at) {
      await db.updateTable("api_keys").set({ last_used_at: at }).where("id", "=", id).execute();
    },
  };
}
