import type { InboundSenderRepository } from "@crm/domain/conversations/ingestion-ports";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";

export function createIngestionSenderRepository(db: Kysely<Database>): InboundSenderRepository {
  return {
    async lock(organizationId, key) {
      // two int4 keys: the organization's hash and the sender's, released at commit or rollback
      await sql`select pg_advisory_xact_lock(hashtext(${organizationId}), hashtext(${key}))`.execute(db);
    },

    async findContactId(organizationId, channel, channelUserId) {
      const row = await db
        .selectFrom("channel_identities")
        .select("contact_id")
        .where("organization_id", "=", organizationId)
        .where("channel", "=", channel)
        .where("channel_user_id", "=", channelUserId)
        .executeTakeFirst();
      return row?.contact_id;
    },

    async findContactIdByPhones(organizationId, phones) {
      if (phones.length === 0) return undefined;
      const rows = await db
        .selectFrom("contacts")
        .select(["id", "phone"])
        .where("organization_id", "=", organizationId)
        .where("phone", "in", phones)
        .execute();
      return phones.map((phone) => rows.find((row) => row.phone === phone)).find((row) => row)?.id;
    },

    async createContact(organizationId, contact) {
      const row = await db
        .insertInto("contacts")
        .values({ organization_id: organizationId, name: contact.name, phone: contact.phone })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async link(organizationId, contactId, identity) {
      await db
        .insertInto("channel_identities")
        .values({
          organization_id: organizationId,
          contact_id: contactId,
          channel: identity.channel,
          channel_user_id: identity.channelUserId,
          display_name: identity.displayName,
        })
        .onConflict((oc) => oc.constraint("channel_identities_unique").doNothing())
        .execute();
    },
  };
}
