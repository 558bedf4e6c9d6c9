import { timestamp } from "./common";

/** The window of an incremental sync, on the lists that have one; use with `sort=updatedAt`. */
export const updatedRangeInput = {
  updatedFrom: timestamp
    .optional()
    .describe(
      "Only rows changed at or after this time (their updatedAt); with sort=updatedAt, to sync changes",
    ),
  updatedTo: timestamp.optional().describe("Only rows changed at or before this time"),
};

export const syncSortDescription =
  "updatedAt: least recently changed first, by (updatedAt, id): the order to sync in, where a row changed " +
  "while you page moves to the end and comes again";
