import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { activitiesOf, createDeal, type DealDto, insertContact, stageAt, workspace } from "./deal-fixtures";

const api = useTestApi();

async function patch(token: string, id: string, body: Record<string, unknown>) {
  return api.rest<DealDto>("PATCH", `/deals/${id}`, { token, body });
}

describe("the history of a deal's fields", () => {
  it("writes one fields_changed activity per edit, by whom, with each changed field's old and new value", async () => {
    const { owner, token, contactId, pipeline } = await workspace(api);
    const agent = await api.member(token, "agent");
    const deal = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage: stageAt(pipeline, 0).id,
      value: { amount: "2000", currency: "BRL" },
      expectedCloseDate: "2026-12-20",
      assigneeId: owner.user.id,
    });

    expect((await patch(token, deal.id, { value: { amount: "9999" } })).status).toBe(200);
    const second = await patch(token, deal.id, {
      value: { amount: "7777" },
      expectedCloseDate: "2026-12-24",
      assigneeId: agent.user.id,
      title: "Website redesign",
    });
    expect(second.status).toBe(200);

    const activities = await activitiesOf(api, token, deal.id);
    expect(activities.map((activity) => activity.type)).toEqual([
      "fields_changed",
      "fields_changed",
      "created",
    ]);
    const [latest, first] = activities;
    expect(first).toMatchObject({
      actorId: owner.user.id,
      content: null,
      data: {
        changes: [
          {
            field: "value",
            from: { amount: "2000.00", currency: "BRL" },
            to: { amount: "9999.00", currency: "BRL" },
          },
        ],
      },
    });
    // the title was sent unchanged, so it is not listed
    expect(latest?.data).toEqual({
      changes: [
        {
          field: "value",
          from: { amount: "9999.00", currency: "BRL" },
          to: { amount: "7777.00", currency: "BRL" },
        },
        { field: "expectedCloseDate", from: "2026-12-20", to: "2026-12-24" },
        { field: "assigneeId", from: owner.user.id, to: agent.user.id },
      ],
    });
  });

  it("writes nothing when the edit changes nothing", async () => {
    const { token, contactId, pipeline } = await workspace(api);
    const deal = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage: stageAt(pipeline, 0).id,
      expectedCloseDate: "2026-12-20",
    });
    const res = await patch(token, deal.id, {
      title: deal.title,
      value: { amount: "1000.0", currency: deal.value.currency },
      expectedCloseDate: "2026-12-20",
      assigneeId: deal.assigneeId,
      contactId,
    });
    expect(res.status).toBe(200);
    expect(res.body.updatedAt).toBe(deal.updatedAt);
    expect((await activitiesOf(api, token, deal.id)).map((activity) => activity.type)).toEqual(["created"]);
  });

  it("writes no activity and changes nothing when the edit is refused", async () => {
    const { token, contactId, pipeline } = await workspace(api);
    const deal = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage: stageAt(pipeline, 0).id,
    });
    const refused = [
      // an owner who is not a member of the organization
      { value: { amount: "5000" }, assigneeId: randomUUID() },
      // losing needs a reason: the value edit before it in the same request goes too
      { value: { amount: "5000" }, status: "lost" },
      // a version someone else has already changed
      { value: { amount: "5000" }, expectedUpdatedAt: "2020-01-01T00:00:00.000Z" },
    ];
    for (const body of refused) {
      const res = await patch(token, deal.id, body);
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
    }
    const after = await api.rest<DealDto>("GET", `/deals/${deal.id}`, { token });
    expect(after.body.value).toEqual(deal.value);
    expect((await activitiesOf(api, token, deal.id)).map((activity) => activity.type)).toEqual(["created"]);
  });

  it("records a new contact as contact_changed and a move to another pipeline as stage_changed", async () => {
    const { owner, token, contactId, pipeline } = await workspace(api);
    const other = await api.rest<{ id: string; stages: Array<{ id: string }> }>("POST", "/pipelines", {
      token,
      body: { name: "Renovações", stages: [{ name: "Contato" }, { name: "Proposta" }] },
    });
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    const newContact = await insertContact(api, owner.organization.id, "João Lima");
    const deal = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage: stageAt(pipeline, 0).id,
    });
    const target = other.body.stages[1]?.id;
    const res = await patch(token, deal.id, {
      contactId: newContact,
      pipelineId: other.body.id,
      stage: target,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ contactId: newContact, pipelineId: other.body.id, stage: target });
    const activities = await activitiesOf(api, token, deal.id);
    expect(activities.map((activity) => activity.type).sort()).toEqual([
      "contact_changed",
      "created",
      "stage_changed",
    ]);
    expect(activities.find((activity) => activity.type === "contact_changed")?.data).toEqual({
      fromContactId: contactId,
      toContactId: newContact,
    });
    expect(activities.find((activity) => activity.type === "stage_changed")?.data).toMatchObject({
      from: { pipelineId: pipeline.id },
      to: { pipelineId: other.body.id, stageId: target, stageName: "Proposta" },
    });
  });
});
