import { describe, expect, it } from "vitest";
import { DomainError } from "../shared/errors";
import { type CsvColumns, mapCsvHeader, mapCsvRow, type RowMapping } from "./csv-mapping";
import { describeImportReasons } from "./import-reasons";
import type { CustomFieldDefinition } from "./model";

const definition = (key: string, type: CustomFieldDefinition["type"], options: string[] = []) => ({
  id: `id-${key}`,
  organizationId: "org",
  key,
  label: key,
  type,
  options,
  required: false,
  createdAt: new Date(0),
  updatedAt: new Date(0),
});
const definitions = [definition("plan", "single_select", ["free", "pro"]), definition("employees", "number")];

/** The English `reason` the API answers for a row that cannot be imported. */
const reasonOf = (mapping: RowMapping) => (mapping.ok ? null : describeImportReasons(mapping.reasons));
/** The same for the values a row imported without. */
const warningOf = (mapping: RowMapping) =>
  mapping.ok ? describeImportReasons(mapping.warnings.map((warning) => warning.reason)) : null;

describe("the CSV header", () => {
  it("maps built-in columns and custom field keys in any letter case, ignoring the rest", () => {
    const columns = mapCsvHeader(
      ["\uFEFFName", "EMAIL", " Phone ", "Company", "tags", "Plan", "Notes"],
      definitions,
    );
    expect(columns.builtIn).toEqual({ name: 0, email: 1, phone: 2, company: 3, tags: 4 });
    expect(columns.custom.map((c) => [c.index, c.definition.key])).toEqual([[5, "plan"]]);
    expect(columns.ignored).toEqual(["Notes"]);
    expect(columns.width).toBe(7);
  });

  it("reads the Portuguese names of the columns, without regard to case or accents", () => {
    expect(mapCsvHeader(["Nome", "E-mail", "Telefone", "Empresa", "Tags"], definitions).builtIn).toEqual({
      name: 0,
      email: 1,
      phone: 2,
      company: 3,
      tags: 4,
    });
    expect(mapCsvHeader(["NOME COMPLETO", "e_mail", "Celular", "EMPRESA", "Etiquetas"], []).builtIn).toEqual({
      name: 0,
      email: 1,
      phone: 2,
      company: 3,
      tags: 4,
    });
    expect(mapCsvHeader(["nome", "WhatsApp"], []).builtIn).toEqual({ name: 0, phone: 1 });
  });

  it("finds a custom field by its label as well as by its key, a key first", () => {
    const birthday = { ...definition("aniversario", "date"), label: "Aniversário" };
    const mobile = { ...definition("celular", "text"), label: "Celular da loja" };
    const columns = mapCsvHeader(["Nome", "ANIVERSARIO", "celular", "Telefone"], [birthday, mobile]);
    expect(columns.custom.map((c) => [c.index, c.definition.key])).toEqual([
      [1, "aniversario"],
      [2, "celular"],
    ]);
    expect(columns.builtIn).toEqual({ name: 0, phone: 3 });
    const byLabel = mapCsvHeader(["nome", "aniversário", "Celular da Loja"], [birthday, mobile]);
    expect(byLabel.custom.map((c) => c.definition.key)).toEqual(["aniversario", "celular"]);
  });

  it("joins a last name column to the name, and lists the columns it ignores", () => {
    const columns = mapCsvHeader(["Nome", "Sobrenome", "E-mail", "Observações", "CPF"], []);
    expect(columns).toMatchObject({ builtIn: { name: 0, email: 2 }, lastName: 1 });
    expect(columns.ignored).toEqual(["Observações", "CPF"]);
    expect(mapCsvRow(columns, ["Juliana", " Figueiredo Santos ", "ju@x.com", "antiga", "1"])).toMatchObject({
      ok: true,
      contact: { name: "Juliana Figueiredo Santos", email: "ju@x.com" },
    });
    expect(mapCsvRow(columns, ["Juliana", "", "ju@x.com"])).toMatchObject({ contact: { name: "Juliana" } });
    for (const header of [
      ["First Name", "Last Name"],
      ["primeiro nome", "último nome"],
      ["name", "Surname"],
    ]) {
      const named = mapCsvHeader(header, []);
      expect(mapCsvRow(named, ["Ana", "Lima"])).toMatchObject({ contact: { name: "Ana Lima" } });
    }
    expect(() => mapCsvHeader(["nome", "sobrenome", "Last name"], [])).toThrow(/same column/);
  });

  it("refuses two columns that mean the same thing", () => {
    expect(() => mapCsvHeader(["nome", "Telefone", "Celular"], [])).toThrow(
      'The columns "Telefone" and "Celular" are the same column',
    );
  });

  it("refuses a header without name, email or phone, or with a column twice", () => {
    expect(() => mapCsvHeader(["apelido", "mobile"], definitions)).toThrow(DomainError);
    expect(() => mapCsvHeader(["name", "Name"], definitions)).toThrow(/appears twice/);
  });
});

