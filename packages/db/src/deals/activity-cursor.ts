import { DomainError } from "@crm/domain";
import { isTimestampValue } from "../shared/cursor";

/** Keyset position in a deal's timeline: (created_at, seq), seq being the order the rows were written in. */
export interface ActivityCursor {
  at: string;
  seq: string;
}

// 18 digits always fit a bigint, so a crafted cursor is refused here rather than by Postgres (a 500)
const seqPattern = /^\d{1,18}$/;

export const encodeActivityCursor = (at: Date, seq: string): string =>
  Buffer.from(JSON.stringify([at.toISOString(), seq])).toString("base64url");

export function decodeActivityCursor(cursor: string | undefined): ActivityCursor | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [at, seq] = parsed as unknown[];
      if (isTimestampValue(at) && typeof seq === "string" && seqPattern.test(seq)) return { at, seq };
    }
  } catch {
    // fall through to the error below
  }
  throw new DomainError("VALIDATION_FAILED", "Invalid cursor", {
    fieldErrors: { cursor: ["Invalid cursor"] },
  });
}
