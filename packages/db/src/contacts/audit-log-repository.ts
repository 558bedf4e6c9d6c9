import type { AuditLogRepository } from "@crm/domain";
import type { Kysely } from "kysely";
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
  };
}
