import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import {
  ageDeal,
  createDeal,
  type DealDto,
  dealOf,
  type ErrorDto,
  insertContact,
  type PageDto,
  recordDealEvents,
  stageAt,
  workspace,
} from "./deal-fixtures";

const api = useTestApi();

describe("listing deals", () => {
  it("filters by pipeline, stage, status, assignee, contact, value range and rotting", async () => {
    const { owner, token, contactId, pipeline } = await workspace(api);
    const otherContact = await insertContact(api, owner.organization.id, "João");
    const agent = await api.member(token, "agent");
    const [s0, s1] = [stageAt(pipeline, 0).id, stageAt(pipeline, 1).id];
    const small = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage: s0,
      value: { amount: "100" },
    });
    const big = await createDeal(api, token, {
      contactId: otherContact,
      pipelineId: pipeline.id,
      stage: s1,
      value: { amount: "5000" },
      assigneeId: agent.user.id,
    });
    const dollars = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage: s1,
      value: { amount: "300", currency: "USD" },
    });
    await api.rest("PATCH", `/deals/${dollars.id}`, { token, body: { status: "won" } });
    await ageDeal(api, small.id, 30);

    const ids = async (query: string) => {
      const res = await api.rest<PageDto<DealDto>>("GET", `/deals?${query}`, { token });
      expect(res.status, query).toBe(200);
      return res.body.items.map((d) => d.id).sort();
    };
    expect(await ids("")).toEqual([small.id, big.id, dollars.id].sort());
    expect(await ids(`pipelineId=${pipeline.id}&stage=${s1}`)).toEqual([big.id, dollars.id].sort());
    expect(await ids("status=won")).toEqual([dollars.id]);
    expect(await ids(`assigneeId=${agent.user.id}`)).toEqual([big.id]);
    expect(await ids(`contactId=${contactId}`)).toEqual([small.id, dollars.id].sort());
    expect(await ids("currency=BRL&valueMin=100&valueMax=1000")).toEqual([small.id]);
    expect(await ids("currency=BRL&valueMin=100.01")).toEqual([big.id]);
    expect(await ids("currency=USD")).toEqual([dollars.id]);
    expect(await ids("rotting=true")).toEqual([small.id]);
    expect(await ids("rotting=false")).toEqual([big.id, dollars.id].sort());

    const rotting = await api.rest<PageDto<DealDto>>("GET", "/deals?rotting=true", { token });
    expect(rotting.body.items[0]?.rotting).toBe(true);

    expect((await api.rest("GET", "/deals?valueMin=10", { token })).status).toBe(400);
    expect((await api.rest("GET", "/deals?currency=BRL&valueMin=abc", { token })).status).toBe(400);
    expect((await api.rest("GET", "/deals?currency=BRL&valueMin=10&valueMax=5", { token })).status).toBe(400);
    expect((await api.rest("GET", "/deals?status=maybe", { token })).status).toBe(400);
    expect((await api.rest("GET", "/deals?rotting=yes", { token })).status).toBe(400);
  });

  it("pages newest first with a cursor", async () => {
    const { token, contactId, pipeline } = await workspace(api);
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      created.push(
        (
          await createDeal(api, token, {
            contactId,
            pipelineId: pipeline.id,
            stage: stageAt(pipeline, 0).id,
            title: `D${i}`,
          })
        ).id,
      );
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const res = await api.rest<PageDto<DealDto>>("GET", `/deals?limit=2${query}`, { token });
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((d) => d.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(created.toReversed());
    expect((await api.rest("GET", "/deals?cursor=garbage", { token })).status).toBe(400);
  });

  it("refuses a well-formed cursor holding what Postgres cannot compare with 400, never a 500", async () => {
    const { token } = await workspace(api);
    const id = "3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f";
    for (const position of [
      { at: "2026-01-01T00:00:00Z", id: "x" },
      { at: "2026-01-01T00:00:00Z", id: "-".repeat(36) },
      { at: "-200000-01-01T00:00:00Z", id },
    ]) {
      const cursor = Buffer.from(JSON.stringify(position)).toString("base64url");
      const res = await api.rest<ErrorDto>("GET", `/deals?cursor=${cursor}`, { token });
      expect(res.status, JSON.stringify(position)).toBe(400);
      expect(res.body.data.fieldErrors).toEqual({ cursor: ["Invalid cursor"] });
    }
  });
});

describe("deleting", () => {
  it("deletes a deal with its activities and announces it", async () => {
    const { owner, token } = await workspace(api);
    const deal = await dealOf(api, token);
    const recorder = recordDealEvents(api, owner.organization.id);
    expect((await api.rest("DELETE", `/deals/${deal.id}`, { token })).status).toBe(200);
    expect((await api.rest("GET", `/deals/${deal.id}`, { token })).status).toBe(404);
    expect((await api.rest("GET", `/deals/${deal.id}/activities`, { token })).status).toBe(404);
    const rows = await api.container.db.db
      .selectFrom("deal_activities")
      .select("id")
      .where("deal_id", "=", deal.id)
      .execute();
    expect(rows).toEqual([]);
    await recorder.expectEvent(deal.id, ["deleted"]);
    recorder.stop();
    expect((await api.rest("DELETE", `/deals/${deal.id}`, { token })).status).toBe(404);
  });
});
