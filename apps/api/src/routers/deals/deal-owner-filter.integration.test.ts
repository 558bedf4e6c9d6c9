import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { createDeal, type DealDto, type PageDto, stageAt, workspace } from "./deal-fixtures";

const api = useTestApi();

interface BoardDto {
  columns: Array<{ count: number; totals: Array<{ amount: string; currency: string }>; deals: DealDto[] }>;
}

describe("filtering deals by whether they have an owner", () => {
  it("lists and boards only the deals with no owner, or only those with one", async () => {
    const { token, contactId, pipeline } = await workspace(api);
    const agent = await api.member(token, "agent");
    const stage = stageAt(pipeline, 0).id;
    const nobodys = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage,
      value: { amount: "100" },
    });
    const agents = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage,
      value: { amount: "5000" },
      assigneeId: agent.user.id,
    });

    const ids = async (query: string) => {
      const res = await api.rest<PageDto<DealDto>>("GET", `/deals?${query}`, { token });
      expect(res.status, query).toBe(200);
      return res.body.items.map((deal) => deal.id);
    };
    expect(await ids("assigned=false")).toEqual([nobodys.id]);
    expect(await ids("assigned=true")).toEqual([agents.id]);

    const board = await api.rest<BoardDto>("GET", `/pipelines/${pipeline.id}/board?assigned=false`, {
      token,
    });
    expect(board.status).toBe(200);
    const first = board.body.columns[0];
    expect(first?.deals.map((deal) => deal.id)).toEqual([nobodys.id]);
    expect(first?.count).toBe(1);
    expect(first?.totals).toEqual([expect.objectContaining({ amount: "100.00", currency: "BRL" })]);
  });

  it("refuses no owner and an owner at once with 400", async () => {
    const { token } = await workspace(api);
    const agent = await api.member(token, "agent");
    const res = await api.rest("GET", `/deals?assigned=false&assigneeId=${agent.user.id}`, { token });
    expect(res.status).toBe(400);
    expect((await api.rest("GET", "/deals?assigned=nobody", { token })).status).toBe(400);
  });
});
