import type { DeletedEntity } from "@crm/domain/deletions/model";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";

/**
 * Records that these rows were deleted. Called by each repository's delete with the same `db` (the use case's
 * transaction), so a tombstone exists exactly when its delete committed.
 */
export async function recordDeletions(
  db: Kysely<Database>,
  organizationId: string,
  entity: DeletedEntity,
  ids: readonly string[],
  mergedIntoId: string | null = null,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .insertInto("deletions")
    .values(
      ids.map((id) => ({
        organization_id: organizationId,
        entity,
        entity_id: id,
        merged_into_id: mergedIntoId,
      })),
    )
    .execute();
}