describe("an exported file", () => {
  const columns = mapCsvHeader(
    ["id", "name", "email", "phone", "company", "tags", "created_at", "plan"],
    definitions,
  );
  const id = "0F8FAD5B-D9CB-469F-A165-70867728950E";

  it("names each row's contact by its id column, which is read only when it holds an id", () => {
    expect(columns.id).toBe(0);
    expect(columns.ignored).toEqual(["created_at"]);
    expect(mapCsvRow(columns, [id, "Ana"])).toMatchObject({ ok: true, contact: { id: id.toLowerCase() } });
    const notAnId = mapCsvRow(columns, ["123", "Ana"]);
    expect(notAnId.ok && notAnId.contact.id).toBeUndefined();
  });

  it("comes back without the quotes its export put before formulas", () => {
    const row = mapCsvRow(columns, [id, `'=HYPERLINK("x")`, "", "", "'@Loja", "vip;'+lead", "", ""]);
    expect(row).toMatchObject({
      ok: true,
      contact: { name: `=HYPERLINK("x")`, companyName: "@Loja", tagNames: ["vip", "+lead"] },
    });
    expect(mapCsvRow(columns, [id, "'Ana'"])).toMatchObject({ ok: true, contact: { name: "'Ana'" } });
  });
});

describe("a CSV row", () => {
  const columns: CsvColumns = mapCsvHeader(
    ["name", "email", "phone", "company", "tags", "plan", "employees"],
    definitions,
  );

  it("becomes normalized contact fields; empty cells stay absent", () => {
    expect(
      mapCsvRow(columns, [
        " Ana ",
        "ANA@example.com",
        "(11) 98765-4321",
        "Loja X",
        "vip; lead;VIP",
        "pro",
        "12",
      ]),
    ).toEqual({
      ok: true,
      contact: {
        name: "Ana",
        email: "ana@example.com",
        phone: "+5511987654321",
        companyName: "Loja X",
        tagNames: ["vip", "lead"],
        metadata: { plan: "pro", employees: 12 },
      },
      warnings: [],
    });
    expect(mapCsvRow(columns, ["", "", "11987654321", "", "", "", ""])).toEqual({
      ok: true,
      contact: { phone: "+5511987654321", tagNames: [], metadata: {} },
      warnings: [],
    });
  });

  it("reads a name, company or tag of only invisible characters as an empty cell, and strips them off the ends", () => {
    expect(
      mapCsvRow(columns, ["\u200b\u200d ", "", "11987654321", "\u200b", "\u200b;\u2060 vip\u200b", "", ""]),
    ).toEqual({
      ok: true,
      contact: { phone: "+5511987654321", tagNames: ["vip"], metadata: {} },
      warnings: [],
    });
    expect(mapCsvRow(columns, ["\u200bAna\u200b", "", "", "\ufeffLoja X ", "", "", ""])).toMatchObject({
      ok: true,
      contact: { name: "Ana", companyName: "Loja X" },
    });
  });

  it("gives every reason a row cannot be imported", () => {
    const result = mapCsvRow(columns, ["Bia", "not-an-email", "123", "", "", "", ""]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reasons.map((reason) => reason.code)).toEqual(["invalid_email", "invalid_phone"]);
    expect(reasonOf(result)).toBe("email: Invalid email address; phone: Invalid phone number");
  });

  it("imports a row without the optional custom fields whose cells do not fit, warning about each", () => {
    const result = mapCsvRow(columns, ["Bia", "bia@x.com", "11987654321", "", "", "gold", "many"]);
    expect(result).toMatchObject({
      ok: true,
      contact: { name: "Bia", email: "bia@x.com", phone: "+5511987654321", metadata: {} },
    });
    if (!result.ok) return;
    expect(result.warnings.map((warning) => [warning.field, warning.reason.code])).toEqual([
      ["plan", "invalid_option"],
      ["employees", "invalid_number"],
    ]);
    expect(result.warnings[0]?.reason.params).toEqual({
      field: "plan",
      label: "plan",
      value: "gold",
      options: "free, pro",
    });
    expect(warningOf(result)).toBe(
      "metadata.plan: plan must be one of free, pro; metadata.employees: employees must be a number",
    );
  });

  it("refuses the row when a required custom field's cell does not fit", () => {
    const required = { ...definition("plan", "single_select", ["free", "pro"]), required: true };
    const result = mapCsvRow(mapCsvHeader(["nome", "plan"], [required]), ["Bia", "gold"]);
    expect(result).toMatchObject({ ok: false, reasons: [{ code: "invalid_option" }] });
  });

  it("reads a Brazilian number with thousands and leaves out one that could be read two ways", () => {
    const row = (employees: string) => mapCsvRow(columns, ["Ana", "", "11987654321", "", "", "", employees]);
    expect(row("1.250,5")).toMatchObject({ ok: true, contact: { metadata: { employees: 1250.5 } } });
    expect(warningOf(row("1.500"))).toBe(
      'metadata.employees: employees "1.500" is ambiguous (a thousands separator or a decimal point?): write it without thousands separators',
    );
  });

  it("reads money and thousands as the organization writes them, as the deal form does", () => {
    const read = (locale: string, employees: string) =>
      mapCsvRow(mapCsvHeader(["nome", "employees"], definitions, { locale }), ["Ana", employees]);
    const stored = (employees: number) => ({ ok: true, contact: { metadata: { employees } }, warnings: [] });
    expect(read("pt-BR", "R$ 1.234,56")).toMatchObject(stored(1234.56));
    expect(read("pt-BR", "1.500")).toMatchObject(stored(1500));
    expect(read("pt-BR", "1,5")).toMatchObject(stored(1.5));
    expect(read("en", "$1,500")).toMatchObject(stored(1500));
    expect(read("en", "1.500")).toMatchObject(stored(1.5));
  });

  it("reads the cells a short row lacks as empty", () => {
    expect(mapCsvRow(columns, ["Curta", "curta@x.com"])).toEqual({
      ok: true,
      contact: { name: "Curta", email: "curta@x.com", tagNames: [], metadata: {} },
      warnings: [],
    });
  });

  it("ignores empty cells past the header's columns but refuses values there", () => {
    const full = ["Ana", "ana@example.com", "", "", "", "", ""];
    expect(mapCsvRow(columns, [...full, ""])).toMatchObject({ ok: true, contact: { name: "Ana" } });
    expect(mapCsvRow(columns, [...full, " ", ""])).toMatchObject({ ok: true });
    const extra = mapCsvRow(columns, [...full, "", "surprise"]);
    expect(extra).toEqual({
      ok: false,
      reasons: [{ code: "row_too_long", params: { values: 9, columns: 7 } }],
    });
    expect(reasonOf(extra)).toBe("The row has 9 values but the header has 7 columns");
  });

  it("refuses an over-long tag or company name", () => {
    const row = mapCsvRow(columns, ["Ana", "", "", "x".repeat(201), "y".repeat(51), "", ""]);
    expect(row.ok).toBe(false);
    expect(reasonOf(row)).toMatch(/company: .*; tags: name must have at most 50 characters/);
  });
});

