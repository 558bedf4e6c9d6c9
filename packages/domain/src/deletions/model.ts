/** The kinds of rows whose deletion is recorded, each as its list names it. */
export const deletedEntities = ["contact", "company", "deal", "conversation", "tag"] as const;
export type DeletedEntity = (typeof deletedEntities)[number];

/** A tombstone: this row of the organization was deleted then (a merged contact names its survivor). */
export interface Deletion {
  entity: DeletedEntity;
  id: string;
  deletedAt: Date;
  mergedIntoId: string | null;
}
