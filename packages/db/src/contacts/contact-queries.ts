import type { TagRef } from "@crm/domain";
import { type Expression, type Kysely, sql } from "kysely";
import { jsonBuildObject } from "kysely/helpers/postgres";
import type { Database } from "../database.gen";
import { contactColumns } from "./rows";

/**
 * A contact's tags in name order as one JSON array, [] when it has none. In a select list it is a SubPlan
 * run per returned row: above the LIMIT, so a page reads the tags of its own rows only.
 */
export const tagsJson = (db: Kysely<Database>, organizationId: string, contactId: Expression<string>) =>
  db
    .selectFrom("contact_tags as ct")
    .innerJoin("tags as t", "t.id", "ct.tag_id")
    .select((eb) =>
      // ordered in the aggregate: the order of a sorted subquery is not guaranteed to reach json_agg
      eb.fn
        .coalesce(
          eb.fn
            .jsonAgg(
              jsonBuildObject({ id: eb.ref("t.id"), name: eb.ref("t.name"), color: eb.ref("t.color") }),
            )
            .orderBy(eb.fn("lower", ["t.name"])),
          sql<TagRef[]>`'[]'`,
        )
        .as("tags"),
    )
    .where("ct.organization_id", "=", organizationId)
    .where("ct.contact_id", "=", contactId);

/**
 * Contacts with their company's name and their tags: the base of every read that returns contacts.
 * The name is a SubPlan per returned row, as the tags are, not a join: a join's plan follows the estimated
 * matches, and the search's company branch (estimated at hundreds of rows whatever it finds) turned it into a
 * hash of every organization's companies.
 */
export const selectContacts = (db: Kysely<Database>, organizationId: string) =>
  db
    .selectFrom("contacts as c")
    .select((eb) => [
      ...contactColumns("c"),
      eb
        .selectFrom("companies as co")
        .select("co.name")
        .whereRef("co.id", "=", "c.company_id")
        .as("company_name"),
      tagsJson(db, organizationId, eb.ref("c.id")).as("tags"),
    ])
    .where("c.organization_id", "=", organizationId);
