import { DomainError, pageSize, type TagRepository } from "@crm/domain";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";
import { isUniqueViolation } from "../errors";
import { decodeCursor, toPage } from "../shared/cursor";
import { escapeLike } from "../shared/escape-like";
import { findOrCreateByNames } from "./named-rows";
import { toTag } from "./rows";

const nameTaken = (existingId?: string) =>
  new DomainError("CONFLICT", "A tag with this name already exists", {
    fieldErrors: { name: ["A tag with this name already exists"] },
    ...(existingId === undefined ? {} : { existingId }),
  });

export function createTagRepository(db: Kysely<Database>): TagRepository {
  const findByNames: TagRepository["findByNames"] = async (organizationId, names) => {
    if (names.length === 0) return [];
    const rows = await db
      .selectFrom("tags")
      .selectAll()
      .where("organization_id", "=", organizationId)
      .where(
        sql<string>`lower(name)`,
        "in",
        names.map((name) => name.toLowerCase()),
      )
      .execute();
    return rows.map(toTag);
  };

  return {
    async create(organizationId, input) {
      const row = await db
        .insertInto("tags")
        .values({ organization_id: organizationId, name: input.name, color: input.color })
        .onConflict((oc) => oc.doNothing())
        .returningAll()
        .executeTakeFirst();
      if (row) return toTag(row);
      const [existing] = await findByNames(organizationId, [input.name]);
      throw nameTaken(existing?.id);
    },

    async findById(organizationId, id) {
      const row = await db
        .selectFrom("tags")
        .selectAll()
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .executeTakeFirst();
      return row ? toTag(row) : undefined;
    },

    async findByIds(organizationId, ids) {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom("tags")
        .selectAll()
        .where("organization_id", "=", organizationId)
        .where("id", "in", ids)
        .execute();
      return rows.map(toTag);
    },

    findByNames,

    findOrCreateByNames: (organizationId, names) => findOrCreateByNames(db, "tags", organizationId, names),

    async list(organizationId, filter, page) {
      const limit = pageSize(page.limit);
      const cursor = decodeCursor(page.cursor, "tags");
      let query = db
        .selectFrom("tags")
        .selectAll()
        .where("organization_id", "=", organizationId)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(limit + 1);
      const search = filter.search?.trim();
      if (search) query = query.where("name", "ilike", `%${escapeLike(search)}%`);
      if (cursor) {
        query = query.where((eb) =>
          eb(eb.refTuple("created_at", "id"), "<", eb.tuple(new Date(cursor.at), cursor.id)),
        );
      }
      return toPage(await query.execute(), limit, toTag, "tags");
    },

    async update(organizationId, id, patch) {
      if (patch.name !== undefined) {
        const [taken] = await findByNames(organizationId, [patch.name]);
        if (taken && taken.id !== id) throw nameTaken(taken.id);
      }
      try {
        const row = await db
          .updateTable("tags")
          .set({ ...patch, updated_at: new Date() })
          .where("organization_id", "=", organizationId)
          .where("id", "=", id)
          .returningAll()
          .executeTakeFirst();
        return row ? toTag(row) : undefined;
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken();
        throw error;
      }
    },

    async remove(organizationId, id) {
      const detached = await db
        .deleteFrom("contact_tags")
        .where("organization_id", "=", organizationId)
        .where("tag_id", "=", id)
        .returning("contact_id")
        .execute();
      const result = await db
        .deleteFrom("tags")
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .executeTakeFirst();
      return result.numDeletedRows > 0n ? detached.map((row) => row.contact_id) : undefined;
    },

    async countContacts(organizationId, id) {
      // idx_contact_tags_tag (tag_id, contact_id) answers it
      const row = await db
        .selectFrom("contact_tags")
        .select((eb) => eb.fn.countAll<string>().as("count"))
        .where("organization_id", "=", organizationId)
        .where("tag_id", "=", id)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
  };
}
