import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { createDeal, createPipeline, type ErrorDto, stageAt, workspace } from "./deal-fixtures";

const api = useTestApi();

const invisible = ["\u200b", "\u200b\u200d ", " \u3000\t", "\u2060\ufeff\u3164"];

describe("a pipeline, stage or deal named with invisible characters only", () => {
  it.each(invisible)("is refused over REST with a 400 naming the field: %j", async (blank) => {
    const { token, contactId, pipeline } = await workspace(api);
    const stage = stageAt(pipeline, 0);
    const deal = await createDeal(api, token, { contactId, pipelineId: pipeline.id, stage: stage.id });
    const attempts: Array<[string, string, Record<string, unknown>, string]> = [
      ["POST", "/pipelines", { name: blank, stages: [{ name: "Lead" }] }, "name"],
      ["PATCH", `/pipelines/${pipeline.id}`, { name: blank }, "name"],
      ["POST", "/pipelines", { name: "Sales", stages: [{ name: blank }] }, "stages.0.name"],
      ["PATCH", `/pipelines/${pipeline.id}`, { stages: [{ id: stage.id, name: blank }] }, "stages.0.name"],
      [
        "POST",
        "/deals",
        { title: blank, contactId, pipelineId: pipeline.id, stage: stage.id, value: { amount: "10.00" } },
        "title",
      ],
      ["PATCH", `/deals/${deal.id}`, { title: blank }, "title"],
    ];
    for (const [method, path, body, field] of attempts) {
      const res = await api.rest<ErrorDto>(method, path, { token, body });
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(res.body.data.fieldErrors, `${method} ${path}`).toEqual({ [field]: [expect.any(String)] });
      expect(res.body.message).toMatch(/(is required|has only invisible characters)$/);
    }
    const after = await api.rest<{ name: string; stages: Array<{ name: string }> }>(
      "GET",
      `/pipelines/${pipeline.id}`,
      { token },
    );
    expect(after.body.name).toBe(pipeline.name);
    expect(after.body.stages[0]?.name).toBe(stage.name);
    const unchanged = await api.rest<{ title: string }>("GET", `/deals/${deal.id}`, { token });
    expect(unchanged.body.title).toBe(deal.title);
  });

  it("is refused over tRPC the same way", async () => {
    const { token, contactId, pipeline } = await workspace(api);
    const client = api.trpc(token);
    const error = await client.deals.create
      .mutate({
        title: "\u200b\u200d ",
        contactId,
        pipelineId: pipeline.id,
        stage: stageAt(pipeline, 0).id,
        value: { amount: "10.00" },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<never>).data).toMatchObject({
      httpStatus: 400,
      fieldErrors: { title: ["title has only invisible characters"] },
    });
  });

  it("keeps the visible name, stripped of invisible characters at its ends", async () => {
    const { token, contactId } = await workspace(api);
    // two stages of the same name once stripped are refused as the same name
    const twice = await api.rest<ErrorDto>("POST", "/pipelines", {
      token,
      body: { name: "Vendas", stages: [{ name: "\ufeffLead " }, { name: "Lead\u200b" }] },
    });
    expect(twice.status).toBe(400);
    expect(twice.body.data.fieldErrors).toEqual({ "stages.1.name": ["Stage 1 has this name"] });
    const created = await createPipeline(api, token, {
      name: "\u200bVendas\u200d",
      stages: [{ name: "\ufeffLead " }],
    });
    expect(created.name).toBe("Vendas");
    expect(created.stages.map((s) => s.name)).toEqual(["Lead"]);
    const deal = await createDeal(api, token, {
      contactId,
      pipelineId: created.id,
      stage: stageAt(created, 0).id,
      title: "\u2060 Site novo\u200b",
    });
    expect(deal.title).toBe("Site novo");
  });
});
