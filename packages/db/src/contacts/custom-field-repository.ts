import { type CustomFieldRepository, DomainError, pageSize } from "@crm/domain";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";
import { decodeCursor, toPage } from "../shared/cursor";
import { toCustomFieldDefinition } from "./rows";

export function createCustomFieldRepository(db: Kysely<Database>): CustomFieldRepository {
  const base = (organizationId: string) =>
    db.selectFrom("custom_field_definitions").selectAll().where("organization_id", "=", organizationId);

  return {
    async create(organizationId, draft) {
      const row = await db
        .insertInto("custom_field_definitions")
        .values({
          organization_id: organizationId,
          key: draft.key,
          label: draft.label,
          type: draft.type,
          options: JSON.stringify(draft.options),
          required: draft.required,
        })
        .onConflict((oc) => oc.doNothing())
        .returningAll()
        .executeTakeFirst();
      if (row) return toCustomFieldDefinition(row);
      const existing = await base(organizationId).where("key", "=", draft.key).executeTakeFirst();
      throw new DomainError("CONFLICT", `A custom field with the key "${draft.key}" already exists`, {
        fieldErrors: { key: [`A custom field with the key "${draft.key}" already exists`] },
        ...(existing ? { existingId: existing.id } : {}),
      });
    },

    async findById(organizationId, id) {
      const row = await base(organizationId).where("id", "=", id).executeTakeFirst();
      return row ? toCustomFieldDefinition(row) : undefined;
    },

    async listAll(organizationId) {
      const rows = await base(organizationId).orderBy("created_at", "asc").orderBy("id", "asc").execute();
      return rows.map(toCustomFieldDefinition);
    },

    async list(organizationId, page) {
      const limit = pageSize(page.limit);
      const cursor = decodeCursor(page.cursor, "customFields");
      let query = base(organizationId)
        .orderBy("created_at", "asc")
        .orderBy("id", "asc")
        .limit(limit + 1);
      if (cursor) {
        query = query.where((eb) =>
          eb(eb.refTuple("created_at", "id"), ">", eb.tuple(new Date(cursor.at), cursor.id)),
        );
      }
      return toPage(await query.execute(), limit, toCustomFieldDefinition, "customFields");
    },

    async update(organizationId, id, patch) {
      const row = await db
        .updateTable("custom_field_definitions")
        .set({
          ...(patch.label !== undefined && { label: patch.label }),
          ...(patch.options !== undefined && { options: JSON.stringify(patch.options) }),
          ...(patch.required !== undefined && { required: patch.required }),
          updated_at: new Date(),
        })
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirst();
      return row ? toCustomFieldDefinition(row) : undefined;
    },

    async remove(organizationId, id) {
      const result = await db
        .deleteFrom("custom_field_definitions")
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
