import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "./client";
import {
  isCheckViolation,
  isForeignKeyViolation,
  isUniqueViolation,
  uniqueViolationConstraint,
} from "./errors";
import { createTestDatabase } from "./testing/test-database";

let handle: DatabaseHandle;
let organizationId: string;
let conversationId: string;
let integrationId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  const organization = await handle.db
    .insertInto("organizations")
    .values({ name: "Acme", slug: "acme" })
    .returning("id")
    .executeTakeFirstOrThrow();
  organizationId = organization.id;
  const integration = await handle.db
    .insertInto("integrations")
    .values({ organization_id: organizationId, channel: "telegram", config: JSON.stringify({}) })
    .returning("id")
    .executeTakeFirstOrThrow();
  integrationId = integration.id;
  const conversation = await handle.db
    .insertInto("conversations")
    .values({
      organization_id: organizationId,
      channel: "telegram",
      channel_thread_id: "chat-1",
      integration_id: integrationId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  conversationId = conversation.id;
  const pipeline = await handle.db
    .insertInto("pipelines")
    .values({ organization_id: organizationId, name: "Vendas", stages: JSON.stringify([{ id: "lead" }]) })
    .returning("id")
    .executeTakeFirstOrThrow();
  await handle.db
    .insertInto("deals")
    .values({
      organization_id: organizationId,
      pipeline_id: pipeline.id,
      stage: "lead",
      title: "T",
      value: "0",
    })
    .execute();
}, 120_000);

afterAll(() => handle?.close());

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the database to reject the statement");
    },
    (error: unknown) => error,
  );

describe("the spec's indexes", () => {
  it("all exist, including the partial ones and the Portuguese full-text index", async () => {
    const { rows } = await sql<{ indexname: string; indexdef: string }>`
      select indexname, indexdef from pg_indexes where schemaname = 'public'`.execute(handle.db);
    const byName = new Map(rows.map((row) => [row.indexname, row.indexdef]));
    const expected = [
      "idx_contacts_org",
      "idx_contacts_phone",
      "idx_contacts_email",
      "idx_conversations_org",
      "idx_conversations_contact",
      "idx_conversations_status",
      "idx_conversations_assigned",
      "idx_messages_org",
      "idx_messages_conversation",
      "idx_messages_content_search",
      "idx_deals_org",
      "idx_deals_contact",
      "idx_deals_pipeline",
      "idx_deals_status",
      "idx_payments_org",
      "idx_payments_deal",
      "idx_payments_status",
      "idx_webhook_logs_org",
      "idx_webhook_logs_status",
      "idx_webhook_logs_created",
      "idx_messages_org_conversation_created",
      "idx_conversations_org_status_updated",
      "idx_deals_org_pipeline_stage",
      "idx_conversations_open",
      "idx_payments_pending",
    ];
    expect(expected.filter((name) => !byName.has(name))).toEqual([]);
    // RUM where the server has the extension (it keeps sent_at for newest-first search), GIN elsewhere (0013)
    expect(byName.get("idx_messages_content_search")).toMatch(
      /USING (rum \(search_vector rum_tsvector_addon_ops, sent_at\) WITH \(attach=sent_at, "to"=search_vector, order_by_attach=t\)|gin \(search_vector\))/,
    );
    expect(byName.get("idx_conversations_open")).toMatch(/WHERE \(status = 'open'::text\)/);
    expect(byName.get("idx_payments_pending")).toMatch(/WHERE \(status = 'pending'::text\)/);
  });
  it("keeps a 300-value histogram of the contacts' searched columns, so a rare fragment is not misjudged (0014)", async () => {
    const { rows } = await sql<{ attname: string; target: number }>`
      select attname, attstattarget::int as target from pg_attribute
      where attrelid = 'contacts'::regclass and attname in ('name', 'email', 'phone')
      order by attname`.execute(handle.db);
    expect(rows).toEqual([
      { attname: "email", target: 300 },
      { attname: "name", target: 300 },
      { attname: "phone", target: 300 },
    ]);
  });
});

