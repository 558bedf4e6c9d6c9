import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../client";
import { createContactsStore } from "../contacts/contacts-store";
import { createConversationsStore } from "../conversations/conversations-store";
import { createDealsStore } from "../deals/deals-store";
import { createTestDatabase } from "../testing/test-database";

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const db = () => database.db;

async function organization(): Promise<string> {
  const row = await db()
    .insertInto("organizations")
    .values({ name: "Tombstones", slug: `tomb-${randomUUID().slice(0, 8)}` })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const insertContact = async (organizationId: string, name = "Ana") =>
  (
    await db()
      .insertInto("contacts")
      .values({ organization_id: organizationId, name })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;

const insertConversation = async (organizationId: string, contactId: string) =>
  (
    await db()
      .insertInto("conversations")
      .values({
        organization_id: organizationId,
        contact_id: contactId,
        channel: "telegram",
        channel_thread_id: randomUUID(),
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;

async function insertDeal(organizationId: string): Promise<string> {
  const pipeline = await db()
    .insertInto("pipelines")
    .values({
      organization_id: organizationId,
      name: "Vendas",
      stages: JSON.stringify([{ id: "new", name: "New", order: 0 }]),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const deal = await db()
    .insertInto("deals")
    .values({
      organization_id: organizationId,
      pipeline_id: pipeline.id,
      stage: "new",
      title: "Pedido",
      value: "10.00",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return deal.id;
}

const tombstones = (organizationId: string) =>
  db()
    .selectFrom("deletions")
    .select(["entity", "entity_id", "merged_into_id"])
    .where("organization_id", "=", organizationId)
    .orderBy("entity")
    .execute();

const exists = async (table: "contacts" | "companies" | "deals" | "conversations" | "tags", id: string) =>
  (await db().selectFrom(table).select("id").where("id", "=", id).executeTakeFirst()) !== undefined;

class Abort extends Error {}

type Transaction<Repos> = <T>(work: (repos: Repos) => Promise<T>) => Promise<T>;

/** Deletes in a transaction that then fails, as a use case failing after its delete. */
async function rolledBack<Repos>(
  transaction: Transaction<Repos>,
  remove: (repos: Repos) => Promise<unknown>,
) {
  const failing = transaction(async (repos) => {
    await remove(repos);
    throw new Abort();
  });
  await expect(failing).rejects.toBeInstanceOf(Abort);
}

describe("every delete leaves exactly one tombstone, in its transaction", () => {
  it("a deleted contact leaves one, and its conversations (deleted with it) one each", async () => {
    const org = await organization();
    const contact = await insertContact(org);
    const conversation = await insertConversation(org, contact);
    const store = createContactsStore(db());

    expect(await store.transaction((repos) => repos.contacts.remove(org, contact))).toEqual({
      mediaUrls: [],
    });

    expect(await tombstones(org)).toEqual([
      { entity: "contact", entity_id: contact, merged_into_id: null },
      { entity: "conversation", entity_id: conversation, merged_into_id: null },
    ]);
    expect(await exists("conversations", conversation)).toBe(false);
  });

  it("a contact merged into another names the survivor", async () => {
    const org = await organization();
    const survivor = await insertContact(org, "Survivor");
    const source = await insertContact(org, "Source");
    const store = createContactsStore(db());

    await store.transaction((repos) => repos.contacts.remove(org, source, survivor));

    expect(await tombstones(org)).toEqual([
      { entity: "contact", entity_id: source, merged_into_id: survivor },
    ]);
  });

  it("a deleted company, tag, deal or conversation leaves one of its kind", async () => {
    const org = await organization();
    const contacts = createContactsStore(db());
    const company = await contacts.companies.create(org, { name: "Atacadão" });
    const tag = await contacts.tags.create(org, { name: "vip", color: "#22c55e" });
    const deal = await insertDeal(org);
    const conversation = await insertConversation(org, await insertContact(org));

    await contacts.transaction((repos) => repos.companies.remove(org, company.id));
    await contacts.transaction((repos) => repos.tags.remove(org, tag.id));
    await createDealsStore(db()).transaction((repos) => repos.deals.remove(org, deal));
    await createConversationsStore(db()).transaction((repos) =>
      repos.conversations.remove(org, conversation),
    );

    expect(await tombstones(org)).toEqual([
      { entity: "company", entity_id: company.id, merged_into_id: null },
      { entity: "conversation", entity_id: conversation, merged_into_id: null },
      { entity: "deal", entity_id: deal, merged_into_id: null },
      { entity: "tag", entity_id: tag.id, merged_into_id: null },
    ]);
  });

  it("deleting what is not there (or another organization's) leaves none", async () => {
    const org = await organization();
    const other = await organization();
    const contact = await insertContact(other);
    const store = createContactsStore(db());

    expect(await store.transaction((repos) => repos.contacts.remove(org, contact))).toBeUndefined();
    expect(await store.transaction((repos) => repos.tags.remove(org, randomUUID()))).toBeUndefined();

    expect(await tombstones(org)).toEqual([]);
    expect(await tombstones(other)).toEqual([]);
  });

  it("a delete whose transaction rolls back leaves no tombstone, whatever it deleted", async () => {
    const org = await organization();
    const contacts = createContactsStore(db());
    const contact = await insertContact(org);
    await insertConversation(org, contact);
    const company = await contacts.companies.create(org, { name: "Mercado" });
    const tag = await contacts.tags.create(org, { name: "lead", color: "#22c55e" });
    const deal = await insertDeal(org);
    const conversation = await insertConversation(org, await insertContact(org, "Bia"));

    const deals = createDealsStore(db());
    const conversations = createConversationsStore(db());
    await rolledBack(contacts.transaction, (repos) => repos.contacts.remove(org, contact));
    await rolledBack(contacts.transaction, (repos) => repos.companies.remove(org, company.id));
    await rolledBack(contacts.transaction, (repos) => repos.tags.remove(org, tag.id));
    await rolledBack(deals.transaction, (repos) => repos.deals.remove(org, deal));
    await rolledBack(conversations.transaction, (repos) => repos.conversations.remove(org, conversation));

    expect(await tombstones(org)).toEqual([]);
    expect(await exists("contacts", contact)).toBe(true);
    expect(await exists("companies", company.id)).toBe(true);
    expect(await exists("tags", tag.id)).toBe(true);
    expect(await exists("deals", deal)).toBe(true);
    expect(await exists("conversations", conversation)).toBe(true);
  });
});
