import { randomUUID } from "node:crypto";
import {
  type Actor,
  type ContactsDeps,
  createContact,
  DomainError,
  type Email,
  type Phone,
  updateContact,
} from "@crm/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../client";
import { createTestDatabase } from "../testing/test-database";
import { createContactsStore } from "./contacts-store";

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function organization(): Promise<string> {
  const row = await database.db
    .insertInto("organizations")
    .values({ name: "Repo Co", slug: `repo-${randomUUID().slice(0, 8)}` })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const draft = (name: string, fields: { phone?: string; email?: string } = {}) => ({
  name,
  phone: (fields.phone ?? null) as Phone | null,
  email: (fields.email ?? null) as Email | null,
  companyId: null,
  metadata: {},
});

const conflictOf = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error("expected a conflict");
};

describe("the database enforces one phone and one email per organization", () => {
  it("an insert that skips every check still answers CONFLICT with the existing contact's id", async () => {
    const store = createContactsStore(database.db);
    const org = await organization();
    const first = await store.contacts.create(
      org,
      draft("First", { phone: "+5511987654321", email: "a@x.com" }),
    );
    expect(await conflictOf(store.contacts.create(org, draft("Copy", { phone: "+5511987654321" })))).toEqual({
      code: "CONFLICT",
      details: { fieldErrors: { phone: ["A contact with this phone already exists"] }, existingId: first.id },
    });
    expect(await conflictOf(store.contacts.create(org, draft("Copy", { email: "a@x.com" })))).toMatchObject({
      details: { fieldErrors: { email: expect.any(Array) }, existingId: first.id },
    });
    // inside a transaction the conflict leaves the transaction usable
    const after = await store.transaction(async (repos) => {
      await expect(repos.contacts.create(org, draft("Copy", { phone: "+5511987654321" }))).rejects.toThrow(
        DomainError,
      );
      return repos.contacts.create(org, draft("Next", { phone: "+5511912345678" }));
    });
    expect(after.name).toBe("Next");
    // another organization is free to hold the same numbers
    await store.contacts.create(await organization(), draft("Elsewhere", { phone: "+5511987654321" }));
  });

  it("an update onto a taken phone is refused by the unique index", async () => {
    const store = createContactsStore(database.db);
    const org = await organization();
    await store.contacts.create(org, draft("Holder", { phone: "+5511987654321" }));
    const other = await store.contacts.create(org, draft("Other"));
    expect(
      await conflictOf(store.contacts.update(org, other.id, { phone: "+5511987654321" as Phone })),
    ).toMatchObject({ code: "CONFLICT", details: { fieldErrors: { phone: expect.any(Array) } } });
  });

  it("a use case whose check lost the race still answers 409 with the id (create and update)", async () => {
    const store = createContactsStore(database.db);
    const org = await organization();
    const holder = await store.contacts.create(
      org,
      draft("Holder", { phone: "+5511987654321", email: "h@x.com" }),
    );
    const other = await store.contacts.create(org, draft("Other"));
    // the duplicate check inside the transaction sees nothing, as when a concurrent insert has not committed yet
    const blind: ContactsDeps = {
      store: {
        ...store,
        transaction: (work) =>
          store.transaction((repos) =>
            work({ ...repos, contacts: { ...repos.contacts, findByIdentities: async () => [] } }),
          ),
      },
      clock: { now: () => new Date() },
      queue: { enqueue: async () => {} },
      events: { publish: async () => {} },
      newId: randomUUID,
    };
    const actor: Actor = { kind: "apiKey", apiKeyId: randomUUID(), organizationId: org, role: "admin" };
    expect(
      await conflictOf(createContact(blind, actor, { name: "Racer", phone: "11987654321" })),
    ).toMatchObject({
      code: "CONFLICT",
      details: { existingId: holder.id },
    });
    expect(await conflictOf(updateContact(blind, actor, other.id, { email: "H@x.com" }))).toMatchObject({
      code: "CONFLICT",
      details: { existingId: holder.id, fieldErrors: { email: expect.any(Array) } },
    });
  });

  it("a contact the unique index refuses leaves no company it named behind", async () => {
    const store = createContactsStore(database.db);
    const org = await organization();
    await store.contacts.create(org, draft("Holder", { phone: "+5511987654321" }));
    const other = await store.contacts.create(org, draft("Other"));
    const blind: ContactsDeps = {
      store: {
        ...store,
        transaction: (work) =>
          store.transaction((repos) =>
            work({ ...repos, contacts: { ...repos.contacts, findByIdentities: async () => [] } }),
          ),
      },
      clock: { now: () => new Date() },
      queue: { enqueue: async () => {} },
      events: { publish: async () => {} },
      newId: randomUUID,
    };
    const actor: Actor = { kind: "apiKey", apiKeyId: randomUUID(), organizationId: org, role: "admin" };
    const ghost = { phone: "11987654321", companyName: "Empresa Fantasma" };
    expect(await conflictOf(createContact(blind, actor, { name: "Racer", ...ghost }))).toMatchObject({
      code: "CONFLICT",
    });
    expect(await conflictOf(updateContact(blind, actor, other.id, ghost))).toMatchObject({
      code: "CONFLICT",
    });
    expect(await store.companies.findByName(org, "Empresa Fantasma")).toBeUndefined();
  });
});

