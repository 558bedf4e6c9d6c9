import { DomainError, type LostReason, type LostReasonRepository } from "@crm/domain";
import { type Kysely, type Selectable, sql } from "kysely";
import type { Database, LostReasons } from "../database.gen";
import { isUniqueViolation } from "../errors";

const columns = [
  "id",
  "organization_id",
  "name",
  "position",
  "archived_at",
  "created_at",
  "updated_at",
] as const;

const toLostReason = (row: Pick<Selectable<LostReasons>, (typeof columns)[number]>): LostReason => ({
  id: row.id,
  organizationId: row.organization_id,
  name: row.name,
  position: row.position,
  archivedAt: row.archived_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const nameTaken = (existingId?: string) =>
  new DomainError("CONFLICT", "A lost reason with this name already exists", {
    fieldErrors: { name: ["A lost reason with this name already exists"] },
    ...(existingId === undefined ? {} : { existingId }),
  });

export function createLostReasonRepository(db: Kysely<Database>): LostReasonRepository {
  const select = (organizationId: string) =>
    db.selectFrom("lost_reasons").select(columns).where("organization_id", "=", organizationId);
  // the same expression as idx_lost_reasons_org_name
  const findByName = (organizationId: string, name: string) =>
    select(organizationId)
      .where(sql<string>`lower(name)`, "=", sql<string>`lower(${name})`)
      .executeTakeFirst();
  const ordered = (organizationId: string) =>
    select(organizationId).orderBy("position", "asc").orderBy("created_at", "asc").orderBy("id", "asc");

  return {
    async create(organizationId, input) {
      const row = await db
        .insertInto("lost_reasons")
        .values({ organization_id: organizationId, name: input.name, position: input.position })
        .onConflict((oc) => oc.doNothing())
        .returning(columns)
        .executeTakeFirst();
      if (row) return toLostReason(row);
      throw nameTaken((await findByName(organizationId, input.name))?.id);
    },

    async findById(organizationId, id) {
      const row = await select(organizationId).where("id", "=", id).executeTakeFirst();
      return row ? toLostReason(row) : undefined;
    },

    async list(organizationId, filter) {
      let query = ordered(organizationId);
      if (filter.archived !== undefined) {
        query = query.where("archived_at", filter.archived ? "is not" : "is", null);
      }
      return (await query.execute()).map(toLostReason);
    },

    async lockAll(organizationId) {
      return (await ordered(organizationId).forUpdate().execute()).map(toLostReason);
    },

    async update(organizationId, id, patch, at) {
      if (patch.name !== undefined) {
        const taken = await findByName(organizationId, patch.name);
        if (taken && taken.id !== id) throw nameTaken(taken.id);
      }
      try {
        const row = await db
          .updateTable("lost_reasons")
          .set({
            ...(patch.name !== undefined && { name: patch.name }),
            ...(patch.position !== undefined && { position: patch.position }),
            ...(patch.archivedAt !== undefined && { archived_at: patch.archivedAt }),
            updated_at: at,
          })
          .where("organization_id", "=", organizationId)
          .where("id", "=", id)
          .returning(columns)
          .executeTakeFirst();
        return row ? toLostReason(row) : undefined;
      } catch (error) {
        // another reason took the name meanwhile (the transaction is aborted: nothing more to read)
        if (isUniqueViolation(error)) throw nameTaken();
        throw error;
      }
    },

    async setPositions(organizationId, positions, at) {
      for (const { id, position } of positions) {
        await db
          .updateTable("lost_reasons")
          .set({ position, updated_at: at })
          .where("organization_id", "=", organizationId)
          .where("id", "=", id)
          .execute();
      }
    },
  };
}
