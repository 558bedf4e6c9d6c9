import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { insertContact, insertConversation, insertMessage } from "../conversations/conversation-fixtures";
import { createDeal, type ErrorDto, stageAt, workspace } from "../deals/deal-fixtures";
import { insertTelegramIntegrations } from "../integrations/integration-fixtures";
import { type ImportDto, waitForImport } from "./contact-fixtures";

const api = useTestApi();

const otherList = "This cursor belongs to another list or sort; start again without it";

interface Paged {
  nextCursor: string | null;
  columns?: Array<{ stage: { id: string }; nextCursor: string | null }>;
}

async function importTwoRows(token: string, names: [string, string]) {
  const started = await api.rest<ImportDto>("POST", "/contacts/imports", {
    token,
    body: { csv: `name\n${names.join("\n")}\n` },
  });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  return (await waitForImport(api, token, started.body.id)).id;
}

/** Two parents of each per-parent list, each with two items, so that each first page has a next one. */
async function twoParentsOfEach() {
  const { owner, token, contactId, pipeline } = await workspace(api);
  const organizationId = owner.organization.id;
  const db = api.container.db.db;
  const stage = stageAt(pipeline, 0);
  const otherContactId = await insertContact(api, organizationId, {
    name: "Other",
    phone: null,
    email: null,
  });

  const deals = [];
  for (const [title, contact] of [
    ["A", contactId],
    ["B", otherContactId],
  ] as const) {
    const deal = await createDeal(api, token, {
      contactId: contact,
      pipelineId: pipeline.id,
      stage: stage.id,
      title,
    });
    deals.push(deal.id);
    for (const content of ["Called", "Emailed"]) {
      const note = await api.rest("POST", `/deals/${deal.id}/activities`, {
        token,
        body: { type: "note", content },
      });
      expect(note.status, JSON.stringify(note.body)).toBe(201);
    }
  }
  // a second deal each, so that each contact's deals have a next page
  for (const contact of [contactId, otherContactId]) {
    await createDeal(api, token, {
      contactId: contact,
      pipelineId: pipeline.id,
      stage: stage.id,
      title: "More",
    });
  }
  // and two deals in the second stage, so that its board column has a next page too
  for (const title of ["C", "D"]) {
    await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage: stageAt(pipeline, 1).id,
      title,
    });
  }

  const integrations = await insertTelegramIntegrations(api, organizationId, 2);
  const conversations = [];
  for (const [i, contact] of [contactId, otherContactId].entries()) {
    const integrationId = integrations[i] ?? "";
    for (const n of [1, 2]) {
      const conversationId = await insertConversation(api, organizationId, {
        channel: "telegram",
        contactId: contact,
        integrationId,
      });
      conversations.push(conversationId);
      for (const minutesAgo of [2, 1]) {
        await insertMessage(api, conversationId, { content: `Message ${minutesAgo}`, minutesAgo });
      }
      await db
        .insertInto("webhook_logs")
        .values({
          organization_id: organizationId,
          integration_id: integrationId,
          channel: "telegram",
          event_id: `parent-cursor-${integrationId}-${n}`,
          status: "success",
        })
        .execute();
    }
  }

  const webhooks = [];
  for (const n of [1, 2]) {
    const subscription = await db
      .insertInto("outgoing_webhook_subscriptions")
      .values({
        organization_id: organizationId,
        url: `https://example.com/hook-${n}`,
        events: ["*"],
        secret: JSON.stringify({ note: "never read by the list" }),
        secret_hint: "abcd",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    webhooks.push(subscription.id);
    for (const m of [1, 2]) {
      await db
        .insertInto("outgoing_webhook_deliveries")
        .values({
          organization_id: organizationId,
          subscription_id: subscription.id,
          event_id: `evt-${n}-${m}`,
          event_type: "contact_updated",
          payload: JSON.stringify({}),
        })
        .execute();
    }
  }

  const imports = [await importTwoRows(token, ["Imported 1", "Imported 2"])];
  imports.push(await importTwoRows(token, ["Imported 3", "Imported 4"]));

  return {
    token,
    pipeline,
    contacts: [contactId, otherContactId],
    deals,
    integrations,
    conversations,
    webhooks,
    imports,
  };
}

describe("a per-parent list's cursor", () => {
  it("is refused, as another list's, by the same list of another parent", async () => {
    const { token, pipeline, contacts, deals, integrations, conversations, webhooks, imports } =
      await twoParentsOfEach();
    const lists: Record<string, (parent: string) => string> = {
      activities: (deal) => `/deals/${deal}/activities?limit=1`,
      webhookDeliveries: (webhook) => `/webhooks/${webhook}/deliveries?limit=1`,
      webhookLogs: (integration) => `/integrations/${integration}/webhook-logs?limit=1`,
      importRows: (id) => `/contacts/imports/${id}/rows?limit=1`,
      contactDeals: (contact) => `/contacts/${contact}/deals?limit=1`,
      contactConversations: (contact) => `/contacts/${contact}/conversations?limit=1`,
      messages: (conversation) => `/conversations/${conversation}/messages?limit=1`,
      boardColumn: (stage) => `/pipelines/${pipeline.id}/board?stageId=${stage}&limit=1`,
    };
    const parents: Record<string, string[]> = {
      activities: deals,
      webhookDeliveries: webhooks,
      webhookLogs: integrations,
      importRows: imports,
      contactDeals: contacts,
      contactConversations: contacts,
      messages: conversations,
      boardColumn: [stageAt(pipeline, 0).id, stageAt(pipeline, 1).id],
    };
    for (const [name, path] of Object.entries(lists)) {
      const [first = "", second = ""] = parents[name] ?? [];
      const res = await api.rest<Paged>("GET", path(first), { token });
      expect(res.status, name).toBe(200);
      const cursor = res.body.columns ? res.body.columns[0]?.nextCursor : res.body.nextCursor;
      if (!cursor) throw new Error(`${name} has no next page`);
      const own = await api.rest<Paged>("GET", `${path(first)}&cursor=${encodeURIComponent(cursor)}`, {
        token,
      });
      expect(own.status, `${name} with its own cursor`).toBe(200);
      const other = await api.rest<ErrorDto>("GET", `${path(second)}&cursor=${encodeURIComponent(cursor)}`, {
        token,
      });
      expect(other.status, `${name}'s cursor on another parent`).toBe(400);
      expect(other.body.message, `${name}'s cursor on another parent`).toBe(otherList);
      expect(other.body.data.fieldErrors).toEqual({ cursor: [otherList] });
    }
  });

  it("of a column of the whole board is refused by another column with the documented message", async () => {
    const { token, pipeline } = await twoParentsOfEach();
    const board = await api.rest<Paged>("GET", `/pipelines/${pipeline.id}/board?limit=1`, { token });
    expect(board.status).toBe(200);
    const columns = board.body.columns ?? [];
    const [first, second] = columns.filter((column) => column.nextCursor !== null);
    if (!first?.nextCursor || !second) throw new Error("two columns with a next page expected");
    const pairs: Array<[string, string]> = [
      [second.stage.id, first.nextCursor],
      [first.stage.id, second.nextCursor ?? ""],
    ];
    for (const [column, cursor] of pairs) {
      const res = await api.rest<ErrorDto>(
        "GET",
        `/pipelines/${pipeline.id}/board?stageId=${column}&limit=1&cursor=${encodeURIComponent(cursor)}`,
        { token },
      );
      expect(res.status).toBe(400);
      expect(res.body.message).toBe(otherList);
    }
  });
});
