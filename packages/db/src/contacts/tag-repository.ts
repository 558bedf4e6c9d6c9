import { DomainError, type TagRepository } from "@crm/domain";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";
import { recordDeletions } from "../deletions/tombstones";
import { isUniqueViolation } from "../errors";
import { toTag } from "./rows";
import { listTags } from "./tag-list";
import { findOrCreateTagsByNames, findTagRowsByNames } from "./tag-names";

const nameTaken = (existingId?: string) =>
  new DomainError("CONFLICT", "A tag with this name already exists", {
    fieldErrors: { name: ["A tag with this name already exists"] },
    ...(existingId === undefined ? {} : { existingId }),
  });

export function createTagRepository(db: Kysely<Database>): TagRepository {
  const findByNames: TagRepository["findByNames"] = async (organizationId, names) =>
    (await findTagRowsByNames(db, organizationId, names)).map(toTag);

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

    findOrCreateByNames: (organizationId, names) => findOrCreateTagsByNames(db, organizationId, names),

    list: (organizationId, filter, page) => listTags(db, organizationId, filter, page),

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
        // another tag took the name meanwhile
        if (!isUniqueViolation(error) || patch.name === undefined) throw error;
        const [taken] = await findByNames(organizationId, [patch.name]);
        throw nameTaken(taken?.id);
      }
    },

    async remove(organizationId, id) {
      const detached = await db
        .deleteFrom("contact_tags")
        .where("organization_id", "=", organizationId)
        .where("tag_id", "=", id)
        .returning("contact_id")
        .execute();
      const removed = await db
        .deleteFrom("tags")
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .returning("id")
        .execute();
      await recordDeletions(
        db,
        organizationId,
        "tag",
        removed.map((row) => row.id),
      );
      return removed.length > 0 ? detached.map((row) => row.contact_id) : undefined;
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
