import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { createContact, createResource, type ImportDto, waitForImport } from "../contacts/contact-fixtures";
import { insertConversation, insertMessage } from "../conversations/conversation-fixtures";
import { createDeal, createPipeline, type ErrorDto, stageAt, workspace } from "../deals/deal-fixtures";
import { insertTelegramIntegrations } from "../integrations/integration-fixtures";

const api = useTestApi();

const otherFilters =
  "This cursor belongs to this list with other filters; pass the filters of its first page, or start again without it";

type Item = Record<string, unknown> & { id?: string; rowNumber?: number; message?: { id: string } };

interface Paged {
  items?: Item[];
  nextCursor?: string | null;
  columns?: Array<{ deals: Item[]; nextCursor: string | null }>;
}

const keyOf = (item: Item) => String(item.message?.id ?? item.id ?? item.rowNumber);
const itemsOf = (page: Paged) => (page.columns ? (page.columns[0]?.deals ?? []) : (page.items ?? []));
const cursorOf = (page: Paged) => (page.columns ? page.columns[0]?.nextCursor : page.nextCursor);

/**
 * Two of each list's items under one value of each filter (filter A), and items under another value (B), as
 * their own flows would leave them.
 */
async function filteredLists() {
  const { owner, token, contactId, pipeline } = await workspace(api);
  const organizationId = owner.organization.id;
  const db = api.container.db.db;
  const startedAt = new Date(Date.now() - 60_000).toISOString();

  const second = await createPipeline(api, token, { name: "Second", stages: [{ name: "Only" }] });
  const stage = stageAt(pipeline, 0);
  const deals: Record<string, string> = {};
  for (const [title, where] of [
    ["Alpha 1", pipeline],
    ["Alpha 2", pipeline],
    ["Alpha 3", pipeline],
    ["Beta 1", second],
    ["Beta 2", second],
  ] as const) {
    const deal = await createDeal(api, token, {
      contactId,
      pipelineId: where.id,
      stage: stageAt(where, 0).id,
      title,
    });
    deals[title] = deal.id;
  }

  for (const name of ["Ana 1", "Ana 2", "Bruno 1"]) await createContact(api, token, { name });
  for (const name of ["Acme 1", "Acme 2", "Zeta 1"]) await createResource(api, token, "/companies", { name });
  for (const name of ["red-1", "red-2", "blue-1"]) await createResource(api, token, "/tags", { name });
  for (const _ of [1, 2]) await api.member(token, "agent");

  const [integrationId = ""] = await insertTelegramIntegrations(api, organizationId, 2);
  const otherContactId = (await createContact(api, token, { name: "Other" })).id;
  const conversations: Record<string, string[]> = { [contactId]: [], [otherContactId]: [] };
  for (const [contact, minutes] of [
    [contactId, 5],
    [contactId, 6],
    [otherContactId, 7],
    [otherContactId, 8],
  ] as const) {
    const id = await insertConversation(api, organizationId, {
      channel: "telegram",
      contactId: contact,
      integrationId,
      lastMessageMinutesAgo: minutes,
    });
    conversations[contact]?.push(id);
    for (const content of ["O boleto venceu", "Mandei o boleto e o pix"]) {
      await insertMessage(api, id, { content, minutesAgo: minutes });
    }
  }

  for (const [status, n] of [
    ["success", 1],
    ["success", 2],
    ["failed", 3],
  ] as const) {
    await db
      .insertInto("webhook_logs")
      .values({
        organization_id: organizationId,
        integration_id: integrationId,
        channel: "telegram",
        event_id: `filtered-cursor-${n}`,
        status,
      })
      .execute();
  }

  for (const [dealId, n] of [
    [deals["Alpha 1"], 1],
    [deals["Alpha 1"], 2],
    [deals["Alpha 2"], 3],
  ] as const) {
    await db
      .insertInto("payments")
      .values({
        organization_id: organizationId,
        deal_id: dealId ?? null,
        provider: "stripe",
        amount: `${n}0.00`,
        currency: "BRL",
      })
      .execute();
  }

  for (const [n, read] of [
    [1, false],
    [2, false],
    [3, true],
  ] as const) {
    await db
      .insertInto("notifications")
      .values({
        organization_id: organizationId,
        user_id: owner.user.id,
        type: "assignment",
        source_key: `filtered-cursor-${n}`,
        data: JSON.stringify({ conversationId: conversations[contactId]?.[0], previousAssignee: null }),
        read_at: read ? new Date() : null,
      })
      .execute();
  }

  const subscription = await db
    .insertInto("outgoing_webhook_subscriptions")
    .values({
      organization_id: organizationId,
      url: "https://example.com/hook",
      events: ["*"],
      secret: JSON.stringify({ note: "never read by the list" }),
      secret_hint: "abcd",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const [status, n] of [
    ["pending", 1],
    ["pending", 2],
    ["delivered", 3],
  ] as const) {
    await db
      .insertInto("outgoing_webhook_deliveries")
      .values({
        organization_id: organizationId,
        subscription_id: subscription.id,
        event_id: `evt-${n}`,
        event_type: "contact_updated",
        payload: JSON.stringify({}),
        status,
      })
      .execute();
  }

  const started = await api.rest<ImportDto>("POST", "/contacts/imports", {
    token,
    body: {
      csv: "name,email\nImported 1,one@example.com\nBad 1,not-an-email\nImported 2,two@example.com\nBad 2,nope\n",
    },
  });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const importId = (await waitForImport(api, token, started.body.id)).id;

  for (const name of ["Gone 1", "Gone 2"]) {
    const contact = await createContact(api, token, { name });
    expect((await api.rest("DELETE", `/contacts/${contact.id}`, { token })).status).toBe(200);
  }

  return {
    token,
    board: `/pipelines/${pipeline.id}/board?stageId=${stage.id}`,
    pipelines: [pipeline.id, second.id],
    contacts: [contactId, otherContactId],
    conversations: conversations[contactId] ?? [],
    deals: [deals["Alpha 1"] ?? "", deals["Alpha 2"] ?? ""],
    integrationId,
    webhookId: subscription.id,
    importId,
    startedAt,
  };
}

describe("a cursor of a list narrowed by a filter", () => {
  it("answers 400 with other filters, and the next page with the same ones", async () => {
    const setup = await filteredLists();
    const { token, pipelines, contacts, conversations, deals } = setup;
    const [conversationA, conversationB] = conversations;
    const earlier = new Date(Date.parse(setup.startedAt) - 60_000).toISOString();
    // each list: a query of filter A (at least two items), and one of filter B
    const lists: Array<[string, string, string]> = [
      ["deals by pipeline", `/deals?pipelineId=${pipelines[0]}`, `/deals?pipelineId=${pipelines[1]}`],
      ["deals by search", "/deals?search=Alpha", "/deals?search=Alph"],
      ["deals to sync", `/deals?sort=updatedAt&pipelineId=${pipelines[0]}`, "/deals?sort=updatedAt"],
      ["a board column", `${setup.board}&search=Alpha`, `${setup.board}&search=Alpha&assigned=false`],
      ["conversations", `/conversations?contactId=${contacts[0]}`, `/conversations?contactId=${contacts[1]}`],
      [
        "conversations to sync",
        `/conversations?sort=updatedAt&contactId=${contacts[0]}`,
        "/conversations?sort=updatedAt&status=open",
      ],
      [
        "message search",
        `/messages?q=boleto&conversationId=${conversationA}`,
        `/messages?q=boleto&conversationId=${conversationB}`,
      ],
      ["message search by text", "/messages?q=boleto", "/messages?q=pix"],
      [
        "message search by relevance",
        `/messages?q=boleto&sort=relevance&conversationId=${conversationA}`,
        "/messages?q=boleto&sort=relevance",
      ],
      ["contacts", "/contacts?search=Ana", "/contacts?search=Bruno"],
      ["contacts by name", "/contacts?sort=name&search=Ana", "/contacts?sort=name"],
      ["companies", "/companies?search=Acme", "/companies?search=Zeta"],
      ["tags by name", "/tags?search=red", "/tags?search=blue"],
      ["tags by creation", "/tags?sort=createdAt&search=red", "/tags?sort=createdAt"],
      ["users", "/users?role=agent", "/users?role=owner"],
      ["notifications", "/notifications?unreadOnly=true", "/notifications?unreadOnly=false"],
      ["payments", `/payments?dealId=${deals[0]}`, `/payments?dealId=${deals[1]}`],
      ["integrations", "/integrations?channel=telegram", "/integrations?channel=whatsapp"],
      [
        "webhook logs",
        `/integrations/${setup.integrationId}/webhook-logs?status=success`,
        `/integrations/${setup.integrationId}/webhook-logs?status=failed`,
      ],
      [
        "webhook deliveries",
        `/webhooks/${setup.webhookId}/deliveries?status=pending`,
        `/webhooks/${setup.webhookId}/deliveries?status=delivered`,
      ],
      [
        "import rows",
        `/contacts/imports/${setup.importId}/rows?outcome=error`,
        `/contacts/imports/${setup.importId}/rows?outcome=created`,
      ],
      [
        "deletions",
        `/deletions?entity=contact&deletedFrom=${setup.startedAt}`,
        `/deletions?entity=contact&deletedFrom=${earlier}`,
      ],
    ];
    // every list's answer to its cursor with other filters, compared at the end so that a failure names them all
    const answers: Record<string, { status: number; message: string; fieldErrors: unknown }> = {};
    for (const [name, pathA, pathB] of lists) {
      const all = await api.rest<Paged>("GET", `${pathA}&limit=100`, { token });
      expect(all.status, `${name}: ${JSON.stringify(all.body)}`).toBe(200);
      const expected = itemsOf(all.body).map(keyOf);
      expect(expected.length, name).toBeGreaterThanOrEqual(2);

      const first = await api.rest<Paged>("GET", `${pathA}&limit=1`, { token });
      const cursor = cursorOf(first.body);
      if (!cursor) throw new Error(`${name} has no next page`);
      const next = await api.rest<Paged>("GET", `${pathA}&limit=1&cursor=${encodeURIComponent(cursor)}`, {
        token,
      });
      expect(next.status, name).toBe(200);
      expect(itemsOf(next.body).map(keyOf), `${name}'s second page`).toEqual([expected[1]]);

      const other = await api.rest<ErrorDto>("GET", `${pathB}&limit=1&cursor=${encodeURIComponent(cursor)}`, {
        token,
      });
      answers[name] = {
        status: other.status,
        message: other.body.message,
        fieldErrors: other.body.data?.fieldErrors,
      };
    }
    const refused = { status: 400, message: otherFilters, fieldErrors: { cursor: [otherFilters] } };
    expect(answers).toEqual(Object.fromEntries(lists.map(([name]) => [name, refused])));
  });

  it("over tRPC too: the same filters read the next page, others are a BAD_REQUEST", async () => {
    const { token, contacts, pipelines, deals, conversations } = await filteredLists();
    const trpc = api.trpc(token);
    const refused = { data: { code: "BAD_REQUEST", fieldErrors: { cursor: [otherFilters] } } };

    const inbox = await trpc.conversations.list.query({ contactId: contacts[0], limit: 1 });
    const cursor = inbox.nextCursor ?? undefined;
    expect(cursor).toBeDefined();
    expect(
      (await trpc.conversations.list.query({ contactId: contacts[0], limit: 1, cursor })).items,
    ).toHaveLength(1);
    await expect(
      trpc.conversations.list.query({ contactId: contacts[1], limit: 1, cursor }),
    ).rejects.toMatchObject(refused);

    const payments = await trpc.payments.list.query({ dealId: deals[0], limit: 1 });
    await expect(
      trpc.payments.list.query({ dealId: deals[1], limit: 1, cursor: payments.nextCursor ?? "" }),
    ).rejects.toMatchObject(refused);

    const byPipeline = await trpc.deals.list.query({ pipelineId: pipelines[0], limit: 1 });
    await expect(
      trpc.deals.list.query({ pipelineId: pipelines[1], limit: 1, cursor: byPipeline.nextCursor ?? "" }),
    ).rejects.toMatchObject(refused);

    const search = await trpc.messages.search.query({
      q: "boleto",
      conversationId: conversations[0],
      limit: 1,
    });
    await expect(
      trpc.messages.search.query({
        q: "boleto",
        conversationId: conversations[1],
        limit: 1,
        cursor: search.nextCursor ?? "",
      }),
    ).rejects.toMatchObject(refused);
  });

  it("is read by the same filters however they are written: a default, a blank search, an alias", async () => {
    const { token, board, importId } = await filteredLists();
    const same: Array<[string, string]> = [
      // the board lists open deals unless told otherwise
      [`${board}`, `${board}&status=open`],
      ["/tags?search=red", "/tags?search=%20red%20"],
      ["/users", "/users?search=%20"],
      ["/notifications", "/notifications?unreadOnly=false"],
      // the import counts error rows as failed, and the filter takes that name too
      [
        `/contacts/imports/${importId}/rows?outcome=error`,
        `/contacts/imports/${importId}/rows?outcome=failed`,
      ],
    ];
    for (const [pathA, pathB] of same) {
      const first = await api.rest<Paged>("GET", `${pathA}${pathA.includes("?") ? "&" : "?"}limit=1`, {
        token,
      });
      const cursor = cursorOf(first.body);
      if (!cursor) throw new Error(`${pathA} has no next page`);
      const next = await api.rest<Paged>(
        "GET",
        `${pathB}${pathB.includes("?") ? "&" : "?"}limit=1&cursor=${encodeURIComponent(cursor)}`,
        { token },
      );
      expect(next.status, `${pathA} then ${pathB}: ${JSON.stringify(next.body)}`).toBe(200);
    }
  });
});
