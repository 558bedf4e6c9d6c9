import { randomBytes } from "node:crypto";

/** 14 bits of position after the variant; a longer payload's tail ties and falls back to its random bits. */
const maxPosition = 0x3fff;

/**
 * The id of an inbound message, sorting (as Postgres compares uuids: byte by byte) in the order its webhook
 * was accepted, then by its position in the payload, whenever its job runs. A thread orders messages of one
 * second by id. The webhook log's UUIDv7 gives the time part (unix ms, version, sub-ms fraction: 64 bits);
 * then the variant, the position (14 bits) and 48 random bits. Undefined for a log whose id is not
 * time-ordered (stored before migration 0026): the column's default, the time of the insert, applies.
 * Exactly-once does not rest on this id but on the (conversation, provider message id) constraint.
 */
export function arrivalOrderedId(webhookLogId: string, position: number): string | undefined {
  const log = webhookLogId.toLowerCase().replaceAll("-", "");
  if (log.length !== 32 || log[12] !== "7") return undefined;
  const slot = (0x8000 | Math.min(Math.max(position, 0), maxPosition)).toString(16);
  const hex = `${log.slice(0, 16)}${slot}${randomBytes(6).toString("hex")}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
