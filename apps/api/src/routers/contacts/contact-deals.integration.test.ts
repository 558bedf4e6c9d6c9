import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { createContact, mobile, type PageDto } from "./contact-fixtures";

const api = useTestApi();

interface DealDto {
  id: string;
  contactId: string | null;
  value: { amount: string; currency: string };
  status: string;
  stage: string;
  pipelineId: string;
}

/** A deal of the contact in the first stage of the organization's default pipeline, through the deals API. */
async function createDealOf(token: string, contactId: string, value: { amount: string; currency?: string }) {
  const pipelines = await api.rest<PageDto<{ id: string; stages: Array<{ id: string }> }>>(
    "GET",
    "/pipelines",
    {
      token,
    },
  );
  const pipeline = pipelines.body.items[0];
  const stage = pipeline?.stages[0];
  if (!pipeline || !stage) throw new Error("no default pipeline");
  const res = await api.rest<DealDto>("POST", "/deals", {
    token,
    body: { title: "Deal", contactId, pipelineId: pipeline.id, stage: stage.id, value },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe("a contact's deals", () => {
  it("lists them newest first, paged, with their value as Money like the deals endpoints", async () => {
    const owner = await api.register();
    const contact = await createContact(api, owner.token, { name: "Ana", phone: mobile(1) });
    const created: DealDto[] = [];
    for (const value of [
      { amount: "1500" },
      { amount: "99.9", currency: "USD" },
      { amount: "500", currency: "JPY" },
    ]) {
      created.push(await createDealOf(owner.token, contact.id, value));
    }

    const seen: DealDto[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : "?limit=2";
      const page = await api.rest<PageDto<DealDto>>("GET", `/contacts/${contact.id}/deals${query}`, {
        token: owner.token,
      });
      expect(page.status).toBe(200);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);

    expect(seen.map((deal) => deal.id)).toEqual(created.map((deal) => deal.id).reverse());
    expect(seen.map((deal) => deal.value)).toEqual([
      { amount: "500", currency: "JPY" },
      { amount: "99.90", currency: "USD" },
      { amount: "1500.00", currency: "BRL" },
    ]);
    // the same Money the deals endpoints answer
    for (const deal of created) expect(seen.find((item) => item.id === deal.id)?.value).toEqual(deal.value);
    const newest = created[2];
    expect(seen[0]).toMatchObject({ status: "open", stage: newest?.stage, pipelineId: newest?.pipelineId });
  });

  it("a deleted contact's deals stay without a contact, each with a contact_changed activity and an event", async () => {
    const owner = await api.register();
    const orgId = owner.organization.id;
    const contact = await createContact(api, owner.token, { name: "Gone", phone: mobile(2) });
    const deal = await createDealOf(owner.token, contact.id, { amount: "10" });
    const events: Array<{ type: string; payload: unknown }> = [];
    const stop = api.container.events.subscribe((event) => {
      if (event.organizationId === orgId) events.push({ type: event.type, payload: event.payload });
    });

    expect((await api.rest("DELETE", `/contacts/${contact.id}`, { token: owner.token })).status).toBe(200);
    const kept = await api.rest<DealDto>("GET", `/deals/${deal.id}`, { token: owner.token });
    expect(kept.status).toBe(200);
    expect(kept.body.contactId).toBeNull();
    const activities = await api.rest<PageDto<{ type: string; data: unknown }>>(
      "GET",
      `/deals/${deal.id}/activities`,
      { token: owner.token },
    );
    expect(activities.body.items.map((activity) => activity.type)).toEqual(["contact_changed", "created"]);
    expect(activities.body.items[0]?.data).toEqual({
      fromContactId: contact.id,
      toContactId: null,
      reason: "contact_deleted",
    });
    // the events come back through Redis's pub/sub: later than the writes on a loaded machine
    await expect
      .poll(() => events)
      .toEqual(
        expect.arrayContaining([
          { type: "contact_updated", payload: { contactId: contact.id, change: "deleted" } },
          {
            type: "deal_updated",
            payload: expect.objectContaining({ dealId: deal.id, changes: ["contact"] }),
          },
        ]),
      );
    stop();
  });
});
