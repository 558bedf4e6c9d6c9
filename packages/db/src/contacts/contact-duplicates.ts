import { type ContactRepository, signalsOf } from "@crm/domain";
import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { Database } from "../database.gen";
import { selectContacts } from "./contact-queries";
import { toContact } from "./rows";

const emailLocalPart = (email: Expression<string | null>) => sql<string>`split_part(${email}, '@', 1)`;
const asInt = (condition: Expression<SqlBool>) => sql<number>`(coalesce(${condition}, false))::int`;

/*
 * Each signal is an equality on an indexed expression: (organization_id, name_key, id),
 * (organization_id, phone) and 0047's (organization_id, split_part(email, '@', 1)).
 * The planner ORs their bitmaps, so the cost follows the matches, not the size of the organization. The
 * contact's name key is read first so the statement compares with a constant, not a joined row.
 */
export function contactDuplicates(
  db: Kysely<Database>,
): Pick<ContactRepository, "possibleDuplicates" | "deletionImpact"> {
  return {
    async possibleDuplicates(organizationId, id, criteria, limit) {
      const own = await db
        .selectFrom("contacts")
        .select("name_key")
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .executeTakeFirst();
      if (!own) return [];
      const { phones, emailLocalPart: localPart } = criteria;
      const sameName = sql<SqlBool>`c.name_key = ${own.name_key}`;
      const samePhone =
        phones.length > 0 ? sql<SqlBool>`c.phone in (${sql.join(phones)})` : sql<SqlBool>`false`;
      const sameLocal = localPart
        ? sql<SqlBool>`(c.email is not null and ${emailLocalPart(sql.ref("c.email"))} = ${localPart})`
        : sql<SqlBool>`false`;
      const rows = await selectContacts(db, organizationId)
        .select([
          asInt(sameName).as("same_name"),
          asInt(samePhone).as("same_phone"),
          asInt(sameLocal).as("same_local"),
        ])
        .where("c.id", "!=", id)
        .where(sql<SqlBool>`(${sameName} or ${samePhone} or ${sameLocal})`)
        .orderBy(sql`${asInt(sameName)} + ${asInt(samePhone)} + ${asInt(sameLocal)}`, "desc")
        .orderBy("same_phone", "desc")
        .orderBy("c.created_at", "desc")
        .orderBy("c.id", "desc")
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        contact: toContact(row),
        signals: signalsOf({
          name: row.same_name === 1,
          phone: row.same_phone === 1,
          emailLocalPart: row.same_local === 1,
        }),
      }));
    },

    async deletionImpact(organizationId, id) {
      const conversations = db
        .selectFrom("conversations")
        .select("id")
        .where("organization_id", "=", organizationId)
        .where("contact_id", "=", id);
      const deals = db
        .selectFrom("deals")
        .select("id")
        .where("organization_id", "=", organizationId)
        .where("contact_id", "=", id);
      const row = await db
        .selectNoFrom((eb) => [
          eb.selectFrom(conversations.as("cv")).select(eb.fn.countAll<string>().as("n")).as("conversations"),
          eb
            .selectFrom("messages")
            .select(eb.fn.countAll<string>().as("n"))
            .where("organization_id", "=", organizationId)
            .where("conversation_id", "in", conversations)
            .as("messages"),
          eb.selectFrom(deals.as("d")).select(eb.fn.countAll<string>().as("n")).as("deals"),
          eb
            .selectFrom("payments")
            .select(eb.fn.countAll<string>().as("n"))
            .where("organization_id", "=", organizationId)
            .where("status", "=", "pending")
            .where("deal_id", "in", deals)
            .as("pending_links"),
        ])
        .executeTakeFirstOrThrow();
      return {
        conversations: Number(row.conversations ?? 0),
        messages: Number(row.messages ?? 0),
        deals: Number(row.deals ?? 0),
        pendingPaymentLinks: Number(row.pending_links ?? 0),
      };
    },
  };
}
