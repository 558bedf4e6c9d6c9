import { randomUUID } from "node:crypto";
import type { DatabaseHandle } from "@crm/db";
import { createContactsStore } from "@crm/db/contacts/contacts-store";
import { createTestDatabase } from "@crm/db/testing/test-database";
import { type ContactsDeps, DomainError, type OnDuplicate } from "@crm/domain";
import { createRecordingLogger } from "@crm/runtime/testing/recording-logger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importContacts } from "./import-contacts";
import { importOrganization } from "./import-fixtures";

/* The import problems a Brazilian sales team found with files from Excel in Portuguese. */

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function setup(options: { csv: string; onDuplicate?: OnDuplicate; dryRun?: boolean }) {
  const { db } = database;
  const { organizationId, count } = await importOrganization(db, "import-qa-ptbr");
  await db.updateTable("organizations").set({ locale: "pt-BR" }).where("id", "=", organizationId).execute();
  const deps: ContactsDeps = {
    store: createContactsStore(db),
    clock: { now: () => new Date() },
    queue: { enqueue: async () => {} },
    events: { publish: async () => {} },
    newId: randomUUID,
  };
  const custom = (key: string, label: string, type: "number" | "date") => ({
    organization_id: organizationId,
    key,
    label,
    type,
    options: JSON.stringify([]),
    required: false,
  });
  await db
    .insertInto("custom_field_definitions")
    .values([custom("faturamento", "Faturamento", "number"), custom("nascimento", "Nascimento", "date")])
    .execute();
  const run = async (csv = options.csv, onDuplicate = options.onDuplicate ?? "skip", dryRun = false) => {
    const started = await deps.store.imports.create({
      organizationId,
      csv,
      onDuplicate,
      dryRun,
      createdBy: null,
    });
    await importContacts(
      { contacts: deps, logger: createRecordingLogger() },
      { importId: started.id },
      { id: "job", attempt: 1 },
    );
    const found = await deps.store.imports.findByIdAnyOrganization(started.id);
    const rows = await deps.store.imports.listRows(organizationId, started.id, { limit: 100 });
    return { contactImport: found, rows: rows.items };
  };
  const contacts = () =>
    db
      .selectFrom("contacts")
      .leftJoin("companies", "companies.id", "contacts.company_id")
      .select([
        "contacts.id",
        "contacts.name",
        "contacts.email",
        "contacts.metadata",
        "companies.name as company",
      ])
      .where("contacts.organization_id", "=", organizationId)
      .orderBy("contacts.name")
      .execute();
  const companies = () =>
    db
      .selectFrom("companies")
      .select("name")
      .where("organization_id", "=", organizationId)
      .orderBy("name")
      .execute()
      .then((rows) => rows.map((row) => row.name));
  const tags = () =>
    db
      .selectFrom("tags")
      .select("name")
      .where("organization_id", "=", organizationId)
      .orderBy("name")
      .execute()
      .then((rows) => rows.map((row) => row.name));
  return { deps, organizationId, run, count, contacts, companies, tags };
}

describe("a template opened by Excel in Portuguese, its header in one cell, saved with ;", () => {
  it("refuses the rows that use another separator than the header instead of creating garbage contacts", async () => {
    const csv = [
      "nome,e-mail,telefone,empresa,tags,faturamento",
      "Fulano Modelo;fulano@exemplo.com.br;(11) 91111-2222;Empresa X;;;;;",
      "Ciclana,ciclana@exemplo.com.br,,,,",
    ].join("\r\n");
    const { run, count } = await setup({ csv });
    const { contactImport, rows } = await run();
    expect(rows[0]).toMatchObject({
      rowNumber: 1,
      outcome: "error",
      reasons: [{ code: "separator_mismatch", params: { separator: ";", headerSeparator: "," } }],
    });
    expect(rows[1]).toMatchObject({ rowNumber: 2, outcome: "created" });
    expect(contactImport).toMatchObject({ created: 1, failed: 1 });
    expect(await count("contacts")).toBe(1);
  });
});

describe("columns the import does not know", () => {
  it("joins the last name to the name and lists the ignored columns on the import", async () => {
    const csv = [
      "Nome;Sobrenome;E-mail;Observações;CPF",
      "Juliana;Figueiredo Santos;juliana@exemplo.com.br;cliente antiga;123.456.789-09",
    ].join("\n");
    const { run, contacts } = await setup({ csv });
    const { contactImport, rows } = await run();
    expect(rows[0]).toMatchObject({ outcome: "created" });
    expect(await contacts()).toMatchObject([{ name: "Juliana Figueiredo Santos" }]);
    expect(contactImport?.ignoredColumns).toEqual(["Observações", "CPF"]);
  });

  it("lists them on a preview too", async () => {
    const { run } = await setup({ csv: "nome;CPF\nJuliana;123" });
    const { contactImport } = await run(undefined, "skip", true);
    expect(contactImport).toMatchObject({ dryRun: true, ignoredColumns: ["CPF"] });
  });
});

