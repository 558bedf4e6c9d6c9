import { randomUUID } from "node:crypto";
import type { Pipeline } from "@crm/domain";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "./client";
import { createContactsStore } from "./contacts/contacts-store";
import { createConversationRepository } from "./conversations/conversation-repository";
import { createDealRepository } from "./deals/deal-repository";
import { organizationWithPipeline } from "./deals/pipeline-fixtures";
import { createTestDatabase } from "./testing/test-database";

/*
 * A record's version is its updated_at to the millisecond (its ETag, a client's `expectedUpdatedAt`): every
 * write must give it a new one, or a client's If-Match passes against a version it never saw.
 */

let handle: DatabaseHandle;
let organizationId: string;
let pipeline: Pipeline;

beforeAll(async () => {
  handle = await createTestDatabase();
  ({ organizationId, pipeline } = await organizationWithPipeline(handle.db, "Versions", [{ name: "A" }]));
});

afterAll(() => handle?.close());

const versionedTables = ["deals", "contacts", "companies", "conversations"] as const;

/** One new row of each versioned table. */
async function seed() {
  const store = createContactsStore(handle.db);
  const company = await store.companies.create(organizationId, { name: `Padaria ${randomUUID()}` });
  const contact = await store.contacts.create(organizationId, {
    name: "Maria",
    email: null,
    phone: null,
    companyId: company.id,
    metadata: {},
  });
  const deal = await handle.db
    .insertInto("deals")
    .values({
      organization_id: organizationId,
      pipeline_id: pipeline.id,
      stage: pipeline.stages[0]?.id ?? "",
      title: "Bolo",
      value: "10.00",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const conversation = await handle.db
    .insertInto("conversations")
    .values({ organization_id: organizationId, channel: "whatsapp", last_message_preview: "Oi" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { deals: deal.id, contacts: contact.id, companies: company.id, conversations: conversation.id };
}

async function versionOf(table: (typeof versionedTables)[number], id: string): Promise<number> {
  const row = await handle.db
    .selectFrom(table)
    .select("updated_at")
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return row.updated_at.getTime();
}

describe("record versions", () => {
  it("move forward on every update, even on two in one transaction where now() stands still", async () => {
    const ids = await seed();
    for (const table of versionedTables) {
      const versions = await handle.db.transaction().execute(async (trx) => {
        const written: number[] = [];
        for (let write = 0; write < 2; write += 1) {
          const { rows } = await sql<{ updated_at: Date }>`
            update ${sql.table(table)} set updated_at = now() where id = ${ids[table]} returning updated_at
          `.execute(trx);
          written.push(rows[0]?.updated_at.getTime() ?? Number.NaN);
        }
        return written;
      });
      expect(versions[1], table).toBeGreaterThan(versions[0] ?? Number.POSITIVE_INFINITY);
      expect(await versionOf(table, ids[table]), table).toBe(versions[1]);
    }
  });

  it("are distinct for two writes at the same instant through the repositories", async () => {
    const ids = await seed();
    const at = new Date(Date.now() + 60_000);
    const deals = createDealRepository(handle.db);
    const first = await deals.update(organizationId, ids.deals, { title: "Bolo de milho" }, at);
    const second = await deals.update(organizationId, ids.deals, { title: "Bolo de fubá" }, at);
    expect(first.updatedAt).toBe(at.toISOString());
    expect(new Date(second.updatedAt).getTime()).toBeGreaterThan(at.getTime());

    const conversations = createConversationRepository(handle.db);
    const open = await conversations.update(organizationId, ids.conversations, { status: "pending" }, at);
    const closed = await conversations.update(organizationId, ids.conversations, { status: "closed" }, at);
    expect(closed.updatedAt.getTime()).toBeGreaterThan(open.updatedAt.getTime());
  });

  it("move forward on an update that does not set updated_at, and never back to an older time", async () => {
    const ids = await seed();
    const before = await versionOf("conversations", ids.conversations);
    await handle.db
      .updateTable("conversations")
      .set({ last_message_preview: null })
      .where("id", "=", ids.conversations)
      .execute();
    const cleared = await versionOf("conversations", ids.conversations);
    expect(cleared).toBeGreaterThan(before);

    const contact = await versionOf("contacts", ids.contacts);
    await handle.db
      .updateTable("contacts")
      .set({ name: "Maria Souza", updated_at: new Date(0) })
      .where("id", "=", ids.contacts)
      .execute();
    expect(await versionOf("contacts", ids.contacts)).toBeGreaterThan(contact);
  });

  it("of a contact change with its tags, and not with a tag it already has", async () => {
    const ids = await seed();
    const store = createContactsStore(handle.db);
    const [vip, late] = await Promise.all(
      ["VIP", "Late"].map((name) => store.tags.create(organizationId, { name, color: "#112233" })),
    );
    if (!vip || !late) throw new Error("tags not created");
    const versions = [await versionOf("contacts", ids.contacts)];
    const next = async () => {
      versions.push(await versionOf("contacts", ids.contacts));
      return versions.at(-1) ?? 0;
    };

    await store.contacts.addTags(organizationId, ids.contacts, [vip.id, late.id]);
    expect(await next()).toBeGreaterThan(versions.at(-2) ?? 0);
    await store.contacts.addTags(organizationId, ids.contacts, [vip.id]);
    expect(await next()).toBe(versions.at(-2));
    await store.contacts.removeTag(organizationId, ids.contacts, vip.id);
    expect(await next()).toBeGreaterThan(versions.at(-2) ?? 0);
    await store.tags.remove(organizationId, late.id);
    expect(await next()).toBeGreaterThan(versions.at(-2) ?? 0);
    expect((await store.contacts.findById(organizationId, ids.contacts))?.tags).toEqual([]);
  });
});
