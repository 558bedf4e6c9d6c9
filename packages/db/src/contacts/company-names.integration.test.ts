import { randomUUID } from "node:crypto";
import { DomainError } from "@crm/domain";
import { sql } from "kysely";
import { Migrator } from "kysely/migration";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../client";
import { migrations } from "../migrations";
import { migrateToLatest } from "../migrator";
import { createTestDatabase } from "../testing/test-database";
import { createContactsStore } from "./contacts-store";

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(() => database.close());

async function organization(): Promise<string> {
  const row = await database.db
    .insertInto("organizations")
    .values({ name: "Padaria Ipê", slug: `companies-${randomUUID().slice(0, 8)}` })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => (error instanceof DomainError ? error : undefined),
  );

describe("company names, whatever their accents", () => {
  it("a second company whose name differs only by accents or case is refused with the first one's id", async () => {
    const store = createContactsStore(database.db);
    const org = await organization();
    const first = await store.companies.create(org, { name: "Padaria São João" });
    const refused = await refusal(store.companies.create(org, { name: "PADARIA SAO JOAO" }));
    expect(refused?.code).toBe("CONFLICT");
    expect(refused?.details).toMatchObject({ existingId: first.id });

    const other = await store.companies.create(org, { name: "Mercado Central" });
    const renamed = await refusal(store.companies.update(org, other.id, { name: "padaria são joão" }));
    expect(renamed?.code).toBe("CONFLICT");
    expect((await store.companies.findByName(org, "Padaria Sao Joao"))?.id).toBe(first.id);
    // another organization has names of its own
    await expect(
      store.companies.create(await organization(), { name: "Padaria Sao Joao" }),
    ).resolves.toBeDefined();
  });

  it("names given by a CSV import or a contact find the company that differs only by accents", async () => {
    const store = createContactsStore(database.db);
    const org = await organization();
    const first = await store.companies.create(org, { name: "Açougue Boi Bom" });
    const ids = await store.companies.findOrCreateByNames(org, [
      "acougue boi bom",
      "Padaria Pão",
      "PADARIA PAO",
    ]);
    expect(ids.get("acougue boi bom")).toBe(first.id);
    expect(ids.get("padaria pão")).toBeDefined();
    expect(ids.get("padaria pao")).toBe(ids.get("padaria pão"));
    const page = await store.companies.list(org, {}, { limit: 10 });
    expect(page.items.map((company) => company.name).sort()).toEqual(["Açougue Boi Bom", "Padaria Pão"]);
  });
});

describe("migration 0053_company_name_key_unique", () => {
  it("merges companies that differ only by accents into the oldest, which takes their details and contacts", async () => {
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("0052_import_preview_sweep")).error).toBeUndefined();
    try {
      const org = await organization();
      const other = await organization();
      const insertCompany = async (
        organizationId: string,
        name: string,
        createdAt: string,
        details: { taxId?: string; domain?: string } = {},
      ) =>
        (
          await sql<{ id: string }>`insert into companies (organization_id, name, created_at, tax_id, domain)
            values (${organizationId}, ${name}, ${createdAt}, ${details.taxId ?? null}, ${details.domain ?? null})
            returning id`.execute(database.db)
        ).rows[0]?.id ?? "";
      const oldest = await insertCompany(org, "Padaria São João", "2024-01-01T00:00:00Z");
      const plain = await insertCompany(org, "padaria sao joao", "2024-02-01T00:00:00Z", {
        taxId: "11222333000181",
        domain: "saojoao.com.br",
      });
      const otherEntity = await insertCompany(org, "Padaria Sao João", "2024-03-01T00:00:00Z", {
        taxId: "45997418000153",
      });
      const unrelated = await insertCompany(org, "Mercado Central", "2024-01-15T00:00:00Z");
      // a name near the 200 characters a name may have: its CNPJ still fits, the name cut to make room
      const longName = `Distribuidora ${"Irmãos ".repeat(25)}`.trim();
      const longOldest = await insertCompany(org, longName, "2024-01-01T00:00:00Z", {
        taxId: "11444777000161",
      });
      const longOther = await insertCompany(org, longName.replace(/ã/g, "a"), "2024-04-01T00:00:00Z", {
        taxId: "04252011000110",
      });
      const elsewhere = await insertCompany(other, "padaria sao joao", "2024-01-01T00:00:00Z");
      const contact = async (organizationId: string, name: string, companyId: string) =>
        (
          await database.db
            .insertInto("contacts")
            .values({ organization_id: organizationId, name, company_id: companyId })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id;
      const ana = await contact(org, "Ana", plain);
      const bia = await contact(org, "Bia", oldest);
      const caio = await contact(org, "Caio", otherEntity);
      const dora = await contact(other, "Dora", elsewhere);

      await migrateToLatest(database.db);

      const companies = await database.db
        .selectFrom("companies")
        .select(["id", "name", "tax_id", "domain"])
        .where("organization_id", "in", [org, other])
        .execute();
      const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1);
      const renamedLong = `${longName.replace(/ã/g, "a").slice(0, 200 - 17)} (04252011000110)`;
      expect(renamedLong).toHaveLength(200);
      expect(companies.sort(byName)).toEqual(
        [
          { id: unrelated, name: "Mercado Central", tax_id: null, domain: null },
          { id: longOldest, name: longName, tax_id: "11444777000161", domain: null },
          { id: longOther, name: renamedLong, tax_id: "04252011000110", domain: null },
          { id: oldest, name: "Padaria São João", tax_id: "11222333000181", domain: "saojoao.com.br" },
          {
            id: otherEntity,
            name: "Padaria Sao João (45997418000153)",
            tax_id: "45997418000153",
            domain: null,
          },
          { id: elsewhere, name: "padaria sao joao", tax_id: null, domain: null },
        ].sort(byName),
      );
      const tombstones = await database.db
        .selectFrom("deletions")
        .select("entity_id")
        .where("organization_id", "in", [org, other])
        .where("entity", "=", "company")
        .execute();
      expect(tombstones.map((row) => row.entity_id)).toEqual([plain]);
      const employers = await database.db
        .selectFrom("contacts")
        .select(["id", "company_id"])
        .where("id", "in", [ana, bia, caio, dora])
        .execute();
      expect(Object.fromEntries(employers.map((row) => [row.id, row.company_id]))).toEqual({
        [ana]: oldest,
        [bia]: oldest,
        [caio]: otherEntity,
        [dora]: elsewhere,
      });
      const refused = await refusal(
        createContactsStore(database.db).companies.create(org, { name: "PADARIA SÃO JOAO" }),
      );
      expect(refused?.details).toMatchObject({ existingId: oldest });
    } finally {
      await migrateToLatest(database.db);
    }
  });
});
