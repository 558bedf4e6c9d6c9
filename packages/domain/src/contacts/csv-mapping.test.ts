import { describe, expect, it } from "vitest";
import { DomainError } from "../shared/errors";
import { type CsvColumns, mapCsvHeader, mapCsvRow } from "./csv-mapping";
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

describe("the CSV header", () => {
  it("maps built-in columns and custom field keys in any letter case, ignoring the rest", () => {
    const columns = mapCsvHeader(
      ["\uFEFFName", "E-mail", "EMAIL", " Phone ", "Company", "tags", "Plan", "Notes"],
      definitions,
    );
    expect(columns.builtIn).toEqual({ name: 0, email: 2, phone: 3, company: 4, tags: 5 });
    expect(columns.custom.map((c) => [c.index, c.definition.key])).toEqual([[6, "plan"]]);
    expect(columns.ignored).toEqual(["E-mail", "Notes"]);
    expect(columns.width).toBe(8);
  });

  it("refuses a header without name, email or phone, or with a column twice", () => {
    expect(() => mapCsvHeader(["first name", "mobile"], definitions)).toThrow(DomainError);
    expect(() => mapCsvHeader(["name", "Name"], definitions)).toThrow(/appears twice/);
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
    });
    expect(mapCsvRow(columns, ["", "", "11987654321", "", "", "", ""])).toEqual({
      ok: true,
      contact: { phone: "+5511987654321", tagNames: [], metadata: {} },
    });
  });

  it("gives every reason a row cannot be imported", () => {
    const result = mapCsvRow(columns, ["Bia", "not-an-email", "123", "", "", "gold", "many"]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toContain("email: Invalid email address");
    expect(result.reason).toContain("phone: Invalid phone number");
    expect(result.reason).toContain("metadata.plan: plan must be one of free, pro");
    expect(result.reason).toContain("metadata.employees: employees must be a number");
  });

  it("reads a Brazilian number with thousands and refuses one that could be read two ways", () => {
    const row = (employees: string) => mapCsvRow(columns, ["Ana", "", "11987654321", "", "", "", employees]);
    expect(row("1.250,5")).toMatchObject({ ok: true, contact: { metadata: { employees: 1250.5 } } });
    expect(row("1.500")).toEqual({
      ok: false,
      reason:
        'metadata.employees: employees "1.500" is ambiguous (a thousands separator or a decimal point?): write it without thousands separators',
    });
  });

  it("refuses a row whose values do not line up with the header", () => {
    expect(mapCsvRow(columns, ["Ana", "ana@example.com"])).toEqual({
      ok: false,
      reason: "The row has 2 values but the header has 7 columns",
    });
  });

  it("refuses an over-long tag or company name", () => {
    const row = mapCsvRow(columns, ["Ana", "", "", "x".repeat(201), "y".repeat(51), "", ""]);
    expect(row.ok).toBe(false);
    if (!row.ok) expect(row.reason).toMatch(/company: .*; tags: name must have at most 50 characters/);
  });
});