describe("constraints, recognized on both drivers", () => {
  it("rejects a second message with the same channel message id, naming the constraint", async () => {
    const message = {
      organization_id: organizationId,
      conversation_id: conversationId,
      channel: "telegram" as const,
      sender_type: "contact" as const,
      direction: "inbound" as const,
      content: "oi",
      channel_message_id: "tg-42",
    };
    await handle.db.insertInto("messages").values(message).execute();
    const error = await rejection(handle.db.insertInto("messages").values(message).execute());
    expect(isUniqueViolation(error)).toBe(true);
    expect(uniqueViolationConstraint(error)).toBe("messages_conversation_message_unique");
  });

  it("rejects a second conversation for the same integration's thread", async () => {
    const error = await rejection(
      handle.db
        .insertInto("conversations")
        .values({
          organization_id: organizationId,
          channel: "telegram",
          channel_thread_id: "chat-1",
          integration_id: integrationId,
        })
        .execute(),
    );
    expect(uniqueViolationConstraint(error)).toBe("conversations_integration_thread_unique");
  });

  it("rejects a duplicate email across organizations", async () => {
    const user = {
      organization_id: organizationId,
      email: "ana@example.com",
      name: "Ana",
      role: "owner" as const,
    };
    await handle.db.insertInto("users").values(user).execute();
    const error = await rejection(handle.db.insertInto("users").values(user).execute());
    expect(uniqueViolationConstraint(error)).toBe("users_email_key");
  });

  it("keeps one pending invitation per email, but allows a new one after revoking", async () => {
    const invitation = (tokenHash: string) => ({
      organization_id: organizationId,
      email: "bia@example.com",
      role: "agent" as const,
      token_hash: tokenHash,
      expires_at: new Date(Date.now() + 86_400_000),
    });
    const first = await handle.db
      .insertInto("invitations")
      .values(invitation("t1"))
      .returning("id")
      .executeTakeFirstOrThrow();
    const error = await rejection(handle.db.insertInto("invitations").values(invitation("t2")).execute());
    expect(uniqueViolationConstraint(error)).toBe("idx_invitations_pending_email");
    await handle.db
      .updateTable("invitations")
      .set({ revoked_at: new Date() })
      .where("id", "=", first.id)
      .execute();
    await handle.db.insertInto("invitations").values(invitation("t3")).execute();
  });

  it("rejects a row pointing at a missing organization", async () => {
    const error = await rejection(
      handle.db
        .insertInto("contacts")
        .values({ organization_id: "00000000-0000-4000-8000-000000000000", name: "Órfão" })
        .execute(),
    );
    expect(isForeignKeyViolation(error)).toBe(true);
    expect(isUniqueViolation(error)).toBe(false);
  });

  it.each([
    [
      "a role outside owner/admin/agent/viewer",
      sql`insert into users (organization_id, email, name, role) values (${"ORG"}, 'x@example.com', 'X', 'superuser')`,
    ],
    [
      "an upper-case email",
      sql`insert into users (organization_id, email, name, role) values (${"ORG"}, 'X@Example.com', 'X', 'agent')`,
    ],
    ["an unknown deal status", sql`update deals set status = 'maybe' where organization_id = ${"ORG"}`],
    [
      "an unknown payment status",
      sql`insert into payments (organization_id, amount, provider, status) values (${"ORG"}, 10, 'stripe', 'lost')`,
    ],
    [
      "a zero payment amount",
      sql`insert into payments (organization_id, amount, provider) values (${"ORG"}, 0, 'stripe')`,
    ],
    [
      "an unknown conversation status",
      sql`insert into conversations (organization_id, channel, status) values (${"ORG"}, 'slack', 'archived')`,
    ],
    [
      "an unknown message direction",
      sql`insert into messages (organization_id, conversation_id, channel, sender_type, direction, content) values (${"ORG"}, ${"CONV"}, 'telegram', 'contact', 'sideways', 'x')`,
    ],
    ["a lower-case currency", sql`update organizations set default_currency = 'brl' where id = ${"ORG"}`],
  ])("rejects %s with a check violation", async (_, statement) => {
    // Substitute the ids known only after setup for the placeholders.
    const compiled = statement.compile(handle.db);
    const parameters = compiled.parameters.map((value) =>
      value === "ORG" ? organizationId : value === "CONV" ? conversationId : value,
    );
    const error = await rejection(handle.db.executeQuery({ ...compiled, parameters }));
    expect(isCheckViolation(error)).toBe(true);
  });

  it("cascades an organization's deletion to its rows", async () => {
    const other = await handle.db
      .insertInto("organizations")
      .values({ name: "Temp", slug: "temp" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await handle.db.insertInto("contacts").values({ organization_id: other.id, name: "Zé" }).execute();
    await handle.db.deleteFrom("organizations").where("id", "=", other.id).execute();
    const left = await handle.db
      .selectFrom("contacts")
      .select("id")
      .where("organization_id", "=", other.id)
      .execute();
    expect(left).toEqual([]);
  });
});
