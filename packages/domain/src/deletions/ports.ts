import type { Page, PageRequest } from "../shared/pagination";
import type { DeletedEntity, Deletion } from "./model";

/** Tombstones of one kind deleted within this window, both ends inclusive. */
export interface DeletionFilter {
  entity: DeletedEntity;
  deletedFrom?: Date | undefined;
  deletedTo?: Date | undefined;
}

export interface DeletionRepository {
  /** Oldest first, by (deletedAt, tombstone), keyset-paginated; the cursor names the kind. */
  list(organizationId: string, filter: DeletionFilter, page: PageRequest): Promise<Page<Deletion>>;
}

export interface DeletionsDeps {
  deletions: DeletionRepository;
}
