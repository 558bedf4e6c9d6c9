import { pageSize } from "@crm/domain";
import type { DeletionRepository } from "@crm/domain/deletions/ports";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";
import { decodeCursor, encodeCursor, filteredList } from "../shared/cursor";

/** Each kind's cursor names its own list, so a contact deletions cursor is refused for deals. */
const listName = (entity: string) => `deletions.${entity}`;

export function createDeletionRepository(db: Kysely<Database>): DeletionRepository {
  return {
    async list(organizationId, filter, page) {
      const limit = pageSize(page.limit);
      const list = filteredList(listName(filter.entity), {
        deletedFrom: filter.deletedFrom,
        deletedTo: filter.deletedTo,
      });
      const after = decodeCursor(page.cursor, list);
      let query = db
        .selectFrom("deletions")
        .select(["id", "entity", "entity_id", "merged_into_id", "deleted_at"])
        .where("organization_id", "=", organizationId)
        .where("entity", "=", filter.entity);
      if (filter.deletedFrom) query = query.where("deleted_at", ">=", filter.deletedFrom);
      if (filter.deletedTo) query = query.where("deleted_at", "<=", filter.deletedTo);
      if (after) {
        query = query.where((eb) =>
          eb(eb.refTuple("deleted_at", "id"), ">", eb.tuple(new Date(after.at), after.id)),
        );
      }
      // on idx_deletions_list (organization_id, entity, deleted_at, id)
      const rows = await query
        .orderBy("deleted_at", "asc")
        .orderBy("id", "asc")
        .limit(limit + 1)
        .execute();
      const pageRows = rows.slice(0, limit);
      const last = pageRows.at(-1);
      return {
        items: pageRows.map((row) => ({
          entity: row.entity,
          id: row.entity_id,
          deletedAt: row.deleted_at,
          mergedIntoId: row.merged_into_id,
        })),
        nextCursor: rows.length > limit && last ? encodeCursor(last.deleted_at, last.id, list) : null,
      };
    },
  };
}
