import {
  type Contact,
  type CustomFieldDefinition,
  mapCsvHeader,
  neutralizeFormula,
  type Phone,
} from "@crm/domain";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import {
  brazilianNumber,
  contactCsvFormat,
  contactCsvHeader,
  contactCsvRow,
  contactCsvStyle,
} from "./export-rows";

const contact = (overrides: Partial<Contact>): Contact => ({
  id: "c1",
  organizationId: "o1",
  name: "Ana",
  email: null,
  phone: null,
  company: null,
  metadata: {},
  tags: [],
  createdAt: "2030-01-01T00:00:00.000Z",
  updatedAt: "2030-01-01T00:00:00.000Z",
  ...overrides,
});

const interests = { key: "interests", type: "multi_select" } as CustomFieldDefinition;

describe("exported cells", () => {
  it("neutralizes a formula after a ';' in a name, a tag list and a multi-select", () => {
    const row = contactCsvRow(
      contact({
        name: "Inj;=cmd|' /C calc'!A0;x",
        tags: [
          { id: "t1", name: "vip", color: "#000000" },
          { id: "t2", name: '=HYPERLINK("http://evil")', color: "#000000" },
        ],
        metadata: { interests: ["shoes", "@SUM(A1)", "-2+3"] },
      }),
      [interests],
    );
    expect(row[1]).toBe("Inj;'=cmd|' /C calc'!A0;x");
    expect(row[5]).toBe('vip;\'=HYPERLINK("http://evil")');
    expect(row[7]).toBe("shoes;'@SUM(A1);'-2+3");
  });

  it("keeps phone numbers, signed numbers and plain text as they are", () => {
    expect(neutralizeFormula("+5511987654321")).toBe("+5511987654321");
    expect(neutralizeFormula("-3.5;+55 (11) 98765-4321")).toBe("-3.5;+55 (11) 98765-4321");
    expect(neutralizeFormula("a;b;")).toBe("a;b;");
    expect(neutralizeFormula("\tx;\ry")).toBe("'\tx;'\ry");
  });

  it("writes a phone in international form with spaces, which a spreadsheet keeps as text, formula guard untouched", () => {
    const row = contactCsvRow(contact({ phone: "+5547999990000" as Phone }), []);
    expect(row[3]).toBe("+55 47 99999-0000");
    expect(contactCsvRow(contact({ phone: "+12025550143" as Phone }), [])[3]).toBe("+1 202 555 0143");
    expect(contactCsvRow(contact({ phone: "+551134567890" as Phone }), [])[3]).toBe("+55 11 3456-7890");
    expect(contactCsvRow(contact({ phone: null }), [])[3]).toBe("");
    // still guarded: "+" followed by anything but a number's characters is a formula
    expect(neutralizeFormula("+55 47 99999-0000")).toBe("+55 47 99999-0000");
    expect(neutralizeFormula("+55 47+cmd|' /C calc'!A0")).toBe("'+55 47+cmd|' /C calc'!A0");
  });

  it("gives text already quoted before a formula one more quote, so the import takes exactly one off", () => {
    expect(neutralizeFormula("'=x;'hello;''@y")).toBe("''=x;'hello;'''@y");
  });

  it("quotes a cell holding ';' as it quotes one holding ','", () => {
    const line = stringify([["Inj;'=cmd", "a,b", "plain"]], contactCsvFormat());
    expect(line).toBe('\uFEFF"Inj;\'=cmd","a,b",plain\n');
  });
});

