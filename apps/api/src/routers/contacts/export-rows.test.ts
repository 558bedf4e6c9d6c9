import type { Contact, CustomFieldDefinition } from "@crm/domain";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { contactCsvFormat, contactCsvRow, neutralizeFormula } from "./export-rows";

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

  it("quotes a cell holding ';' as it quotes one holding ','", () => {
    const line = stringify([["Inj;'=cmd", "a,b", "plain"]], contactCsvFormat);
    expect(line).toBe('\uFEFF"Inj;\'=cmd","a,b",plain\n');
  });
});
