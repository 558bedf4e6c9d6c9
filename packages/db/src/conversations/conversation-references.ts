import { type ConversationReferences, channels } from "@crm/domain";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";

/** Contacts, channel identities, integrations and users, read for the inbox's checks. */
export function createConversationReferences(db: Kysely<Database>): ConversationReferences {
  return {
    async contact(organizationId, contactId) {
      return db
        .selectFrom("contacts")
        .select(["id", "name", "phone", "email"])
        .where("organization_id", "=", organizationId)
        .where("id", "=", contactId)
        .executeTakeFirst();
    },

    async channelUserId(organizationId, contactId, channel) {
      const row = await db
        .selectFrom("channel_identities")
        .select("channel_user_id")
        .where("organization_id", "=", organizationId)
        .where("contact_id", "=", contactId)
        .where("channel", "=", channel)
        .orderBy("created_at", "desc")
        .executeTakeFirst();
      return row?.channel_user_id;
    },

    async integration(organizationId, integrationId) {
      const row = await db
        .selectFrom("integrations")
        .select(["id", "channel", "name", "is_active"])
        .where("organization_id", "=", organizationId)
        .where("id", "=", integrationId)
        .executeTakeFirst();
      return row && { id: row.id, channel: row.channel, name: row.name, isActive: row.is_active };
    },

    async activeChannelIntegrations(organizationId) {
      const rows = await db
        .selectFrom("integrations")
        .select(["id", "channel", "name"])
        .where("organization_id", "=", organizationId)
        .where("is_active", "=", true)
        .where("channel", "in", channels)
        .orderBy("name")
        .orderBy("id")
        .execute();
      return rows.map((row) => ({ ...row, isActive: true }));
    },

    async channelsOfContact(organizationId, contactId) {
      const rows = await db
        .selectFrom("channel_identities")
        .select("channel")
        .distinct()
        .where("organization_id", "=", organizationId)
        .where("contact_id", "=", contactId)
        .execute();
      return rows.map((row) => row.channel);
    },

    async member(organizationId, userId) {
      return db
        .selectFrom("users")
        .select(["id", "role"])
        .where("organization_id", "=", organizationId)
        .where("id", "=", userId)
        .executeTakeFirst();
    },
  };
}
