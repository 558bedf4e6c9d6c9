import type { DealReferences } from "@crm/domain";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";

/** Reads of other contexts' tables that deals refer to, always within the caller's organization. */
export function createDealReferences(db: Kysely<Database>): DealReferences {
  return {
    async contactExists(organizationId, contactId) {
      const row = await db
        .selectFrom("contacts")
        .select("id")
        .where("organization_id", "=", organizationId)
        .where("id", "=", contactId)
        .executeTakeFirst();
      return row !== undefined;
    },

    async userExists(organizationId, userId) {
      const row = await db
        .selectFrom("users")
        .select("id")
        .where("organization_id", "=", organizationId)
        .where("id", "=", userId)
        .executeTakeFirst();
      return row !== undefined;
    },

    async defaultCurrency(organizationId) {
      const row = await db
        .selectFrom("organizations")
        .select("default_currency")
        .where("id", "=", organizationId)
        .executeTakeFirstOrThrow();
      return row.default_currency;
    },

    async timeZone(organizationId) {
      const row = await db
        .selectFrom("organizations")
        .select("timezone")
        .where("id", "=", organizationId)
        .executeTakeFirstOrThrow();
      return row.timezone;
    },
  };
}
