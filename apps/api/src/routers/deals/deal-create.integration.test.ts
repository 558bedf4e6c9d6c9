import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import {
  activitiesOf,
  createDeal,
  type DealDto,
  type ErrorDto,
  recordDealEvents,
  stageAt,
  workspace,
} from "./deal-fixtures";

const api = useTestApi();

const dealCount = async (organizationId: string) =>
  Number(
    (
      await api.container.db.db
        .selectFrom("deals")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("organization_id", "=", organizationId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("creating a deal", () => {
  it("puts it open in the stage, in the organization's currency, with a created activity and an event", async () => {
    const { owner, token, contactId, pipeline } = await workspace(api);
    const recorder = recordDealEvents(api, owner.organization.id);
    const stage = stageAt(pipeline, 1);
    const res = await api.rest<DealDto>("POST", "/deals", {
      token,
      body: {
        title: "  Loja virtual  ",
        contactId,
        pipelineId: pipeline.id,
        stage: stage.id,
        value: { amount: "1234.5" },
        assigneeId: owner.user.id,
        expectedCloseDate: "2030-01-31",
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: "Loja virtual",
      contactId,
      pipelineId: pipeline.id,
      stage: stage.id,
      status: "open",
      value: { amount: "1234.50", currency: "BRL" },
      assigneeId: owner.user.id,
      expectedCloseDate: "2030-01-31",
      lostReason: null,
      rotting: false,
      wonAt: null,
      lostAt: null,
    });
    const [created, ...others] = await activitiesOf(api, token, res.body.id);
    expect(others).toEqual([]);
    expect(created).toMatchObject({
      type: "created",
      content: null,
      actorId: owner.user.id,
      data: { pipelineId: pipeline.id, stageId: stage.id, stageName: stage.name },
    });
    await recorder.expectEvent(res.body.id, ["created"]);
    recorder.stop();

    const fetched = await api.rest<DealDto>("GET", `/deals/${res.body.id}`, { token });
    expect(fetched.body).toEqual(res.body);
  });

  it("keeps an explicit currency and the exact decimal amount", async () => {
    const { token, contactId, pipeline } = await workspace(api);
    const stage = stageAt(pipeline, 0).id;
    const usd = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage,
      value: { amount: "9999999999999.99", currency: "usd" },
    });
    expect(usd.value).toEqual({ amount: "9999999999999.99", currency: "USD" });
    const yen = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage,
      value: { amount: "500", currency: "JPY" },
    });
    expect((await api.rest<DealDto>("GET", `/deals/${yen.id}`, { token })).body.value).toEqual({
      amount: "500",
      currency: "JPY",
    });
  });

  it("refuses bad input with a 4xx and writes nothing", async () => {
    const { owner, token, contactId, pipeline } = await workspace(api);
    const stranger = await workspace(api);
    const stage = stageAt(pipeline, 0).id;
    const valid = { title: "Deal", contactId, pipelineId: pipeline.id, stage, value: { amount: "10.00" } };
    const cases: Array<[string, Record<string, unknown>, number, string]> = [
      ["unknown stage", { stage: randomUUID() }, 400, "stage"],
      ["stage of another pipeline", { stage: stageAt(stranger.pipeline, 0).id }, 400, "stage"],
      ["pipeline of another organization", { pipelineId: stranger.pipeline.id }, 404, ""],
      ["contact of another organization", { contactId: stranger.contactId }, 404, ""],
      ["assignee of another organization", { assigneeId: stranger.owner.user.id }, 404, ""],
      ["negative value", { value: { amount: "-1.00" } }, 400, "value.amount"],
      ["malformed value", { value: { amount: "1,50" } }, 400, "value.amount"],
      ["float-looking value", { value: { amount: "1e3" } }, 400, "value.amount"],
      ["too many decimals", { value: { amount: "1.001" } }, 400, "value.amount"],
      ["too large for the column", { value: { amount: "10000000000000" } }, 400, "value.amount"],
      ["unknown currency", { value: { amount: "1", currency: "XYZ" } }, 400, "value.currency"],
      ["blank title", { title: "   " }, 400, "title"],
      ["impossible close date", { expectedCloseDate: "2030-02-30" }, 400, "expectedCloseDate"],
      ["value as a number", { value: { amount: 10 } }, 400, "value.amount"],
    ];
    for (const [name, override, status, field] of cases) {
      const res = await api.rest<ErrorDto>("POST", "/deals", { token, body: { ...valid, ...override } });
      expect(res.status, name).toBe(status);
      if (field) expect(Object.keys(res.body.data.fieldErrors ?? {}), name).toContain(field);
    }
    expect(await dealCount(owner.organization.id)).toBe(0);
    const activities = await api.container.db.db
      .selectFrom("deal_activities")
      .select("id")
      .where("organization_id", "=", owner.organization.id)
      .execute();
    expect(activities).toEqual([]);
  });
});
