import { type ContactRepository, pageSize, storedDealValue } from "@crm/domain";
import { type Kysely, sql } from "kysely";
import { scopeConditions } from "../conversations/conversation-list";
import type { Database } from "../database.gen";
import { decodeCursor, encodeCursor, toPage } from "../shared/cursor";

type Links = Pick<ContactRepository, "conversations" | "deals" | "moveRelations" | "releaseDeals">;

/** A contact's conversations and deals: tables of other contexts, read through the columns of 0001 only. */
export function contactLinks(db: Kysely<Database>): Links {
  return {
    async conversations(organizationId, contactId, scope, page) {
      const limit = pageSize(page.limit);
      // the list names its contact and its order: a cursor of another contact's, or from the former order by
      // creation, answers 400, not a wrong page
      const list = `contactConversations.activity.${contactId}`;
      const cursor = decodeCursor(page.cursor, list);
      const activity = sql<Date>`coalesce(last_message_at, created_at)`;
      let query = db
        .selectFrom("conversations")
        .select(["id", "channel", "status", "assigned_to", "last_message_at", "created_at"])
        .select(activity.as("activity_at"))
        .where("organization_id", "=", organizationId)
        .where("contact_id", "=", contactId)
        .where((eb) => eb.and(scopeConditions(eb, scope)))
        .orderBy(activity, "desc")
        .orderBy("id", "desc")
        .limit(limit + 1);
      if (cursor) {
        query = query.where((eb) =>
          eb(eb.tuple(activity, eb.ref("id")), "<", eb.tuple(new Date(cursor.at), cursor.id)),
        );
      }
      const rows = await query.execute();
      const hasMore = rows.length > limit;
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return {
        items: items.map((row) => ({
          id: row.id,
          channel: row.channel,
          status: row.status,
          assignedTo: row.assigned_to,
          lastMessageAt: row.last_message_at,
          createdAt: row.created_at,
        })),
        nextCursor: hasMore && last ? encodeCursor(last.activity_at, last.id, list) : null,
      };
    },

    async deals(organizationId, contactId, page) {
      const limit = pageSize(page.limit);
      // one contact's deals: a cursor of another contact's is refused
      const list = `contactDeals.${contactId}`;
      const cursor = decodeCursor(page.cursor, list);
      let query = db
        .selectFrom("deals")
        .select([
          "id",
          "title",
          "value",
          "currency",
          "status",
          "stage",
          "pipeline_id",
          "created_at",
          "updated_at",
        ])
        .where("organization_id", "=", organizationId)
        .where("contact_id", "=", contactId)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(limit + 1);
      if (cursor) {
        query = query.where((eb) =>
          eb(eb.refTuple("created_at", "id"), "<", eb.tuple(new Date(cursor.at), cursor.id)),
        );
      }
      return toPage(
        await query.execute(),
        limit,
        (row) => ({
          id: row.id,
          title: row.title,
          value: storedDealValue(row.value, row.currency),
          status: row.status,
          stage: row.stage,
          pipelineId: row.pipeline_id,
          createdAt: row.created_at,
          updatedAt: row.updated_at,
        }),
        list,
      );
    },

    async releaseDeals(organizationId, contactId) {
      const rows = await db
        .updateTable("deals")
        .set({ contact_id: null, updated_at: new Date() })
        .where("organization_id", "=", organizationId)
        .where("contact_id", "=", contactId)
        .returning(["id", "pipeline_id", "stage", "status"])
        .execute();
      return rows.map((deal) => ({
        id: deal.id,
        pipelineId: deal.pipeline_id,
        stageId: deal.stage,
        status: deal.status,
      }));
    },

    async moveRelations(organizationId, fromId, toId) {
      const now = new Date();
      const conversations = await db
        .updateTable("conversations")
        .set({ contact_id: toId, updated_at: now })
        .where("organization_id", "=", organizationId)
        .where("contact_id", "=", fromId)
        .executeTakeFirst();
      const deals = await db
        .updateTable("deals")
        .set({ contact_id: toId, updated_at: now })
        .where("organization_id", "=", organizationId)
        .where("contact_id", "=", fromId)
        .returning(["id", "pipeline_id", "stage", "status"])
        .execute();
      const tags = await db
        .insertInto("contact_tags")
        .columns(["contact_id", "tag_id", "organization_id"])
        .expression((eb) =>
          eb
            .selectFrom("contact_tags")
            .select([sql<string>`${toId}::uuid`.as("contact_id"), "tag_id", "organization_id"])
            .where("organization_id", "=", organizationId)
            .where("contact_id", "=", fromId),
        )
        .onConflict((oc) => oc.columns(["contact_id", "tag_id"]).doNothing())
        .executeTakeFirst();
      // an identity is unique per channel user, so the survivor cannot already hold the source's ones
      const identities = await db
        .updateTable("channel_identities")
        .set({ contact_id: toId })
        .where("organization_id", "=", organizationId)
        .where("contact_id", "=", fromId)
        .executeTakeFirst();
      return {
        conversations: Number(conversations.numUpdatedRows),
        deals: deals.map((deal) => ({
          id: deal.id,
          pipelineId: deal.pipeline_id,
          stageId: deal.stage,
          status: deal.status,
        })),
        tags: Number(tags.numInsertedOrUpdatedRows ?? 0n),
        identities: Number(identities.numUpdatedRows),
      };
    },
  };
}
