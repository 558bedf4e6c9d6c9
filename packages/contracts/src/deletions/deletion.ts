import { z } from "zod";
import { id, timestamp } from "../shared/common";
import { pageInput, pageOf } from "../shared/pagination";

export const deletedEntity = z
  .enum(["contact", "company", "deal", "conversation", "tag"])
  .describe("The kind of rows whose deletions to list, each as its list names it (contact: GET /contacts)");

export const deletion = z.object({
  entity: deletedEntity,
  id: id.describe("The deleted row's id"),
  deletedAt: timestamp.describe("When it was deleted"),
  mergedIntoId: id
    .nullable()
    .describe("For a contact merged into another: the contact it was merged into (null otherwise)"),
});
export const deletionPage = pageOf(deletion);

export const listDeletionsInput = z.object({
  entity: deletedEntity,
  deletedFrom: timestamp.optional().describe("Only rows deleted at or after this time; to sync deletions"),
  deletedTo: timestamp.optional().describe("Only rows deleted at or before this time"),
  ...pageInput,
});
