import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import {
  allPages,
  type ContactDto,
  countRows,
  createContact,
  createResource,
  type ImportDto,
  waitForImport,
} from "./contact-fixtures";

const api = useTestApi();

/** A pt-BR organization's file is split on ";" (a new organization is pt-BR); any other's on ",". */
const parseCsv = (text: string, delimiter: "," | ";" = ";") =>
  parse(text, { bom: true, delimiter }) as string[][];

/** The body as text with its BOM, which `Response.text()` would drop. */
const utf8WithBom = async (res: Response) =>
  new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());

async function registerIn(locale: "pt-BR" | "en") {
  const owner = await api.register();
  const res = await api.rest("PATCH", "/organizations/current", { token: owner.token, body: { locale } });
  expect(res.status).toBe(200);
  return owner;
}

const exportCsv = (token: string | undefined, query = "") =>
  fetch(`${api.baseUrl}/api/v1/contacts/export.csv${query}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

describe("CSV export", () => {
  it("streams the filtered list as CSV with the import's columns in English, custom fields by label", async () => {
    const owner = await registerIn("en");
    await createResource(api, owner.token, "/custom-fields", {
      key: "interests",
      label: "Interests",
      type: "multi_select",
      options: ["shoes", "bags"],
    });
    const vip = await createResource(api, owner.token, "/tags", { name: "vip" });
    const company = await createResource(api, owner.token, "/companies", { name: "Padaria, Pão & Cia" });
    const ana = await createContact(api, owner.token, {
      name: 'Ana "Aninha" Souza',
      email: "ana@example.com",
      phone: "(11) 98765-4321",
      companyId: company.id,
      tagIds: [vip.id],
      metadata: { interests: ["shoes", "bags"] },
    });
    await createContact(api, owner.token, { name: '=HYPERLINK("http://evil")', email: "evil@example.com" });
    await createContact(api, owner.token, { name: "No Email" });

    const res = await exportCsv(owner.token, "?hasEmail=true&sort=name");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const text = await utf8WithBom(res);
    expect(text.startsWith("\uFEFFid,Name,Email,")).toBe(true);
    const rows = parseCsv(text, ",");
    expect(rows[0]).toEqual(["id", "Name", "Email", "Phone", "Company", "Tags", "Created at", "Interests"]);
    expect(rows.slice(1)).toEqual([
      [
        expect.any(String),
        `'=HYPERLINK("http://evil")`,
        "evil@example.com",
        "",
        "",
        "",
        expect.any(String),
        "",
      ],
      [
        ana.id,
        'Ana "Aninha" Souza',
        "ana@example.com",
        "+55 11 98765-4321",
        "Padaria, Pão & Cia",
        "vip",
        ana.createdAt,
        "shoes;bags",
      ],
    ]);
  });

  it("leaves no formula after a ';' for a spreadsheet that splits the file on ';'", async () => {
    const owner = await api.register();
    const vip = await createResource(api, owner.token, "/tags", { name: "vip" });
    const evil = await createResource(api, owner.token, "/tags", { name: '=HYPERLINK("http://evil")' });
    await createContact(api, owner.token, {
      name: "Inj;=cmd|' /C calc'!A0;x",
      phone: "+5511987654321",
      tagIds: [vip.id, evil.id],
    });

    const text = await (await exportCsv(owner.token)).text();
    const [, row] = parseCsv(text);
    expect(row?.[1]).toBe("Inj;'=cmd|' /C calc'!A0;x");
    // with spaces, so that Excel keeps it as text: a bare "+5511987654321" is the number 5,51E+12 to it
    expect(row?.[3]).toBe("+55 11 98765-4321");
    expect(row?.[5]?.split(";").sort()).toEqual([`'=HYPERLINK("http://evil")`, "vip"]);
    const pieces = text.split(/[\r\n;]+/).map((piece) => piece.replace(/^"/, ""));
    // a phone number is the one cell that may start with "+"
    expect(pieces.filter((piece) => /^[=+\-@\t]/.test(piece) && !/^\+[\d -]+$/.test(piece))).toEqual([]);
    expect(text).toContain(`"Inj;'=cmd|' /C calc'!A0;x"`);
  });

  it("walks past one page of the list", async () => {
    const owner = await api.register();
    await api.container.db.db
      .insertInto("contacts")
      .values(
        Array.from({ length: 105 }, (_, i) => ({
          organization_id: owner.organization.id,
          name: `Bulk ${i}`,
        })),
      )
      .execute();
    const rows = parseCsv(await (await exportCsv(owner.token)).text());
    expect(rows).toHaveLength(106);
    expect(new Set(rows.slice(1).map((row) => row[0])).size).toBe(105);
  });

  it("answers 401 without a token, 400 for a bad filter, and only shows the caller's organization", async () => {
    const owner = await api.register();
    const stranger = await api.register();
    await createContact(api, stranger.token, { name: "Not yours" });
    expect((await exportCsv(undefined)).status).toBe(401);
    const bad = await exportCsv(owner.token, "?hasPhone=maybe");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ data: { fieldErrors: { hasPhone: expect.any(Array) } } });
    const unknownField = await exportCsv(owner.token, "?field=nope&value=1");
    expect(unknownField.status).toBe(400);
    const viewer = await api.member(owner.token, "viewer");
    const rows = parseCsv(await (await exportCsv(viewer.token)).text());
    expect(rows).toHaveLength(1);
  });

  it("writes ';' between cells, decimal commas and DD/MM/YYYY for a pt-BR organization, with a BOM", async () => {
    const owner = await registerIn("pt-BR");
    const token = owner.token;
    await createResource(api, token, "/custom-fields", {
      key: "faturamento",
      label: "Faturamento",
      type: "number",
    });
    await createResource(api, token, "/custom-fields", {
      key: "aniversario",
      label: "Aniversário",
      type: "date",
    });
    const company = await createResource(api, token, "/companies", { name: "Padaria, Pão & Cia" });
    const joao = await createContact(api, token, {
      name: "João Conceição",
      companyId: company.id,
      metadata: { faturamento: 1234.5, aniversario: "1990-12-31" },
    });

    const text = await utf8WithBom(await exportCsv(token));
    const [header, line] = text.split("\n");
    expect(header).toBe("\uFEFFid;Nome;E-mail;Telefone;Empresa;Etiquetas;Criado em;Faturamento;Aniversário");
    expect(line).toMatch(
      new RegExp(
        `^${joao.id};João Conceição;;;Padaria, Pão & Cia;;\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2};1234,5;31/12/1990$`,
      ),
    );
    // the creation time is the organization's (São Paulo, three hours behind UTC)
    const created = new Date(new Date(joao.createdAt).getTime() - 3 * 3600_000).toISOString();
    const [date = "", time = ""] = created.split("T");
    const [year, month, day] = date.split("-");
    expect(line).toContain(`;${day}/${month}/${year} ${time.slice(0, 8)};`);
  });

  it("imports its own export back in update mode: every row unchanged, none created, every value the same", async () => {
    const owner = await registerIn("pt-BR");
    const token = owner.token;
    for (const field of [
      { key: "cliente", label: "Cliente", type: "boolean" },
      { key: "observacao", label: "Observação", type: "text" },
    ]) {
      await createResource(api, token, "/custom-fields", field);
    }
    const vip = await createResource(api, token, "/tags", { name: "=vip" });
    const company = await createResource(api, token, "/companies", { name: "@Loja" });
    await createContact(api, token, {
      name: "João",
      email: "joao@example.com",
      phone: "+5511987654321",
      companyId: company.id,
      tagIds: [vip.id],
      metadata: { cliente: true, observacao: '=HYPERLINK("x")' },
    });
    await createContact(api, token, {
      name: "Sem Contato",
      phone: "+1 202 555 0143",
      metadata: { cliente: false },
    });
    await createContact(api, token, {
      name: "'=já citado",
      phone: "(21) 2345-6789",
      metadata: { observacao: "-menos; +mais" },
    });

    const csv = (await (await exportCsv(token)).text()).replace(/^\uFEFF/, "");
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([
      "id",
      "Nome",
      "E-mail",
      "Telefone",
      "Empresa",
      "Etiquetas",
      "Criado em",
      "Cliente",
      "Observação",
    ]);
    expect(rows.map((row) => row[3]).sort()).toEqual([
      "+1 202 555 0143",
      "+55 11 98765-4321",
      "+55 21 2345-6789",
      "Telefone",
    ]);
    expect(
      rows
        .slice(1)
        .map((row) => row[7])
        .sort(),
    ).toEqual(["", "não", "sim"]);
    expect(csv).toContain(`'=HYPERLINK(""x"")`);

    const comparable = (contact: ContactDto) => ({
      id: contact.id,
      name: contact.name,
      email: contact.email,
      phone: contact.phone,
      company: contact.company?.name ?? null,
      tags: contact.tags.map((tag) => tag.name).sort(),
      metadata: contact.metadata,
    });
    const list = async () =>
      (await allPages<ContactDto>(api, token, "/contacts?sort=name&limit=100")).map(comparable);
    const before = await list();
    const started = await api.rest<ImportDto>("POST", "/contacts/imports", {
      token,
      body: { csv, onDuplicate: "update" },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const done = await waitForImport(api, token, started.body.id);
    // a row that would change no value is counted as unchanged (not skipped), its contact left as it was
    expect(done).toMatchObject({
      status: "completed",
      created: 0,
      updated: 0,
      failed: 0,
      skipped: 0,
      unchanged: 3,
    });
    expect(await list()).toEqual(before);

    // filling in only the empty fields, the same file changes nothing either
    const filling = await api.rest<ImportDto>("POST", "/contacts/imports", {
      token,
      body: { csv, onDuplicate: "fill" },
    });
    expect(filling.status, JSON.stringify(filling.body)).toBe(201);
    expect(await waitForImport(api, token, filling.body.id)).toMatchObject({
      status: "completed",
      created: 0,
      updated: 0,
      failed: 0,
      skipped: 0,
      unchanged: 3,
    });
    expect(await list()).toEqual(before);
    expect(await countRows(api, "companies", owner.organization.id)).toBe(1);
    expect(await countRows(api, "tags", owner.organization.id)).toBe(1);
  });

  it("imports back through the CSV import into the same contacts", async () => {
    const fields = [
      { key: "faturamento", label: "Faturamento", type: "number" },
      { key: "aniversario", label: "Aniversário", type: "date" },
      { key: "cliente", label: "Cliente", type: "boolean" },
      { key: "interesses", label: "Interesses", type: "multi_select", options: ["sapatos", "bolsas"] },
      { key: "notas", label: "Notas", type: "text" },
    ];
    const source = await registerIn("pt-BR");
    for (const field of fields) await createResource(api, source.token, "/custom-fields", field);
    const vip = await createResource(api, source.token, "/tags", { name: "vip" });
    const lead = await createResource(api, source.token, "/tags", { name: "lead" });
    const company = await createResource(api, source.token, "/companies", { name: "Padaria, Pão & Cia" });
    await createContact(api, source.token, {
      name: "João Conceição",
      email: "joao@example.com",
      phone: "+5511987654321",
      companyId: company.id,
      tagIds: [vip.id, lead.id],
      metadata: {
        faturamento: 1234.5,
        aniversario: "1990-12-31",
        cliente: true,
        interesses: ["sapatos", "bolsas"],
        notas: "Paga em 2x; prefere PIX, à tarde",
      },
    });
    await createContact(api, source.token, {
      name: "Ana",
      phone: "+5521998765432",
      metadata: { faturamento: 1.234, aniversario: "2001-02-03", cliente: false },
    });
    await createContact(api, source.token, {
      name: "Bia",
      email: "bia@example.com",
      metadata: { faturamento: -0.5 },
    });

    const csv = (await (await exportCsv(source.token)).text()).replace(/^\uFEFF/, "");
    const target = await registerIn("pt-BR");
    for (const field of fields) await createResource(api, target.token, "/custom-fields", field);
    const started = await api.rest<ImportDto>("POST", "/contacts/imports", {
      token: target.token,
      body: { csv },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const done = await waitForImport(api, target.token, started.body.id);
    expect(done).toMatchObject({ status: "completed", created: 3, failed: 0, skipped: 0 });

    const comparable = (contact: ContactDto) => ({
      name: contact.name,
      email: contact.email,
      phone: contact.phone,
      company: contact.company?.name ?? null,
      tags: contact.tags.map((tag) => tag.name).sort(),
      metadata: contact.metadata,
    });
    const list = async (token: string) =>
      (await allPages<ContactDto>(api, token, "/contacts?sort=name&limit=100")).map(comparable);
    expect(await list(target.token)).toEqual(await list(source.token));
  });
});
