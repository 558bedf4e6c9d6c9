import { randomUUID } from "node:crypto";
import type { Contact, Email, Phone } from "@crm/domain";
import type { KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../client";
import { createTestDatabase } from "../testing/test-database";
import { createContactsStore } from "./contacts-store";

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/** A store that counts the statements it executes (subqueries are transformed too, so results are counted). */
function countingStore() {
  const counter = { statements: 0 };
  const plugin: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      counter.statements += 1;
      return args.result;
    },
  };
  return { store: createContactsStore(database.db.withPlugin(plugin)), counter };
}

const draft = (name: string, companyId: string | null = null) => ({
  name,
  phone: null as Phone | null,
  email: null as Email | null,
  companyId,
  metadata: {},
});

const tagNames = (contact: Contact | undefined) => contact?.tags.map((tag) => tag.name);

async function seed() {
  const { store } = countingStore();
  const org = (
    await database.db
      .insertInto("organizations")
      .values({ name: "Tags Co", slug: `tags-${randomUUID().slice(0, 8)}` })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  // capitals out of order: lower(name) sorts them alpha, beta, Zeta; byte order would put Zeta before beta
  const [zeta, alpha, beta] = await Promise.all(
    ["Zeta", "Alpha", "beta"].map((name) => store.tags.create(org, { name, color: "#112233" })),
  );
  if (!zeta || !alpha || !beta) throw new Error("tags not created");
  const company = await store.companies.create(org, { name: "Acme" });
  const tagged = await store.contacts.create(org, draft("Tagged", company.id));
  const bare = await store.contacts.create(org, draft("Bare"));
  const single = await store.contacts.create(org, draft("Single"));
  await store.contacts.addTags(org, tagged.id, [zeta.id, alpha.id, beta.id]);
  await store.contacts.addTags(org, single.id, [beta.id]);
  return { org, tagged, bare, single, alpha };
}

describe("a contact's tags come with it in the same statement", () => {
  it("a list page is one statement; each contact has its own tags in name order, [] when none", async () => {
    const { org } = await seed();
    const { store, counter } = countingStore();
    const page = await store.contacts.list(org, {}, { sort: "name", limit: 2 });
    expect(counter.statements).toBe(1);
    expect(page.items.map((contact) => [contact.name, tagNames(contact)])).toEqual([
      ["Bare", []],
      ["Single", ["beta"]],
    ]);
    const next = await store.contacts.list(
      org,
      {},
      { sort: "name", limit: 2, cursor: page.nextCursor ?? "" },
    );
    expect(counter.statements).toBe(2);
    expect(next.items.map((contact) => [contact.name, tagNames(contact)])).toEqual([
      ["Tagged", ["Alpha", "beta", "Zeta"]],
    ]);
    expect(next.items[0]?.tags[0]).toEqual({ id: expect.any(String), name: "Alpha", color: "#112233" });
    expect(next.nextCursor).toBeNull();
  });

  it("filtering by a tag still returns every tag of the matching contacts", async () => {
    const { org, alpha } = await seed();
    const page = await createContactsStore(database.db).contacts.list(org, { tagId: alpha.id }, {});
    expect(page.items.map((contact) => [contact.name, tagNames(contact)])).toEqual([
      ["Tagged", ["Alpha", "beta", "Zeta"]],
    ]);
  });

  it("findById and update read the contact with its company and tags in one statement each", async () => {
    const { org, tagged } = await seed();
    const { store, counter } = countingStore();
    const found = await store.contacts.findById(org, tagged.id);
    expect(counter.statements).toBe(1);
    expect(found?.company?.name).toBe("Acme");
    expect(tagNames(found)).toEqual(["Alpha", "beta", "Zeta"]);

    const updated = await store.contacts.update(org, tagged.id, { name: "Renamed" });
    expect(counter.statements).toBe(2);
    expect(updated).toEqual({
      ...found,
      name: "Renamed",
      updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });
    expect(await store.contacts.update(org, randomUUID(), { name: "Nobody" })).toBeUndefined();
  });
});
