import { type CompanyRepository, DomainError, pageSize } from "@crm/domain";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";
import { isUniqueViolation } from "../errors";
import { decodeCursor, toPage } from "../shared/cursor";
import { escapeLike } from "../shared/escape-like";
import { afterUpdated, toUpdatedPage, updatedList, updatedRangeConditions } from "../shared/updated-order";
import { findOrCreateByNames } from "./named-rows";
import { toCompany, toCompanySummary } from "./rows";

const nameTaken = (existingId?: string) =>
  new DomainError("CONFLICT", "A company with this name already exists", {
    fieldErrors: { name: ["A company with this name already exists"] },
    ...(existingId === undefined ? {} : { existingId }),
  });

export function createCompanyRepository(db: Kysely<Database>): CompanyRepository {
  const findByName: CompanyRepository["findByName"] = async (organizationId, name) => {
    const row = await db
      .selectFrom("companies")
      .selectAll()
      .where("organization_id", "=", organizationId)
      .where(sql<string>`lower(name)`, "=", sql<string>`lower(${name})`)
      .executeTakeFirst();
    return row ? toCompany(row) : undefined;
  };

  return {
    async create(organizationId, name) {
      const row = await db
        .insertInto("companies")
        .values({ organization_id: organizationId, name })
        .onConflict((oc) => oc.doNothing())
        .returningAll()
        .executeTakeFirst();
      if (row) return toCompany(row);
      throw nameTaken((await findByName(organizationId, name))?.id);
    },

    async findById(organizationId, id, lock) {
      const query = db
        .selectFrom("companies")
        .selectAll()
        .where("organization_id", "=", organizationId)
        .where("id", "=", id);
      const row = await (lock === "update" ? query.forUpdate() : query).executeTakeFirst();
      return row ? toCompany(row) : undefined;
    },

    findByName,

    findOrCreateByNames: (organizationId, names) =>
      findOrCreateByNames(db, "companies", organizationId, names),

    async list(organizationId, filter, page) {
      const limit = pageSize(page.limit);
      const base = db
        .selectFrom("companies")
        .selectAll("companies")
        // one count per listed company in the same statement, on the contacts' company_id index
        .select((eb) =>
          eb
            .selectFrom("contacts")
            .select(sql<number>`count(*)::int`.as("count"))
            .where("contacts.organization_id", "=", organizationId)
            .whereRef("contacts.company_id", "=", "companies.id")
            .as("contact_count"),
        )
        .where("organization_id", "=", organizationId)
        .where((eb) => eb.and(updatedRangeConditions("companies", filter)));
      const search = filter.search?.trim();
      const searched = search ? base.where("name", "ilike", `%${escapeLike(search)}%`) : base;
      if (page.sort === "updatedAt") {
        const after = decodeCursor(page.cursor, updatedList("companies"));
        const query = (after ? searched.where(afterUpdated("companies", after)) : searched)
          .orderBy("updated_at", "asc")
          .orderBy("id", "asc")
          .limit(limit + 1);
        return toUpdatedPage(await query.execute(), limit, toCompanySummary, "companies");
      }
      const cursor = decodeCursor(page.cursor, "companies");
      let query = searched
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(limit + 1);
      if (cursor) {
        query = query.where((eb) =>
          eb(eb.refTuple("created_at", "id"), "<", eb.tuple(new Date(cursor.at), cursor.id)),
        );
      }
      return toPage(await query.execute(), limit, toCompanySummary, "companies");
    },

    async update(organizationId, id, patch) {
      const taken = await findByName(organizationId, patch.name);
      if (taken && taken.id !== id) throw nameTaken(taken.id);
      try {
        const row = await db
          .updateTable("companies")
          .set({ name: patch.name, updated_at: new Date() })
          .where("organization_id", "=", organizationId)
          .where("id", "=", id)
          .returningAll()
          .executeTakeFirst();
        return row ? toCompany(row) : undefined;
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken();
        throw error;
      }
    },

    async remove(organizationId, id) {
      const unlinked = await db
        .updateTable("contacts")
        .set({ company_id: null, updated_at: new Date() })
        .where("organization_id", "=", organizationId)
        .where("company_id", "=", id)
        .returning("id")
        .execute();
      const result = await db
        .deleteFrom("companies")
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .executeTakeFirst();
      return result.numDeletedRows > 0n ? unlinked.map((row) => row.id) : undefined;
    },
  };
}
