import { randomUUID } from "node:crypto";
import type { Email, Phone } from "@crm/domain";
import { CompiledQuery, type KyselyPlugin, type QueryId, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../client";
import { createTestDatabase } from "../testing/test-database";
import { encodeContactCursor } from "./contact-cursor";
import { createContactsStore } from "./contacts-store";

let database: DatabaseHandle;
let organizationId: string;
/** Two Joãos among 3,000 other contacts, analyzed: the planner's choices are the ones a big list gets. */
let crowdId: string;

async function organization(name: string): Promise<string> {
  const row = await database.db
    .insertInto("organizations")
    .values({ name, slug: `list-${randomUUID().slice(0, 8)}` })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function addContacts(org: string, names: string[]): Promise<void> {
  const store = createContactsStore(database.db);
  for (const name of names) {
    await store.contacts.create(org, {
      name,
      phone: null as Phone | null,
      email: null as Email | null,
      companyId: null,
      metadata: {},
    });
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  organizationId = await organization("Acentos");
  await addContacts(organizationId, [
    "Zuleica Prado",
    "Érica Prado",
    "José Lima",
    "João Pedro Santos",
    "Joao Silva",
    "Ana",
  ]);
  crowdId = await organization("Multidão");
  await sql`insert into contacts (organization_id, name)
    select ${crowdId}::uuid, 'Cliente ' || n from generate_series(1, 3000) n`.execute(database.db);
  await addContacts(crowdId, ["João Pedro Santos", "Joao Silva"]);
  await sql`analyze contacts`.execute(database.db);
});
afterAll(() => database.close());

const list = (search: string | undefined, page: { sort?: "name"; cursor?: string; limit?: number }) =>
  createContactsStore(database.db).contacts.list(organizationId, search ? { search } : {}, page);
const names = (page: { items: Array<{ name: string }> }) => page.items.map((contact) => contact.name);

/** The plan of the statements `work` sends, each explained with the parameters it was sent with. */
async function plansOf(work: (store: ReturnType<typeof createContactsStore>) => Promise<unknown>) {
  // subqueries pass through transformQuery too: keep the statements that returned a result
  const seen = new Map<QueryId, CompiledQuery>();
  const sent: CompiledQuery[] = [];
  const capture: KyselyPlugin = {
    transformQuery: (args) => {
      seen.set(args.queryId, database.db.getExecutor().compileQuery(args.node, args.queryId));
      return args.node;
    },
    transformResult: async (args) => {
      const query = seen.get(args.queryId);
      if (query) sent.push(query);
      return args.result;
    },
  };
  await work(createContactsStore(database.db.withPlugin(capture)));
  const plans: string[] = [];
  for (const query of sent) {
    const { rows } = await database.db.executeQuery<Record<string, string>>(
      CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]),
    );
    plans.push(rows.map((row) => Object.values(row).join(" ")).join("\n"));
  }
  return plans.join("\n");
}

describe("a contact list by name follows the alphabet, accents and letter case aside", () => {
  it("puts É among the E's and João before José, where byte order put them after Z", async () => {
    expect(names(await list(undefined, { sort: "name" }))).toEqual([
      "Ana",
      "Érica Prado",
      "João Pedro Santos",
      "Joao Silva",
      "José Lima",
      "Zuleica Prado",
    ]);
  });

  it("continues from a cursor written before migration 0019, whose key still has its accents", async () => {
    const all = await list(undefined, { sort: "name" });
    const erica = all.items.find((contact) => contact.name === "Érica Prado");
    if (!erica) throw new Error("fixture missing");
    const old = encodeContactCursor({ sort: "name", key: "érica prado", id: erica.id }, {});
    expect(names(await list(undefined, { sort: "name", cursor: old, limit: 2 }))).toEqual([
      "João Pedro Santos",
      "Joao Silva",
    ]);
  });

  it("reads a page after a cursor from idx_contacts_org_name, in its order, with no sort step", async () => {
    const first = await createContactsStore(database.db).contacts.list(
      crowdId,
      {},
      { sort: "name", limit: 2 },
    );
    const plan = await plansOf((store) =>
      store.contacts.list(crowdId, {}, { sort: "name", limit: 2, cursor: first.nextCursor ?? "" }),
    );
    expect(plan).toMatch(
      /Index Scan using idx_contacts_org_name on contacts c .*\n\s+Index Cond: .*ROW\(name_key, id\) >/,
    );
    // the tags' aggregate may sort its own rows (Postgres 16+): only the contacts' part must have no sort
    expect(plan.split("SubPlan")[0]).not.toMatch(/Sort/);
  });
});

describe("a name search ignores accents and letter case, both ways", () => {
  it.each([
    ["Joao", ["João Pedro Santos", "Joao Silva"]],
    ["joão", ["João Pedro Santos", "Joao Silva"]],
    ["JOAO PEDRO", ["João Pedro Santos"]],
    ["zuléica", ["Zuleica Prado"]],
    ["erica", ["Érica Prado"]],
    ["jose", ["José Lima"]],
  ])("%j finds %j", async (search, expected) => {
    expect(names(await list(search, { sort: "name" }))).toEqual(expected);
  });

  it("finds and sorts a renamed contact by its new name, the stored key following the name", async () => {
    const org = await organization("Renomeados");
    await addContacts(org, ["Bruno Alves", "Carla Dias"]);
    const store = createContactsStore(database.db);
    const bruno = (await store.contacts.list(org, { search: "bruno" }, {})).items[0];
    if (!bruno) throw new Error("fixture missing");
    const renamed = await store.contacts.update(org, bruno.id, { name: "Élton Alves" });
    expect(renamed?.name).toBe("Élton Alves");
    const byName = (search?: string) =>
      store.contacts.list(org, search ? { search } : {}, { sort: "name" }).then(names);
    expect(await byName("ELTON")).toEqual(["Élton Alves"]);
    expect(await byName("bruno")).toEqual([]);
    expect(await byName()).toEqual(["Carla Dias", "Élton Alves"]);
  });

  it("compares the stored key with the fragment put in its form once, as idx_contacts_name_trgm indexes", async () => {
    const store = createContactsStore(database.db);
    expect(names(await store.contacts.list(crowdId, { search: "JOÃO" }, {}))).toEqual([
      "Joao Silva",
      "João Pedro Santos",
    ]);
    // at 3,000 rows reading the table wins; the trigram index is chosen at the bench's 100,000 (0019)
    const plan = await plansOf((each) => each.contacts.list(crowdId, { search: "JOÃO" }, {}));
    expect(plan).toMatch(/\(name_key ~~ '%joao%'::text\)/);
    expect(plan).not.toMatch(/crm_unaccent\(c?\.?name\)/);
  });
});