describe("a bad optional custom field value", () => {
  it("imports the row without it and warns, reading Brazilian money and Excel dates", async () => {
    const csv = [
      "nome;telefone;faturamento;nascimento",
      "Ana;11 98888-1111;R$ 1.234,56;15/03/85",
      "Bruno;11 98888-2222;1.500;1985-03-15 00:00",
      "Carla;11 98888-3333;muito;31/02/1990",
    ].join("\n");
    const { run, contacts, deps, organizationId } = await setup({ csv });
    const { contactImport, rows } = await run();
    expect(contactImport).toMatchObject({ created: 3, failed: 0, warned: 1 });
    const warned = await deps.store.imports.listRows(
      organizationId,
      contactImport?.id ?? "",
      { limit: 10 },
      { warned: true },
    );
    expect(warned.items.map((row) => row.rowNumber)).toEqual([3]);
    expect(rows.map((row) => [row.outcome, row.warnings])).toEqual([
      ["created", []],
      ["created", []],
      [
        "created",
        [
          { field: "faturamento", reason: { code: "invalid_number", params: expect.anything() } },
          { field: "nascimento", reason: { code: "impossible_date", params: expect.anything() } },
        ],
      ],
    ]);
    expect((await contacts()).map((contact) => [contact.name, contact.metadata])).toEqual([
      ["Ana", { faturamento: 1234.56, nascimento: "1985-03-15" }],
      ["Bruno", { faturamento: 1500, nascimento: "1985-03-15" }],
      ["Carla", {}],
    ]);
  });
});

describe("companies and tags named by rows that link no contact", () => {
  async function withCustomer(onDuplicate: OnDuplicate, dryRun = false) {
    const csv = "nome;e-mail;empresa\nCarla;carla@exemplo.com.br;Empresa Nova\n";
    const context = await setup({ csv, onDuplicate });
    const [company] = await database.db
      .insertInto("companies")
      .values({ organization_id: context.organizationId, name: "Empresa Antiga" })
      .returning("id")
      .execute();
    await database.db
      .insertInto("contacts")
      .values({
        organization_id: context.organizationId,
        name: "Carla Dias",
        email: "carla@exemplo.com.br",
        company_id: company?.id ?? null,
      })
      .execute();
    return { ...context, result: await context.run(csv, onDuplicate, dryRun) };
  }

  it("fill creates none when the contact already has a company", async () => {
    const { result, companies } = await withCustomer("fill");
    expect(result.rows[0]).toMatchObject({ outcome: "unchanged" });
    expect(await companies()).toEqual(["Empresa Antiga"]);
  });

  it("skip creates none, and neither does a preview of fill", async () => {
    expect(await (await withCustomer("skip")).companies()).toEqual(["Empresa Antiga"]);
    expect(await (await withCustomer("fill", true)).companies()).toEqual(["Empresa Antiga"]);
  });

  it("update creates the company it links the contact to", async () => {
    const { result, companies, contacts } = await withCustomer("update");
    expect(result.rows[0]).toMatchObject({ outcome: "updated" });
    expect(await companies()).toEqual(["Empresa Antiga", "Empresa Nova"]);
    expect(await contacts()).toMatchObject([{ name: "Carla", company: "Empresa Nova" }]);
  });

  it("a created and an updated contact get the tags their rows name, each created once", async () => {
    const csv =
      'nome;e-mail;tags\nCarla;carla@exemplo.com.br;"Atacado;Sul"\nDavi;davi@exemplo.com.br;Atacado\n';
    const { run, organizationId, tags } = await setup({ csv, onDuplicate: "update" });
    await database.db
      .insertInto("contacts")
      .values({ organization_id: organizationId, name: "Carla Dias", email: "carla@exemplo.com.br" })
      .execute();
    const { rows } = await run();
    expect(rows.map((row) => row.outcome)).toEqual(["updated", "created"]);
    expect(await tags()).toEqual(["Atacado", "Sul"]);
    const links = await database.db
      .selectFrom("contact_tags")
      .innerJoin("contacts", "contacts.id", "contact_tags.contact_id")
      .innerJoin("tags", "tags.id", "contact_tags.tag_id")
      .select(["contacts.name as contact", "tags.name as tag"])
      .where("contact_tags.organization_id", "=", organizationId)
      .orderBy("contacts.name")
      .orderBy("tags.name")
      .execute();
    expect(links).toEqual([
      { contact: "Carla", tag: "Atacado" },
      { contact: "Carla", tag: "Sul" },
      { contact: "Davi", tag: "Atacado" },
    ]);
  });

  /** Deps whose contact writes fail as if another request had taken the row's email meanwhile. */
  function racing(deps: ContactsDeps): ContactsDeps {
    return {
      ...deps,
      store: {
        ...deps.store,
        transaction: (work) =>
          deps.store.transaction((repos) =>
            work({
              ...repos,
              contacts: {
                ...repos.contacts,
                update: async () => {
                  throw new DomainError("CONFLICT", "Another contact took this email meanwhile");
                },
                // every contact to create was created meanwhile by someone else
                createMany: async () => [],
              },
            }),
          ),
      },
    };
  }

  it("a row whose update or create fails at writing leaves no company or tag behind", async () => {
    const csv =
      "nome;e-mail;empresa;tags\nCarla;carla@exemplo.com.br;Empresa Nova;Atacado\nDavi;davi@exemplo.com.br;Outra;Varejo\n";
    const { deps, organizationId, companies, tags } = await setup({ csv });
    await database.db
      .insertInto("contacts")
      .values({ organization_id: organizationId, name: "Carla Dias", email: "carla@exemplo.com.br" })
      .execute();
    const started = await deps.store.imports.create({
      organizationId,
      csv,
      onDuplicate: "update",
      createdBy: null,
    });
    await importContacts(
      { contacts: racing(deps), logger: createRecordingLogger() },
      { importId: started.id },
      { id: "job", attempt: 1 },
    );
    const rows = await deps.store.imports.listRows(organizationId, started.id, { limit: 10 });
    expect(rows.items.map((row) => [row.outcome, row.reasons[0]?.code])).toEqual([
      ["error", "taken_meanwhile"],
      ["error", "created_meanwhile"],
    ]);
    expect(await companies()).toEqual([]);
    expect(await tags()).toEqual([]);
  });
});
