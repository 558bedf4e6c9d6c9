import type { MemberAssignments } from "@crm/domain";
import type { Kysely } from "kysely";
import { toConversation } from "../conversations/rows";
import type { Database } from "../database.gen";

export function createMemberAssignmentsRepository(db: Kysely<Database>): MemberAssignments {
  return {
    async releaseAll(organizationId, userId, at) {
      const rows = await db
        .updateTable("conversations")
        .set({ assigned_to: null, updated_at: at })
        .where("organization_id", "=", organizationId)
        .where("assigned_to", "=", userId)
        .returningAll()
        .execute();
      return rows.map(toConversation);
    },
  };
}
