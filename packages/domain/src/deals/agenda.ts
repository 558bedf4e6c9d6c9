import type { Actor } from "../auth/model";
import { DomainError, validationFailed } from "../shared/errors";
import { parseId } from "../shared/ids";
import type { DealActivity, DealStatus, UserActivityType } from "./model";
import { zonedDay } from "./zoned-day";

/** Kinds of activity that happen at a time and can be done; a note just is. */
export const schedulableActivityTypes: readonly UserActivityType[] = ["task", "call", "meeting"];

/**
 * When an activity is due, as the agenda groups them; the first three never overlap, so a page can show them
 * one after the other: overdue (not done, due before now), today (due today in the organization's time zone
 * and not overdue), upcoming (due after today); none: no due date.
 */
export const agendaDueWindows = ["overdue", "today", "upcoming", "none"] as const;
export type AgendaDue = (typeof agendaDueWindows)[number];

export interface AgendaQueryInput {
  type?: UserActivityType | undefined;
  due?: AgendaDue | undefined;
  done?: boolean | undefined;
  /** "me" or a user id: activities of the deals that user owns (is the assignee of) */
  owner?: string | undefined;
  dealId?: string | undefined;
  /** the deal's status; every status when left out */
  status?: DealStatus | undefined;
}

/** What the repository reads: the input's filters with the due window turned into instants. */
export interface AgendaFilter {
  type?: UserActivityType | undefined;
  due?: AgendaDue | undefined;
  done?: boolean | undefined;
  /** the deal's assignee */
  ownerId?: string | undefined;
  dealId?: string | undefined;
  status?: DealStatus | undefined;
  /** due at or after */
  dueFrom?: Date | undefined;
  /** due before */
  dueBefore?: Date | undefined;
  /** not done ones only when due at or after this (today's: those due earlier are overdue) */
  undoneFrom?: Date | undefined;
}

/** Validates the agenda's filters; `timeZone` is the organization's, where "today" is. */
export function parseAgendaQuery(
  input: AgendaQueryInput,
  actor: Actor,
  now: Date,
  timeZone: string,
): AgendaFilter {
  const { due, done } = input;
  if (due === "overdue" && done === true) {
    throw validationFailed(
      "done",
      "due=overdue lists activities not done yet: leave done out or set it false",
    );
  }
  const today = zonedDay(now, timeZone);
  const window: Pick<AgendaFilter, "dueFrom" | "dueBefore" | "undoneFrom" | "done"> =
    due === "overdue"
      ? { dueBefore: now, done: false }
      : due === "today"
        ? // not done ones are due from now on (a plain range); done ones from the start of the day
          {
            dueFrom: done === false ? now : today.start,
            dueBefore: today.end,
            undoneFrom: done === undefined ? now : undefined,
            done,
          }
        : due === "upcoming"
          ? { dueFrom: today.end, done }
          : { done };
  return {
    type: input.type,
    due,
    ownerId: input.owner === undefined ? undefined : ownerId(input.owner, actor),
    dealId: input.dealId === undefined ? undefined : parseId(input.dealId, "dealId"),
    status: input.status,
    ...window,
  };
}

function ownerId(owner: string, actor: Actor): string {
  if (owner !== "me") return parseId(owner, "owner");
  if (actor.kind !== "user") {
    throw new DomainError("VALIDATION_FAILED", "owner=me needs a signed-in user: an API key owns no deals", {
      fieldErrors: { owner: ["owner=me needs a signed-in user: pass a user id"] },
    });
  }
  return actor.userId;
}

/**
 * A task, call or meeting not done whose time has passed, on a deal still open: once a deal is won or lost
 * its leftover tasks are no longer late, only left over.
 */
export const isActivityOverdue = (
  activity: Pick<DealActivity, "type" | "dueAt" | "doneAt">,
  dealStatus: DealStatus,
  now: Date,
): boolean =>
  dealStatus === "open" &&
  schedulableActivityTypes.includes(activity.type as UserActivityType) &&
  activity.doneAt === null &&
  activity.dueAt !== null &&
  activity.dueAt.getTime() < now.getTime();

/** A board card's marker: its deal is open and its earliest pending task, call or meeting is past due. */
export const hasOverdueActivity = (nextDueAt: string | null, dealStatus: DealStatus, now: Date): boolean =>
  dealStatus === "open" && nextDueAt !== null && Date.parse(nextDueAt) < now.getTime();