describe("a pt-BR organization's file", () => {
  const style = contactCsvStyle({ locale: "pt-BR", timezone: "America/Sao_Paulo" });
  const fields = [
    { key: "employees", type: "number" },
    { key: "since", type: "date" },
    { key: "vip", type: "boolean" },
  ] as CustomFieldDefinition[];

  it("writes decimal commas, DD/MM/YYYY dates, sim/não and the creation time in the organization's zone", () => {
    const row = contactCsvRow(
      contact({ metadata: { employees: -1234.5, since: "1990-12-31", vip: true } }),
      fields,
      style,
    );
    expect(row.slice(6)).toEqual(["31/12/2029 21:00:00", "-1234,5", "31/12/1990", "sim"]);
    expect(contactCsvRow(contact({ metadata: { vip: false } }), fields, style)[9]).toBe("não");
    const line = stringify([["Ana", "1,5", "a;b"]], contactCsvFormat(style));
    expect(line).toBe('\uFEFFAna;1,5;"a;b"\n');
  });

  it("writes a number the import reads back as the same number", () => {
    expect(brazilianNumber(3)).toBe("3");
    expect(brazilianNumber(0.5)).toBe("0,5");
    // "1,234" would be refused by the import as ambiguous (a thousand and some, or one and some?)
    expect(brazilianNumber(1.234)).toBe("1,2340");
    expect(brazilianNumber(-999.125)).toBe("-999,1250");
    expect(brazilianNumber(1234.567)).toBe("1234,567");
    expect(brazilianNumber(1e21)).toBe("1000000000000000000000");
    expect(brazilianNumber(1.5e-7)).toBe("0,00000015");
  });

  it("is the usual format for any other language", () => {
    const english = contactCsvStyle({ locale: "en", timezone: "America/Sao_Paulo" });
    const row = contactCsvRow(
      contact({ metadata: { employees: 1234.5, since: "1990-12-31", vip: false } }),
      fields,
      english,
    );
    expect(row.slice(6)).toEqual(["2030-01-01T00:00:00.000Z", "1234.5", "1990-12-31", "false"]);
    expect(contactCsvFormat(english).delimiter).toBe(",");
  });
});

const field = (key: string, label: string, type = "text") =>
  ({ key, label, type, options: [] }) as unknown as CustomFieldDefinition;

describe("an export's header", () => {
  const portuguese = contactCsvStyle({ locale: "pt-BR", timezone: "America/Sao_Paulo" });
  const english = contactCsvStyle({ locale: "en", timezone: "America/Sao_Paulo" });
  const fields = [field("aniversario", "Aniversário", "date"), field("plano", "Plano")];

  it("labels the columns in Portuguese for a pt-BR organization, custom fields by their label", () => {
    expect(contactCsvHeader(fields, portuguese)).toEqual([
      "id",
      "Nome",
      "E-mail",
      "Telefone",
      "Empresa",
      "Etiquetas",
      "Criado em",
      "Aniversário",
      "Plano",
    ]);
  });

  it("labels them in English otherwise", () => {
    expect(contactCsvHeader(fields, english)).toEqual([
      "id",
      "Name",
      "Email",
      "Phone",
      "Company",
      "Tags",
      "Created at",
      "Aniversário",
      "Plano",
    ]);
  });

  it("is read back by the import as the same columns, in either language", () => {
    for (const style of [portuguese, english]) {
      const columns = mapCsvHeader(contactCsvHeader(fields, style), fields);
      expect(columns.id).toBe(0);
      expect(columns.builtIn).toEqual({ name: 1, email: 2, phone: 3, company: 4, tags: 5 });
      expect(columns.custom.map(({ index, definition }) => [index, definition.key])).toEqual([
        [7, "aniversario"],
        [8, "plano"],
      ]);
    }
  });

  it("names a field by its key where its label would be read as another column", () => {
    const clashing = [
      field("celular2", "Telefone"),
      field("criado", "Criado em"),
      field("obs", "Observação"),
      field("obs2", "observacao"),
      field("formula", "=SUM(A1)"),
      field("notas", "Notas"),
      field("outra", "notas"),
    ];
    const header = contactCsvHeader(clashing, portuguese);
    expect(header.slice(6)).toEqual([
      "created_at",
      "celular2",
      "Criado em",
      "Observação",
      "obs2",
      "formula",
      "Notas",
      "outra",
    ]);
    const columns = mapCsvHeader(header, clashing);
    expect(columns.custom.map(({ definition }) => definition.key)).toEqual(clashing.map(({ key }) => key));
  });
});
