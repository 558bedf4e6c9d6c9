import { describe, expect, it } from "vitest";
import { useTestApi } from "../testing/harness";

const api = useTestApi();

interface ErrorBody {
  message: string;
  code: string;
  data: {
    appCode: string;
    fieldErrors: Record<string, string[]> | null;
    fieldReasons?: Record<string, string>;
  };
  issues?: Record<string, unknown>[];
}

const someId = "0b5e7c1e-8c1a-4a5e-9a3f-2d3c4b5a6f70";
const dateTimeExample = "must be a date and time such as 2026-11-28T09:00:00-03:00";

/** One refused field over REST: a 400 whose message names it and shows a value it takes, no zod internals. */
async function expectRefusal(
  method: string,
  path: string,
  body: unknown,
  field: string,
  message: string,
  reason: string,
) {
  const { token } = await api.register();
  const res = await api.rest<ErrorBody>(method, path, { token, body });
  expect(res.status, `${method} ${path}`).toBe(400);
  expect(res.body.message).toBe(message);
  expect(res.body.data.appCode).toBe("VALIDATION_FAILED");
  expect(res.body.data.fieldErrors).toEqual({ [field]: [message] });
  expect(res.body.data.fieldReasons).toEqual({ [field]: reason });
  expect(JSON.stringify(res.body)).not.toContain("pattern");
}

describe("REST validation messages", () => {
  it("says which values the conversations' assignee filter takes", async () => {
    const { token } = await api.register();
    const res = await api.rest<ErrorBody>("GET", "/conversations?assignee=foo", { token });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe("assignee must be me, unassigned or a user id");
    expect(res.body.data.fieldErrors).toEqual({ assignee: ["assignee must be me, unassigned or a user id"] });
    for (const assignee of ["me", "unassigned", someId]) {
      const ok = await api.rest("GET", `/conversations?assignee=${assignee}`, { token });
      expect(ok.status, assignee).toBe(200);
    }
  });

  it.each([
    [
      "a calendar date",
      "POST",
      "/deals",
      {
        title: "X",
        contactId: someId,
        pipelineId: someId,
        stage: someId,
        value: { amount: "10" },
        expectedCloseDate: "31/12/2026",
      },
      "expectedCloseDate",
      "expectedCloseDate must be a date such as 2025-12-31",
      "invalid_format",
    ],
    [
      "a date and time without its time",
      "POST",
      `/deals/${someId}/activities`,
      { type: "task", content: "Call back", dueAt: "2026-11-28" },
      "dueAt",
      `dueAt ${dateTimeExample}`,
      "invalid_date",
    ],
    [
      "a date and time in words",
      "PATCH",
      `/conversations/${someId}`,
      { status: "snoozed", snoozedUntil: "amanhã" },
      "snoozedUntil",
      `snoozedUntil ${dateTimeExample}`,
      "invalid_date",
    ],
    [
      "a date and time of another type",
      "POST",
      `/deals/${someId}/activities`,
      { type: "task", content: "Call back", dueAt: 20261128 },
      "dueAt",
      `dueAt ${dateTimeExample}`,
      "invalid_type",
    ],
    [
      "a date and time query parameter",
      "GET",
      "/conversations?updatedFrom=ontem",
      undefined,
      "updatedFrom",
      `updatedFrom ${dateTimeExample}`,
      "invalid_date",
    ],
    [
      "a page size that is not a number",
      "GET",
      "/contacts?limit=abc",
      undefined,
      "limit",
      "limit must be a whole number from 1 to 100, such as 25",
      "invalid_type",
    ],
    [
      "the board's page size that is not a number",
      "GET",
      `/pipelines/${someId}/board?limit=abc`,
      undefined,
      "limit",
      "limit must be a whole number from 1 to 100, such as 25",
      "invalid_type",
    ],
    [
      "a page size out of range",
      "GET",
      "/contacts?limit=0",
      undefined,
      "limit",
      "limit must be a whole number from 1 to 100, such as 25",
      "too_small",
    ],
    [
      "a page size that is not whole",
      "GET",
      "/contacts?limit=2.5",
      undefined,
      "limit",
      "limit must be a whole number from 1 to 100, such as 25",
      "not_integer",
    ],
    [
      "a body number out of range",
      "PATCH",
      "/organizations/current",
      { dataRetentionDays: 5 },
      "dataRetentionDays",
      "dataRetentionDays must be a whole number from 30 to 3650, such as 365",
      "too_small",
    ],
  ])("names the field and an example for %s", async (_what, method, path, body, field, message, reason) => {
    await expectRefusal(method, path, body, field, message, reason);
  });

  it("sends zod's issues without the regular expressions they were checked against", async () => {
    const { token } = await api.register();
    const res = await api.rest<ErrorBody>("POST", `/deals/${someId}/activities`, {
      token,
      body: { type: "task", content: "Call back", dueAt: "2026-11-28" },
    });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([
      expect.objectContaining({ code: "invalid_format", format: "datetime", path: ["dueAt"] }),
    ]);
    expect(res.body.issues?.[0]).not.toHaveProperty("pattern");
  });
});
