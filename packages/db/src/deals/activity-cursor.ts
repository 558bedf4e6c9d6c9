import { decodeKeyset, encodeKeyset, isTimestampValue } from "../shared/keyset";

/** Keyset position in a deal's timeline: (created_at, seq), seq being the order the rows were written in. */
export interface ActivityCursor {
  at: string;
  seq: string;
}

// 18 digits always fit a bigint, so a crafted cursor is refused here rather than by Postgres (a 500)
const seqPattern = /^\d{1,18}$/;

/** The list is one deal's timeline: a cursor of another deal's is refused, not read as a position here. */
const activitiesList = (dealId: string) => `dealActivities.${dealId}`;

export const encodeActivityCursor = (dealId: string, at: Date, seq: string): string =>
  encodeKeyset({ at: at.toISOString(), seq }, activitiesList(dealId));

export const decodeActivityCursor = (
  dealId: string,
  cursor: string | undefined,
): ActivityCursor | undefined =>
  decodeKeyset(
    cursor,
    ({ at, seq }) =>
      isTimestampValue(at) && typeof seq === "string" && seqPattern.test(seq) ? { at, seq } : undefined,
    activitiesList(dealId),
  );
