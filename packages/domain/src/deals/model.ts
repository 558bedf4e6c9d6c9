import type { Money } from "../shared/money";

export const dealStatuses = ["open", "won", "lost"] as const;
export type DealStatus = (typeof dealStatuses)[number];

/** A column of a pipeline. Its id is ours (a UUID) and survives renames and reorders. */
export interface Stage {
  id: string;
  name: string;
  /** 0-based position in the pipeline */
  order: number;
  /** "#rrggbb" */
  color: string;
  /** chance of winning a deal in this stage, 0-100 */
  probability: number;
  /** a deal open in this stage for more days than this is rotting; null: never */
  rottingDays: number | null;
}

export interface Pipeline {
  id: string;
  organizationId: string;
  name: string;
  stages: Stage[];
  /** a paid payment link wins its deal */
  winOnPayment: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface Deal {
  id: string;
  organizationId: string;
  title: string;
  contactId: string | null;
  pipelineId: string;
  stageId: string;
  status: DealStatus;
  value: Money;
  assigneeId: string | null;
  /** calendar date "YYYY-MM-DD" */
  expectedCloseDate: string | null;
  lostReason: string | null;
  /** the organization's predefined reason the deal was lost for, if one was picked */
  lostReasonId: string | null;
  /*
   * Timestamps in ISO 8601 UTC with milliseconds ("2025-06-15T12:00:00.000Z"), as clients see them: a board
   * shows a hundred deals, and parsing each timestamp into a Date only to format it back cost more CPU than
   * the rest of the request's own work.
   */
  stageEnteredAt: string;
  wonAt: string | null;
  lostAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One of an organization's predefined reasons for losing a deal. Archived reasons are kept, not offered. */
export interface LostReason {
  id: string;
  organizationId: string;
  name: string;
  /** 0-based position in the list */
  position: number;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A deal as clients see it: with whether it has stayed too long in its stage. */
export interface DealView extends Deal {
  rotting: boolean;
}

export const userActivityTypes = ["note", "call", "meeting", "task"] as const;
export type UserActivityType = (typeof userActivityTypes)[number];

/** Written by the system in the same transaction as the change they describe. */
export const systemActivityTypes = [
  "created",
  "stage_changed",
  "won",
  "lost",
  "reopened",
  "payment_paid",
  "payment_refunded",
  "contact_changed",
  /** A pending link closed before its time, e.g. because its payment integration was deleted. */
  "payment_expired",
  /** A card declined (an attempt at a pending link failed); the link stays payable. */
  "payment_declined",
  /** A payment link was made for the deal. */
  "payment_link_created",
  /** A link was sent to the deal's contact as a message in a conversation. */
  "payment_link_sent",
  /** An edit of the title, value, expected close date or owner: `data.changes` lists each as `FieldChange`. */
  "fields_changed",
] as const;
export type SystemActivityType = (typeof systemActivityTypes)[number];

export type DealActivityType = UserActivityType | SystemActivityType;

/** One field of a `fields_changed` activity, named as the deal's API names it, with its value before and after. */
export type FieldChange =
  | { field: "title"; from: string; to: string }
  | { field: "value"; from: Money; to: Money }
  | { field: "expectedCloseDate"; from: string | null; to: string | null }
  | { field: "assigneeId"; from: string | null; to: string | null };

export interface DealActivity {
  id: string;
  organizationId: string;
  dealId: string;
  type: DealActivityType;
  content: string | null;
  /** facts of a system activity, e.g. the stages of a move, as they were named then */
  data: Record<string, unknown>;
  dueAt: Date | null;
  doneAt: Date | null;
  /** the user who did it; null for API keys and the system */
  actorId: string | null;
  /** the API key that did it; null for users and the system */
  apiKeyId: string | null;
  createdAt: Date;
}
