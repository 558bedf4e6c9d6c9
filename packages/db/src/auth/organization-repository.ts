import { DomainError, type OrganizationRepository, type OrganizationSettingsPatch } from "@crm/domain";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";
import { isUniqueViolation } from "../errors";
import { toOrganization } from "./rows";

export function createOrganizationRepository(db: Kysely<Database>): OrganizationRepository {
  return {
    async create(input) {
      const row = await db
        .insertInto("organizations")
        .values({ name: input.name, slug: input.slug, ...(input.locale ? { locale: input.locale } : {}) })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toOrganization(row);
    },

    async findById(id) {
      const row = await db.selectFrom("organizations").selectAll().where("id", "=", id).executeTakeFirst();
      return row ? toOrganization(row) : undefined;
    },

    async isSlugTaken(slug, exceptId) {
      let query = db.selectFrom("organizations").select("id").where("slug", "=", slug);
      if (exceptId) query = query.where("id", "!=", exceptId);
      return (await query.executeTakeFirst()) !== undefined;
    },

    async update(id, patch: OrganizationSettingsPatch) {
      try {
        const row = await db
          .updateTable("organizations")
          .set({
            ...(patch.name !== undefined && { name: patch.name }),
            ...(patch.slug !== undefined && { slug: patch.slug }),
            ...(patch.dataRetentionDays !== undefined && { data_retention_days: patch.dataRetentionDays }),
            ...(patch.defaultCurrency !== undefined && { default_currency: patch.defaultCurrency }),
            ...(patch.timezone !== undefined && { timezone: patch.timezone }),
            ...(patch.locale !== undefined && { locale: patch.locale }),
            updated_at: new Date(),
          })
          .where("id", "=", id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return toOrganization(row);
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new DomainError("CONFLICT", "This slug is taken", {
            fieldErrors: { slug: ["This slug is taken"] },
          });
        }
        throw error;
      }
    },
  };
}
