import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { expectTenantIsolation } from "../../testing/tenant-isolation";
import { type ActivityDto, createDeal, dealOf, firstPipeline, stageAt, workspace } from "./deal-fixtures";

const api = useTestApi();

describe("permissions", () => {
  it("lets a viewer read but not write, and an agent write but not delete", async () => {
    const { token, contactId, pipeline } = await workspace(api);
    const viewer = await api.member(token, "viewer");
    const agent = await api.member(token, "agent");
    const admin = await api.member(token, "admin");
    const deal = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage: stageAt(pipeline, 0).id,
    });
    const body = {
      title: "By viewer",
      contactId,
      pipelineId: pipeline.id,
      stage: stageAt(pipeline, 0).id,
      value: { amount: "1" },
    };

    expect((await api.rest("GET", `/deals/${deal.id}`, { token: viewer.token })).status).toBe(200);
    expect((await api.rest("GET", "/deals", { token: viewer.token })).status).toBe(200);
    expect((await api.rest("POST", "/deals", { token: viewer.token, body })).status).toBe(403);
    expect(
      (await api.rest("PATCH", `/deals/${deal.id}`, { token: viewer.token, body: { status: "won" } })).status,
    ).toBe(403);
    expect(
      (
        await api.rest("POST", `/deals/${deal.id}/activities`, {
          token: viewer.token,
          body: { type: "note", content: "x" },
        })
      ).status,
    ).toBe(403);

    expect((await api.rest("POST", "/deals", { token: agent.token, body })).status).toBe(201);
    expect(
      (await api.rest("PATCH", `/deals/${deal.id}`, { token: agent.token, body: { title: "Agent" } })).status,
    ).toBe(200);
    expect((await api.rest("DELETE", `/deals/${deal.id}`, { token: agent.token })).status).toBe(403);
    expect((await api.rest("DELETE", `/deals/${deal.id}`, { token: admin.token })).status).toBe(200);
  });
});

describe("tenant isolation", () => {
  it("answers 404 to another organization for every deal procedure taking an id", async () => {
    await expectTenantIsolation(api, async (token) => (await dealOf(api, token)).id, [
      { name: "GET /deals/{id}", call: (token, id) => api.rest("GET", `/deals/${id}`, { token }) },
      {
        name: "PATCH /deals/{id}",
        call: (token, id) => api.rest("PATCH", `/deals/${id}`, { token, body: { title: "Hijacked" } }),
      },
      { name: "DELETE /deals/{id}", call: (token, id) => api.rest("DELETE", `/deals/${id}`, { token }) },
      {
        name: "GET /deals/{id}/activities",
        call: (token, id) => api.rest("GET", `/deals/${id}/activities`, { token }),
      },
      {
        name: "POST /deals/{id}/activities",
        call: (token, id) =>
          api.rest("POST", `/deals/${id}/activities`, { token, body: { type: "note", content: "Hi" } }),
      },
    ]);
    await expectTenantIsolation(
      api,
      async (token) => {
        const deal = await dealOf(api, token);
        const task = await api.rest<ActivityDto>("POST", `/deals/${deal.id}/activities`, {
          token,
          body: { type: "task", content: "Follow up" },
        });
        return `${deal.id}/activities/${task.body.id}`;
      },
      [
        {
          name: "PATCH /deals/{id}/activities/{activityId}",
          call: (token, path) => api.rest("PATCH", `/deals/${path}`, { token, body: { done: true } }),
        },
      ],
    );
  });

  it("answers 404 for another organization's deal over tRPC too", async () => {
    const home = await workspace(api);
    const stranger = await api.register();
    const deal = await dealOf(api, home.token);
    await expect(api.trpc(stranger.token).deals.get.query({ id: deal.id })).rejects.toMatchObject({
      data: { code: "NOT_FOUND" },
    });
    const pipeline = await firstPipeline(api, home.token);
    await expect(
      api.trpc(stranger.token).pipelines.board.query({ pipelineId: pipeline.id }),
    ).rejects.toMatchObject({ data: { code: "NOT_FOUND" } });
  });
});
