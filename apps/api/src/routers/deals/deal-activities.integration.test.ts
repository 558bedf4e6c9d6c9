import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { type ActivityDto, dealOf, type PageDto, recordDealEvents, workspace } from "./deal-fixtures";

const api = useTestApi();

describe("activities", () => {
  it("records notes, calls, meetings and tasks; tasks are marked done; newest first, paged", async () => {
    const { owner, token } = await workspace(api);
    const deal = await dealOf(api, token);
    const recorder = recordDealEvents(api, owner.organization.id);
    const note = await api.rest<ActivityDto>("POST", `/deals/${deal.id}/activities`, {
      token,
      body: { type: "note", content: "Asked for a discount" },
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({
      type: "note",
      content: "Asked for a discount",
      dueAt: null,
      done: false,
      actorId: owner.user.id,
    });
    await recorder.expectEvent(deal.id, ["activity"]);

    const dueAt = "2030-05-01T13:00:00.000Z";
    const task = await api.rest<ActivityDto>("POST", `/deals/${deal.id}/activities`, {
      token,
      body: { type: "task", content: "Send the proposal", dueAt },
    });
    expect(task.body).toMatchObject({ type: "task", dueAt, done: false, doneAt: null });
    await api.rest("POST", `/deals/${deal.id}/activities`, {
      token,
      body: { type: "call", content: "Called" },
    });

    const done = await api.rest<ActivityDto>("PATCH", `/deals/${deal.id}/activities/${task.body.id}`, {
      token,
      body: { done: true },
    });
    expect(done.body.done).toBe(true);
    expect(done.body.doneAt).not.toBeNull();
    const undone = await api.rest<ActivityDto>("PATCH", `/deals/${deal.id}/activities/${task.body.id}`, {
      token,
      body: { done: false },
    });
    expect(undone.body).toMatchObject({ done: false, doneAt: null });

    expect(
      (
        await api.rest("PATCH", `/deals/${deal.id}/activities/${note.body.id}`, {
          token,
          body: { done: true },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await api.rest("POST", `/deals/${deal.id}/activities`, {
          token,
          body: { type: "note", content: "x", dueAt },
        })
      ).status,
    ).toBe(400);
    expect(
      (await api.rest("POST", `/deals/${deal.id}/activities`, { token, body: { type: "won", content: "x" } }))
        .status,
    ).toBe(400);
    expect(
      (
        await api.rest("POST", `/deals/${deal.id}/activities`, {
          token,
          body: { type: "note", content: "  " },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await api.rest("PATCH", `/deals/${deal.id}/activities/${randomUUID()}`, {
          token,
          body: { done: true },
        })
      ).status,
    ).toBe(404);

    const first = await api.rest<PageDto<ActivityDto>>("GET", `/deals/${deal.id}/activities?limit=2`, {
      token,
    });
    expect(first.body.items.map((a) => a.type)).toEqual(["call", "task"]);
    const rest = await api.rest<PageDto<ActivityDto>>(
      "GET",
      `/deals/${deal.id}/activities?limit=2&cursor=${encodeURIComponent(first.body.nextCursor ?? "")}`,
      { token },
    );
    expect(rest.body.items.map((a) => a.type)).toEqual(["note", "created"]);
    expect(rest.body.nextCursor).toBeNull();
    recorder.stop();
  });
});
