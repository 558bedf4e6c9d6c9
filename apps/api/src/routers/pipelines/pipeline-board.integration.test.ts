import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import {
  ageDeal,
  createDeal,
  type DealDto,
  type PipelineDto,
  stageAt,
  workspace,
} from "../deals/deal-fixtures";

const api = useTestApi();

describe("the board", () => {
  it("gives each stage its count and per-currency totals, summed exactly", async () => {
    const { token, contactId, pipeline } = await workspace(api);
    const [s0, s1] = [stageAt(pipeline, 0), stageAt(pipeline, 1)];
    const deal = (stage: string, amount: string, currency?: string) =>
      createDeal(api, token, { contactId, pipelineId: pipeline.id, stage, value: { amount, currency } });
    await deal(s0.id, "0.10");
    await deal(s0.id, "0.20");
    await deal(s0.id, "1500.00", "USD");
    await deal(s0.id, "9999999999999.99");
    await deal(s1.id, "500", "JPY");
    const closed = await deal(s1.id, "1000");
    await api.rest("PATCH", `/deals/${closed.id}`, { token, body: { status: "won" } });

    const board = await api.rest<{
      pipeline: PipelineDto;
      columns: Array<{
        stage: { id: string };
        count: number;
        totals: unknown[];
        deals: DealDto[];
        nextCursor: string | null;
      }>;
    }>("GET", `/pipelines/${pipeline.id}/board`, { token });
    expect(board.status).toBe(200);
    expect(board.body.pipeline.id).toBe(pipeline.id);
    expect(board.body.columns.map((c) => c.stage.id)).toEqual(pipeline.stages.map((s) => s.id));
    const [c0, c1, c2] = board.body.columns;
    expect(c0?.count).toBe(4);
    expect(c0?.totals).toEqual([
      { amount: "10000000000000.29", currency: "BRL", count: 3 },
      { amount: "1500.00", currency: "USD", count: 1 },
    ]);
    expect(c1).toMatchObject({ count: 1, totals: [{ amount: "500", currency: "JPY" }] });
    expect(c2).toMatchObject({ count: 0, totals: [], deals: [], nextCursor: null });

    const won = await api.rest<{ columns: Array<{ count: number; totals: unknown[] }> }>(
      "GET",
      `/pipelines/${pipeline.id}/board?status=won`,
      { token },
    );
    expect(won.body.columns[1]).toMatchObject({ count: 1, totals: [{ amount: "1000.00", currency: "BRL" }] });
  });

  it("pages each column with its own cursor, most recently entered first, and flags rotting deals", async () => {
    const { token, contactId, pipeline } = await workspace(api);
    const stage = stageAt(pipeline, 0);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        (
          await createDeal(api, token, {
            contactId,
            pipelineId: pipeline.id,
            stage: stage.id,
            title: `D${i}`,
          })
        ).id,
      );
    }
    await ageDeal(api, ids[0] ?? "", (stage.rottingDays ?? 0) + 1);

    type Board = {
      columns: Array<{ stage: { id: string }; count: number; deals: DealDto[]; nextCursor: string | null }>;
    };
    const first = await api.rest<Board>("GET", `/pipelines/${pipeline.id}/board?limit=2`, { token });
    const column = first.body.columns[0];
    expect(column?.count).toBe(5);
    expect(column?.deals.map((d) => d.id)).toEqual([ids[4], ids[3]]);
    expect(column?.nextCursor).not.toBeNull();

    const seen = [...(column?.deals ?? [])];
    let cursor = column?.nextCursor ?? null;
    while (cursor) {
      const next = await api.rest<Board>(
        "GET",
        `/pipelines/${pipeline.id}/board?limit=2&stageId=${stage.id}&cursor=${encodeURIComponent(cursor)}`,
        { token },
      );
      expect(next.body.columns.map((c) => c.stage.id)).toEqual([stage.id]);
      seen.push(...(next.body.columns[0]?.deals ?? []));
      cursor = next.body.columns[0]?.nextCursor ?? null;
    }
    expect(seen.map((d) => d.id)).toEqual(ids.toReversed());
    expect(seen.filter((d) => d.rotting).map((d) => d.id)).toEqual([ids[0]]);

    const rotting = await api.rest<Board>("GET", `/pipelines/${pipeline.id}/board?rotting=true`, { token });
    expect(rotting.body.columns[0]).toMatchObject({ count: 1, deals: [{ id: ids[0], rotting: true }] });

    expect(
      (
        await api.rest("GET", `/pipelines/${pipeline.id}/board?cursor=${encodeURIComponent(cursor ?? "x")}`, {
          token,
        })
      ).status,
    ).toBe(400);
    expect(
      (await api.rest("GET", `/pipelines/${pipeline.id}/board?stageId=${randomUUID()}`, { token })).status,
    ).toBe(400);
  });

  it("filters the board by assignee and value", async () => {
    const { owner, token, contactId, pipeline } = await workspace(api);
    const stage = stageAt(pipeline, 0).id;
    await createDeal(api, token, { contactId, pipelineId: pipeline.id, stage, value: { amount: "50" } });
    const mine = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage,
      value: { amount: "700" },
      assigneeId: owner.user.id,
    });
    const byAssignee = await api.rest<{ columns: Array<{ count: number; deals: DealDto[] }> }>(
      "GET",
      `/pipelines/${pipeline.id}/board?assigneeId=${owner.user.id}`,
      { token },
    );
    expect(byAssignee.body.columns[0]).toMatchObject({ count: 1, deals: [{ id: mine.id }] });
    const byValue = await api.rest<{ columns: Array<{ count: number }> }>(
      "GET",
      `/pipelines/${pipeline.id}/board?currency=BRL&valueMin=100`,
      { token },
    );
    expect(byValue.body.columns[0]?.count).toBe(1);
  });
});
