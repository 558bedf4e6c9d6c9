import { timestamp } from "./common";

/** Optimistic concurrency on an edit: the record's `updatedAt` as the client read it. */
export const expectedUpdatedAt = timestamp
  .describe(
    "Write only if the record is unchanged since you read it: its updatedAt as you read it. If it changed, " +
      "nothing is written and the answer is 412 (PRECONDITION_FAILED). Over REST, If-Match with the ETag " +
      "of a GET does the same. Without either, the last write wins",
  )
  .optional();
