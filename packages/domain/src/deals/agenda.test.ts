import { describe, expect, it } from "vitest";
import type { Actor } from "../auth/model";
import { DomainError } from "../shared/errors";
import { hasOverdueActivity, isActivityOverdue, parseAgendaQuery } from "./agenda";

const now = new Date("2025-06-15T15:00:00.000Z"); // 12:00 in São Paulo
const zone = "America/Sao_Paulo";
const userId = "4f1c2b2e-8d7a-4a51-9a43-2b9e3b7c1d10";
const user: Actor = { kind: "user", userId, organizationId: "o", role: "agent", sessionId: "s" };
const apiKey: Actor = { kind: "apiKey", apiKeyId: "k", organizationId: "o", role: "admin" };

const fieldOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError && error.code === "VALIDATION_FAILED") {
      return Object.keys(error.details?.fieldErrors ?? {})[0];
    }
    throw error;
  }
  return undefined;
};

describe("parseAgendaQuery", () => {
  it("turns the due windows into instants that leave no gap and no overlap", () => {
    const startOfDay = new Date("2025-06-15T03:00:00.000Z");
    const endOfDay = new Date("2025-06-16T03:00:00.000Z");
    expect(parseAgendaQuery({ due: "overdue" }, user, now, zone)).toMatchObject({
      dueBefore: now,
      done: false,
    });
    expect(parseAgendaQuery({ due: "today" }, user, now, zone)).toMatchObject({
      dueFrom: startOfDay,
      dueBefore: endOfDay,
      undoneFrom: now,
    });
    expect(parseAgendaQuery({ due: "today", done: false }, user, now, zone)).toMatchObject({
      dueFrom: now,
      dueBefore: endOfDay,
      undoneFrom: undefined,
    });
    expect(parseAgendaQuery({ due: "today", done: true }, user, now, zone)).toMatchObject({
      dueFrom: startOfDay,
      undoneFrom: undefined,
    });
    expect(parseAgendaQuery({ due: "upcoming", done: false }, user, now, zone)).toMatchObject({
      dueFrom: endOfDay,
      done: false,
    });
    const none = parseAgendaQuery({ due: "none" }, user, now, zone);
    expect([none.dueFrom, none.dueBefore, none.undoneFrom]).toEqual([undefined, undefined, undefined]);
  });

  it("reads owner=me as the signed-in user, and refuses it from an API key", () => {
    expect(parseAgendaQuery({ owner: "me" }, user, now, zone).ownerId).toBe(userId);
    expect(parseAgendaQuery({ owner: userId.toUpperCase() }, apiKey, now, zone).ownerId).toBe(userId);
    expect(fieldOf(() => parseAgendaQuery({ owner: "me" }, apiKey, now, zone))).toBe("owner");
  });

  it("refuses filters that cannot mean anything", () => {
    expect(fieldOf(() => parseAgendaQuery({ owner: "someone" }, user, now, zone))).toBe("owner");
    expect(fieldOf(() => parseAgendaQuery({ dealId: "42" }, user, now, zone))).toBe("dealId");
    expect(fieldOf(() => parseAgendaQuery({ due: "overdue", done: true }, user, now, zone))).toBe("done");
  });
});

describe("isActivityOverdue", () => {
  const task = { type: "task" as const, dueAt: new Date(now.getTime() - 1), doneAt: null };

  it("is a task, call or meeting not done whose time has passed, on an open deal", () => {
    expect(isActivityOverdue(task, "open", now)).toBe(true);
    expect(isActivityOverdue({ ...task, type: "meeting" }, "open", now)).toBe(true);
    expect(isActivityOverdue({ ...task, dueAt: now }, "open", now)).toBe(false);
    expect(isActivityOverdue({ ...task, doneAt: now }, "open", now)).toBe(false);
    expect(isActivityOverdue({ ...task, dueAt: null }, "open", now)).toBe(false);
    expect(isActivityOverdue({ ...task, type: "note" }, "open", now)).toBe(false);
  });

  it("is never true once the deal is won or lost", () => {
    expect(isActivityOverdue(task, "won", now)).toBe(false);
    expect(isActivityOverdue(task, "lost", now)).toBe(false);
  });
});

describe("hasOverdueActivity", () => {
  it("marks an open deal whose earliest pending activity is past due", () => {
    expect(hasOverdueActivity("2025-06-15T14:59:59.999Z", "open", now)).toBe(true);
    expect(hasOverdueActivity("2025-06-15T15:00:00.000Z", "open", now)).toBe(false);
    expect(hasOverdueActivity(null, "open", now)).toBe(false);
    expect(hasOverdueActivity("2025-06-01T00:00:00.000Z", "lost", now)).toBe(false);
  });
});
