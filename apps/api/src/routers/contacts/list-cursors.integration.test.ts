import { describe, expect, it } from "vitest";
import type { TestApi } from "../../testing/harness";
import { useTestApi } from "../../testing/harness";
import { insertConversation, insertMessage } from "../conversations/conversation-fixtures";
import { createDeal, createPipeline, type ErrorDto, stageAt, workspace } from "../deals/deal-fixtures";
import { insertTelegramIntegrations } from "../integrations/integration-fixtures";
import { createContact, createResource, type ImportDto, waitForImport } from "./contact-fixtures";

const api = useTestApi();

const otherList = "This cursor belongs to another list or sort; start again without it";

interface Paged {
  nextCursor: string | null;
  columns?: Array<{ nextCursor: string | null }>;
}

/**
 * Two of what every other context lists (conversations, messages, users, invitations, API keys, payments,
 * notifications, integrations, webhook logs), written as their own flows would leave them.
 */
async function twoOfTheRest(api: TestApi, owner: { token: string; user: { id: string } }, contactId: string) {
  const { token } = owner;
  const db = api.container.db.db;
  const organizationId = (await api.rest<{ id: string }>("GET", "/organizations/current", { token })).body.id;
  const [integrationId = ""] = await insertTelegramIntegrations(api, organizationId, 2);
  const conversationIds = [];
  for (const minutes of [5, 10]) {
    conversationIds.push(
      await insertConversation(api, organizationId, {
        channel: "telegram",
        contactId,
        integrationId,
        lastMessageMinutesAgo: minutes,
      }),
    );
  }
  const conversationId = conversationIds[0] ?? "";
  for (const minutes of [1, 2]) {
    await insertMessage(api, conversationId, { content: "O pedido chegou", minutesAgo: minutes });
  }
  await api.member(token, "agent");
  await api.trpc(token).users.invite.mutate({ email: "pending@example.com", role: "viewer" });
  for (const name of ["Zapier", "ERP"]) {
    const key = await api.rest("POST", "/api-keys", { token, body: { name, role: "viewer" } });
    expect(key.status, JSON.stringify(key.body)).toBe(201);
  }
  for (const n of [1, 2]) {
    await db
      .insertInto("payments")
      .values({ organization_id: organizationId, provider: "stripe", amount: `${n}0.00`, currency: "BRL" })
      .execute();
    await db
      .insertInto("notifications")
      .values({
        organization_id: organizationId,
        user_id: owner.user.id,
        type: "assignment",
        source_key: `cursor-test-${n}`,
        data: JSON.stringify({ conversationId, previousAssignee: null }),
      })
      .execute();
    await db
      .insertInto("webhook_logs")
      .values({
        organization_id: organizationId,
        integration_id: integrationId,
        channel: "telegram",
        event_id: `cursor-test-${n}`,
        status: "success",
      })
      .execute();
  }
  return { integrationId, conversationId };
}

/** Two of everything the contacts and deals contexts list, so that each list's first page has a next one. */
async function twoOfEach() {
  const { owner, token, contactId, pipeline } = await workspace(api);
  for (const n of [1, 2]) {
    await createContact(api, token, { name: `Person ${n}` });
    await createResource(api, token, "/companies", { name: `Company ${n}` });
    await createResource(api, token, "/tags", { name: `tag-${n}` });
    await createResource(api, token, "/custom-fields", {
      key: `field_${n}`,
      label: `Field ${n}`,
      type: "text",
    });
  }
  await createPipeline(api, token, { name: "Second", stages: [{ name: "Only" }] });
  const stage = stageAt(pipeline, 0);
  const deals = [];
  for (const title of ["First deal", "Second deal"]) {
    deals.push(await createDeal(api, token, { contactId, pipelineId: pipeline.id, stage: stage.id, title }));
  }
  const deal = deals[0];
  if (!deal) throw new Error("no deal");
  const note = await api.rest("POST", `/deals/${deal.id}/activities`, {
    token,
    body: { type: "note", content: "Called" },
  });
  expect(note.status, JSON.stringify(note.body)).toBe(201);
  const started = await api.rest<ImportDto>("POST", "/contacts/imports", {
    token,
    body: { csv: "name\nImported 1\nImported 2\n" },
  });
  await waitForImport(api, token, started.body.id);
  await createResource(api, token, "/contacts/imports", { csv: "name\nImported 3\n" });
  return { owner, token, contactId, pipeline, stage, deal, importId: started.body.id };
}

