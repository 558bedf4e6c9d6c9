import {
  type CompanyDraft,
  type CompanyFields,
  type CompanyRepository,
  cnpjFragment,
  DomainError,
  pageSize,
} from "@crm/domain";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";
import { recordDeletions } from "../deletions/tombstones";
import { isUniqueViolation, uniqueViolationConstraint } from "../errors";
import { decodeCursor, filteredList, toPage } from "../shared/cursor";
import { escapeLike } from "../shared/escape-like";
import { asNameKey } from "../shared/name-key";
import { afterUpdated, toUpdatedPage, updatedList, updatedRangeConditions } from "../shared/updated-order";
import { findOrCreateCompaniesByNames } from "./named-rows";
import { toCompany, toCompanySummary } from "./rows";

const nameTaken = (existingId?: string) =>
  new DomainError("CONFLICT", "A company with this name already exists", {
    fieldErrors: { name: ["A company with this name already exists"] },
    ...(existingId === undefined ? {} : { existingId }),
  });

const taxIdTaken = (existingId?: string) =>
  new DomainError("CONFLICT", "A company with this CNPJ already exists", {
    fieldErrors: { taxId: ["A company with this CNPJ already exists"] },
    ...(existingId === undefined ? {} : { existingId }),
  });

const toColumns = (fields: CompanyFields) => ({
  ...(fields.name === undefined ? {} : { name: fields.name }),
  ...(fields.taxId === undefined ? {} : { tax_id: fields.taxId }),
  ...(fields.domain === undefined ? {} : { domain: fields.domain }),
  ...(fields.phone === undefined ? {} : { phone: fields.phone }),
  ...(fields.address === undefined
    ? {}
    : { address: fields.address === null ? null : JSON.stringify(fields.address) }),
});

export function createCompanyRepository(db: Kysely<Database>): CompanyRepository {
  const findByName: CompanyRepository["findByName"] = async (organizationId, name) => {
    const row = await db
      .selectFrom("companies")
      .selectAll()
      .where("organization_id", "=", organizationId)
      // accents and letter case aside, as the unique index compares names (migration 0053)
      .where("name_key", "=", asNameKey(name))
      .executeTakeFirst();
    return row ? toCompany(row) : undefined;
  };

  const findIdByTaxId = async (organizationId: string, taxId: string) =>
    (
      await db
        .selectFrom("companies")
        .select("id")
        .where("organization_id", "=", organizationId)
        .where("tax_id", "=", taxId)
        .executeTakeFirst()
    )?.id;

  /** The conflict the name or CNPJ of `fields` runs into with a company other than `exceptId`, if any. */
  const conflictOf = async (organizationId: string, fields: CompanyFields, exceptId?: string) => {
    const named = fields.name === undefined ? undefined : await findByName(organizationId, fields.name);
    if (named && named.id !== exceptId) return nameTaken(named.id);
    const taxed = fields.taxId ? await findIdByTaxId(organizationId, fields.taxId) : undefined;
    if (taxed && taxed !== exceptId) return taxIdTaken(taxed);
    return undefined;
  };

  return {
    async create(organizationId, draft: CompanyDraft) {
      // DO NOTHING instead of an error keeps the transaction usable to name the company we collided with
      const row = await db
        .insertInto("companies")
        .values({ organization_id: organizationId, ...toColumns(draft), name: draft.name })
        .onConflict((oc) => oc.doNothing())
        .returningAll()
        .executeTakeFirst();
      if (row) return toCompany(row);
      throw (await conflictOf(organizationId, draft)) ?? nameTaken();
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

    findOrCreateByNames: (organizationId, names) => findOrCreateCompaniesByNames(db, organizationId, names),

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
      // what decides the rows, a blank search being none
      const list = filteredList("companies", { ...filter, search: search || undefined });
      const taxIdPart = search ? cnpjFragment(search) : "";
      const searched = search
        ? base.where((eb) =>
            eb.or([
              // accents and letter case aside, on idx_companies_name_trgm (migration 0048)
              eb("name_key", "like", asNameKey(`%${escapeLike(search)}%`)),
              eb("domain", "ilike", `%${escapeLike(search.toLowerCase())}%`),
              ...(taxIdPart ? [eb("tax_id", "like", `%${escapeLike(taxIdPart)}%`)] : []),
            ]),
          )
        : base;
      if (page.sort === "updatedAt") {
        const after = decodeCursor(page.cursor, updatedList(list));
        const query = (after ? searched.where(afterUpdated("companies", after)) : searched)
          .orderBy("updated_at", "asc")
          .orderBy("id", "asc")
          .limit(limit + 1);
        return toUpdatedPage(await query.execute(), limit, toCompanySummary, list);
      }
      const cursor = decodeCursor(page.cursor, list);
      let query = searched
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(limit + 1);
      if (cursor) {
        query = query.where((eb) =>
          eb(eb.refTuple("created_at", "id"), "<", eb.tuple(new Date(cursor.at), cursor.id)),
        );
      }
      return toPage(await query.execute(), limit, toCompanySummary, list);
    },

    async update(organizationId, id, patch) {
      const conflict = await conflictOf(organizationId, patch, id);
      if (conflict) throw conflict;
      try {
        const row = await db
          .updateTable("companies")
          .set({ ...toColumns(patch), updated_at: new Date() })
          .where("organization_id", "=", organizationId)
          .where("id", "=", id)
          .returningAll()
          .executeTakeFirst();
        return row ? toCompany(row) : undefined;
      } catch (error) {
        if (uniqueViolationConstraint(error) === "idx_companies_org_tax_id") throw taxIdTaken();
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
      const removed = await db
        .deleteFrom("companies")
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .returning("id")
        .execute();
      await recordDeletions(
        db,
        organizationId,
        "company",
        removed.map((row) => row.id),
      );
      return removed.length > 0 ? unlinked.map((row) => row.id) : undefined;
    },
  };
}