describe("a date in a CSV row", () => {
  const birthday = { ...definition("aniversario", "date"), label: "Aniversário" };
  const read = (locale: string | undefined, date: string) =>
    mapCsvRow(mapCsvHeader(["nome", "aniversário"], [birthday], { locale }), ["Ana", date]);
  const stored = (date: string) => ({ ok: true, contact: { metadata: { aniversario: date } } });

  it("reads DD/MM/YYYY and D/M/YYYY for a Portuguese organization, and ISO always", () => {
    expect(read("pt-BR", "31/12/1990")).toMatchObject(stored("1990-12-31"));
    expect(read("pt-BR", "1/2/1990")).toMatchObject(stored("1990-02-01"));
    expect(read("pt-BR", "1990-12-31")).toMatchObject(stored("1990-12-31"));
  });

  it("reads a two-digit year as Excel does (00-29 this century, 30-99 the last) and drops Excel's time", () => {
    expect(read("pt-BR", "15/03/85")).toMatchObject(stored("1985-03-15"));
    expect(read("pt-BR", "01/02/25")).toMatchObject(stored("2025-02-01"));
    expect(read("pt-BR", "1/2/30")).toMatchObject(stored("1930-02-01"));
    expect(read("pt-BR", "1985-03-15 00:00")).toMatchObject(stored("1985-03-15"));
    expect(read("pt-BR", "15/03/1985 00:00:00")).toMatchObject(stored("1985-03-15"));
    expect(read(undefined, "1985-03-15T00:00")).toMatchObject(stored("1985-03-15"));
    expect(read("pt-BR", "15/03/985")).toMatchObject({ ok: true, warnings: [{ field: "aniversario" }] });
  });

  it("reads MM/DD/YYYY for an English organization", () => {
    expect(read("en", "12/31/1990")).toMatchObject(stored("1990-12-31"));
    expect(read("en-US", "2/1/1990")).toMatchObject(stored("1990-02-01"));
    expect(read("en", "31/12/1990")).toMatchObject({ ok: true, warnings: [{ field: "aniversario" }] });
  });

  it("leaves out a date that is not on the calendar, saying so", () => {
    const result = read("pt-BR", "31/02/1990");
    expect(result).toEqual({
      ok: true,
      contact: { name: "Ana", tagNames: [], metadata: {} },
      warnings: [
        {
          field: "aniversario",
          reason: {
            code: "impossible_date",
            params: { field: "aniversario", label: "Aniversário", value: "31/02/1990", order: "dmy" },
          },
        },
      ],
    });
    expect(warningOf(result)).toBe(
      "metadata.aniversario: Aniversário has 31/02/1990, which is not a date on the calendar (read as DD/MM/YYYY)",
    );
  });

  it("asks for the organization's format for a date it cannot read", () => {
    const result = read("pt-BR", "dezembro");
    expect(result).toMatchObject({
      ok: true,
      warnings: [{ reason: { code: "invalid_date", params: { order: "dmy" } } }],
    });
    expect(warningOf(result)).toBe(
      "metadata.aniversario: Aniversário must be a date as DD/MM/YYYY or YYYY-MM-DD",
    );
    expect(warningOf(read(undefined, "31/12/1990"))).toBe(
      "metadata.aniversario: Aniversário must be a date as YYYY-MM-DD",
    );
  });
});