describe("a list's cursor", () => {
  // 28 lists, each cursor tried on every other: about 800 requests, over 30 s on a loaded machine
  it("passed to another list or with another sort answers 400 saying so", { timeout: 180_000 }, async () => {
    const { owner, token, contactId, pipeline, stage, deal, importId } = await twoOfEach();
    const { integrationId, conversationId } = await twoOfTheRest(api, owner, contactId);
    const board = `/pipelines/${pipeline.id}/board`;
    const lists: Record<string, string> = {
      contacts: "/contacts?limit=1",
      contactsByName: "/contacts?limit=1&sort=name",
      contactsByUpdate: "/contacts?limit=1&sort=updatedAt",
      companies: "/companies?limit=1",
      companiesByUpdate: "/companies?limit=1&sort=updatedAt",
      tags: "/tags?limit=1",
      customFields: "/custom-fields?limit=1",
      contactDeals: `/contacts/${contactId}/deals?limit=1`,
      contactConversations: `/contacts/${contactId}/conversations?limit=1`,
      imports: "/contacts/imports?limit=1",
      importRows: `/contacts/imports/${importId}/rows?limit=1`,
      deals: "/deals?limit=1",
      dealsByUpdate: "/deals?limit=1&sort=updatedAt",
      pipelines: "/pipelines?limit=1",
      activities: `/deals/${deal.id}/activities?limit=1`,
      boardColumn: `${board}?stageId=${stage.id}&limit=1`,
      conversations: "/conversations?limit=1",
      conversationsByUpdate: "/conversations?limit=1&sort=updatedAt",
      messages: `/conversations/${conversationId}/messages?limit=1`,
      messageSearch: "/messages?q=pedido&limit=1",
      messageSearchByRelevance: "/messages?q=pedido&sort=relevance&limit=1",
      users: "/users?limit=1",
      invitations: "/invitations?limit=1",
      apiKeys: "/api-keys?limit=1",
      payments: "/payments?limit=1",
      notifications: "/notifications?limit=1",
      integrations: "/integrations?limit=1",
      webhookLogs: `/integrations/${integrationId}/webhook-logs?limit=1`,
    };
    const cursors = new Map<string, string>();
    for (const [name, path] of Object.entries(lists)) {
      const res = await api.rest<Paged>("GET", path, { token });
      expect(res.status, path).toBe(200);
      const cursor = res.body.columns ? res.body.columns[0]?.nextCursor : res.body.nextCursor;
      if (!cursor) throw new Error(`${name} has no next page`);
      cursors.set(name, cursor);
      // its own list reads it
      const next = await api.rest("GET", `${path}&cursor=${encodeURIComponent(cursor)}`, { token });
      expect(next.status, `${name} with its own cursor`).toBe(200);
    }
    for (const [name, cursor] of cursors) {
      for (const [other, path] of Object.entries(lists)) {
        if (other === name) continue;
        const res = await api.rest<ErrorDto>("GET", `${path}&cursor=${encodeURIComponent(cursor)}`, {
          token,
        });
        expect(res.status, `${name}'s cursor on ${other}`).toBe(400);
        expect(res.body.message, `${name}'s cursor on ${other}`).toBe(otherList);
        expect(res.body.data.fieldErrors).toEqual({ cursor: [otherList] });
      }
    }
    // a board column's cursor is a position in its stage's column only
    const otherStage = stageAt(pipeline, 1);
    const res = await api.rest<ErrorDto>(
      "GET",
      `${board}?stageId=${otherStage.id}&limit=1&cursor=${cursors.get("boardColumn")}`,
      { token },
    );
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(otherList);
  });

  it("naming no list is refused, except the contact list's own older form", async () => {
    const { token } = await twoOfEach();
    const legacy = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const first = await api.rest<{ items: Array<{ id: string; createdAt: string }> }>(
      "GET",
      "/deals?limit=1",
      { token },
    );
    const [newest] = first.body.items;
    if (!newest) throw new Error("no deal");
    const deals = await api.rest<{ items: Array<{ title: string }> }>(
      "GET",
      `/deals?limit=5&cursor=${legacy({ at: newest.createdAt, id: newest.id })}`,
      { token },
    );
    // any list made such cursors once: nothing tells which, so none takes one
    expect(deals.status).toBe(400);
    expect((deals.body as unknown as ErrorDto).message).toBe(otherList);

    const byName = await api.rest<{ items: Array<{ id: string; name: string }> }>(
      "GET",
      "/contacts?limit=1&sort=name",
      { token },
    );
    const [firstByName] = byName.body.items;
    if (!firstByName) throw new Error("no contact");
    const next = await api.rest<{ items: Array<{ name: string }> }>(
      "GET",
      `/contacts?limit=1&sort=name&cursor=${legacy(["name", firstByName.name.toLowerCase(), firstByName.id])}`,
      { token },
    );
    expect(next.status).toBe(200);
    expect(next.body.items.map((contact) => contact.name)).toEqual(["Imported 2"]);
  });
});