describe("bulk writes of the import", () => {
  it("createMany leaves out a contact whose phone is taken and creates the rest", async () => {
    const store = createContactsStore(database.db);
    const org = await organization();
    await store.contacts.create(org, draft("Holder", { phone: "+5511987654321" }));
    const ids = [randomUUID(), randomUUID()];
    const created = await store.contacts.createMany(org, [
      { id: ids[0] ?? "", ...draft("Taken", { phone: "+5511987654321" }) },
      { id: ids[1] ?? "", ...draft("Free", { phone: "+5511912345678" }) },
    ]);
    expect(created).toEqual([ids[1]]);
  });

  it("finds companies and tags by name in any letter case and creates the missing ones once", async () => {
    const store = createContactsStore(database.db);
    const org = await organization();
    const acme = await store.companies.create(org, { name: "Acme" });
    const ids = await store.companies.findOrCreateByNames(org, ["ACME", "Padaria", "padaria"]);
    expect(ids.get("acme")).toBe(acme.id);
    expect([...ids.keys()].sort()).toEqual(["acme", "padaria"]);
    const again = await store.companies.findOrCreateByNames(org, ["Padaria"]);
    expect(again.get("padaria")).toBe(ids.get("padaria"));
    const tags = await store.tags.findOrCreateByNames(org, ["VIP", "vip", "lead"]);
    expect(tags.size).toBe(2);
    expect((await store.tags.findById(org, tags.get("vip") ?? ""))?.color).toBe("#64748b");
  });

  it("finds the contacts an import's ids name, only the organization's, as well as by phone or email", async () => {
    const store = createContactsStore(database.db);
    const org = await organization();
    const quiet = await store.contacts.create(org, draft("Quiet"));
    const phoned = await store.contacts.create(org, draft("Phoned", { phone: "+5511987654321" }));
    const theirs = await store.contacts.create(await organization(), draft("Theirs"));
    const found = await store.contacts.findByIdentities(org, {
      phones: ["+5511987654321"],
      emails: [],
      ids: [quiet.id, theirs.id, randomUUID()],
    });
    expect(found.map((contact) => contact.id).sort()).toEqual([quiet.id, phoned.id].sort());
  });

  it("a savepoint undoes only its own writes", async () => {
    const store = createContactsStore(database.db);
    const org = await organization();
    await store.transaction(async (repos) => {
      await repos.contacts.create(org, draft("Kept"));
      await expect(
        repos.savepoint(async () => {
          await repos.contacts.create(org, draft("Undone"));
          throw new DomainError("VALIDATION_FAILED", "bad row");
        }),
      ).rejects.toThrow("bad row");
      await repos.contacts.create(org, draft("Also kept"));
    });
    const page = await store.contacts.list(org, {}, { sort: "name" });
    expect(page.items.map((c) => c.name)).toEqual(["Also kept", "Kept"]);
  });
});
