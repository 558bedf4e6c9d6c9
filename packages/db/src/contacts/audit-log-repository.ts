import type { AuditLogRepository } from "@crm/domain";
import { type Kysely, sql } from "kysely";
import type { Database } from "../database.gen";

export function createAuditLogRepository(db: Kysely<Database>): AuditLogRepository {
  return {
    async record(entry) {
      await db
        .insertInto("audit_logs")
        .values({
          organization_id: entry.organizationId,
          actor_type: entry.actorType,
          actor_id: entry.actorId,
          action: entry.action,
          entity_type: entry.entityType,
          entity_id: entry.entityId,
          data: JSON.stringify(entry.data),
        })
        .execute();
    },
    async forgetMergedContacts(organizationId, contactId) {
      await db
        .updateTable("audit_logs")
        .set({ data: sql`data - 'source'` })
        .where("organization_id", "=", organizationId)
        .where("entity_type", "=", "contact")
        .where("entity_id", "=", contactId)
        .where("action", "=", "contact.merged")
        .execute();
    },
  };
}
