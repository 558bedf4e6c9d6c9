import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";

/**
 * A user's notifications with the names they show: who caused each (the assigner or the note's author) and the
 * customer it is about (its conversation's or deal's contact). Names are looked up when read, not copied into
 * the notification, so a rename shows and an erased contact leaves no name behind.
 */
export function selectNamedNotifications(db: Kysely<Database>, organizationId: string, userId: string) {
  return db
    .selectFrom("notifications as n")
    .leftJoin("users as actor", (join) =>
      join
        .onRef("actor.organization_id", "=", "n.organization_id")
        .on(sql<boolean>`actor.id = coalesce(n.data->>'assignedBy', n.data->>'authorId')::uuid`),
    )
    .leftJoin("conversations as conversation", (join) =>
      join
        .onRef("conversation.organization_id", "=", "n.organization_id")
        .on(sql<boolean>`conversation.id = (n.data->>'conversationId')::uuid`),
    )
    .leftJoin("deals as deal", (join) =>
      join
        .onRef("deal.organization_id", "=", "n.organization_id")
        .on(sql<boolean>`deal.id = (n.data->>'dealId')::uuid`),
    )
    .leftJoin("contacts as contact", (join) =>
      join
        .onRef("contact.organization_id", "=", "n.organization_id")
        .on(sql<boolean>`contact.id = coalesce(conversation.contact_id, deal.contact_id)`),
    )
    .select([
      "n.id",
      "n.organization_id",
      "n.user_id",
      "n.type",
      "n.data",
      "n.read_at",
      "n.created_at",
      "actor.id as actor_id",
      "actor.name as actor_name",
      "contact.id as contact_id",
      "contact.name as contact_name",
    ])
    .where("n.organization_id", "=", organizationId)
    .where("n.user_id", "=", userId);
}
