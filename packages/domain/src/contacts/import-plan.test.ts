import { describe, expect, it } from "vitest";
import type { Email } from "../shared/email";
import type { Phone } from "../shared/phone";
import type { ImportedContact, RowMapping } from "./csv-mapping";
import { changesNothing } from "./import-changes";
import {
  decideImportRow,
  failPlannedContact,
  planImportBatch,
  reportChangedFields,
  skipUnchangedContact,
} from "./import-plan";
import { importReason } from "./import-reasons";
import type { Contact, CustomFieldDefinition, ImportRowResult } from "./model";

const phone = "+5511987654321" as Phone;
const email = "ana@example.com" as Email;

describe("what an imported row does", () => {
  it("creates a contact nobody holds the phone or email of", () => {
    expect(decideImportRow({ name: "Ana", phone, email }, [], "skip")).toEqual({ action: "create" });
  });

  it("cannot create a contact without a name", () => {
    expect(decideImportRow({ phone }, [], "update")).toMatchObject({ action: "error" });
  });

  it("skips or updates the contact holding the same phone or email", () => {
    const known = [{ id: "c1", phone: null, email }];
    expect(decideImportRow({ name: "Ana", phone, email }, known, "skip")).toEqual({
      action: "skip",
      contactId: "c1",
      reason: { code: "duplicate", params: { by: "email" } },
    });
    expect(decideImportRow({ phone, email }, known, "update")).toEqual({ action: "update", contactId: "c1" });
  });

  it("refuses a row whose phone and email belong to two different contacts", () => {
    const known = [
      { id: "c1", phone, email: null },
      { id: "c2", phone: null, email },
    ];
    expect(decideImportRow({ name: "Ana", phone, email }, known, "update")).toMatchObject({
      action: "error",
      reason: { code: "identity_conflict", params: { phoneContactId: "c1", emailContactId: "c2" } },
    });
  });

  it("finds the contact its id names first, even one without phone or email", () => {
    const known = [{ id: "c1", phone: null, email: null }];
    expect(decideImportRow({ id: "c1", name: "Ana" }, known, "update")).toEqual({
      action: "update",
      contactId: "c1",
    });
    expect(decideImportRow({ id: "c1", name: "Ana" }, known, "skip")).toEqual({
      action: "skip",
      contactId: "c1",
      reason: { code: "duplicate", params: { by: "id" } },
    });
  });

  it("matches by phone and email when the id names no contact of the organization", () => {
    const known = [{ id: "c1", phone, email: null }];
    expect(decideImportRow({ id: "elsewhere", name: "Ana", phone }, known, "update")).toEqual({
      action: "update",
      contactId: "c1",
    });
    expect(decideImportRow({ id: "elsewhere", name: "Ana" }, known, "update")).toEqual({ action: "create" });
  });

  it("refuses a row whose id names one contact and whose phone or email another's", () => {
    const known = [
      { id: "c1", phone: null, email: null },
      { id: "c2", phone, email },
    ];
    expect(decideImportRow({ id: "c1", name: "Ana", email }, known, "update")).toEqual({
      action: "error",
      reason: { code: "id_conflict", params: { by: "email", contactId: "c2" } },
    });
    expect(decideImportRow({ id: "c2", name: "Ana", phone, email }, known, "update")).toEqual({
      action: "update",
      contactId: "c2",
    });
  });
});

const ok = (contact: Partial<ImportedContact>): RowMapping => ({
  ok: true,
  contact: { tagNames: [], metadata: {}, ...contact },
  warnings: [],
});
const ids = () => {
  let n = 0;
  return () => `new-${++n}`;
};
const required: CustomFieldDefinition = {
  id: "f1",
  organizationId: "org",
  key: "cpf",
  label: "CPF",
  type: "text",
  options: [],
  required: true,
  createdAt: new Date(0),
  updatedAt: new Date(0),
};

describe("planning a batch", () => {
  it("creates new contacts with ids chosen up front and reports every row in order", () => {
    const plan = planImportBatch(
      [
        { rowNumber: 1, mapping: ok({ name: "Ana", phone, tagNames: ["vip"] }) },
        { rowNumber: 2, mapping: { ok: false, reasons: [importReason("invalid_email")] } },
        { rowNumber: 3, mapping: ok({ name: "Bia", email }) },
      ],
      [],
      [],
      "skip",
      ids(),
    );
    expect([...plan.creates.keys()]).toEqual(["new-1", "new-2"]);
    expect(plan.creates.get("new-1")).toMatchObject({
      name: "Ana",
      phone,
      tagNames: ["vip"],
      rowNumbers: [1],
    });
    expect(plan.results).toEqual([
      { rowNumber: 1, outcome: "created", reason: null, reasons: [], warnings: [], contactId: "new-1" },
      {
        rowNumber: 2,
        outcome: "error",
        reason: "email: Invalid email address",
        reasons: [{ code: "invalid_email", params: {} }],
        warnings: [],
        contactId: null,
      },
      { rowNumber: 3, outcome: "created", reason: null, reasons: [], warnings: [], contactId: "new-2" },
    ]);
  });

  it.each(["skip", "update", "fill"] as const)(
    "in %s mode, a later row matching the contact an earlier row created is skipped, naming that row",
    (mode) => {
      const other = "+5511912345678" as Phone;
      const plan = planImportBatch(
        [
          { rowNumber: 5, mapping: ok({ name: "Ana Santos 5", phone, email, tagNames: ["vip"] }) },
          // the same email with another phone: it must neither rename Ana nor take her phone away
          { rowNumber: 40, mapping: ok({ name: "Outra", phone: other, email }) },
          // Ana's phone: it must not create a second contact with it
          { rowNumber: 50, mapping: ok({ name: "Mais uma", phone }) },
          { rowNumber: 60, mapping: ok({ name: "Bia", email: "bia@example.com" as Email }) },
        ],
        [],
        [],
        mode,
        ids(),
      );
      expect(plan.creates.get("new-1")).toMatchObject({
        name: "Ana Santos 5",
        phone,
        email,
        rowNumbers: [5],
      });
      expect([...plan.creates.keys()]).toEqual(["new-1", "new-2"]);
      expect(plan.updates.size).toBe(0);
      expect(plan.results.map((r) => [r.rowNumber, r.outcome, r.contactId, r.reasons])).toEqual([
        [5, "created", "new-1", []],
        [40, "skipped", "new-1", [{ code: "duplicate_in_file", params: { row: 5, by: "email" } }]],
        [50, "skipped", "new-1", [{ code: "duplicate_in_file", params: { row: 5, by: "phone" } }]],
        [60, "created", "new-2", []],
      ]);
      expect(plan.results[1]?.reason).toBe(
        "Repeats row 5 of this file (same email): only the first row is imported",
      );
    },
  );

  it("a later row matching a stored contact an earlier row updated, by its old or new phone, is skipped", () => {
    const other = "+5511912345678" as Phone;
    const plan = planImportBatch(
      [
        { rowNumber: 1, mapping: ok({ email, phone: other, name: "Ana" }) },
        { rowNumber: 2, mapping: ok({ phone, name: "Ana de novo" }) },
        { rowNumber: 3, mapping: ok({ phone: other, name: "Ana outra vez" }) },
      ],
      [{ id: "stored", phone, email }],
      [],
      "update",
      ids(),
    );
    expect([...plan.updates.keys()]).toEqual(["stored"]);
    expect(plan.creates.size).toBe(0);
    expect(plan.results.map((r) => [r.outcome, r.reasons[0]?.params])).toEqual([
      ["updated", undefined],
      ["skipped", { row: 1, by: "phone" }],
      ["skipped", { row: 1, by: "phone" }],
    ]);
  });

  it("a row matching a contact a row of an earlier batch wrote is skipped, naming that row", () => {
    const earlier = new Map([["stored", 7]]);
    const plan = planImportBatch(
      [
        { rowNumber: 300, mapping: ok({ email, name: "Ana" }) },
        { rowNumber: 301, mapping: ok({ id: "stored", name: "Ana" }) },
        { rowNumber: 302, mapping: ok({ phone, name: "Bia" }) },
      ],
      [
        { id: "stored", phone: null, email },
        { id: "untouched", phone, email: null },
      ],
      [],
      "update",
      ids(),
      earlier,
    );
    expect(plan.results.map((r) => [r.outcome, r.contactId, r.reasons[0]?.params])).toEqual([
      ["skipped", "stored", { row: 7, by: "email" }],
      ["skipped", "stored", { row: 7, by: "id" }],
      ["updated", "untouched", undefined],
    ]);
    // the next batch knows that row 302 wrote the contact
    expect(earlier.get("untouched")).toBe(302);
  });

  it("requires required fields only to create", () => {
    const plan = planImportBatch(
      [
        { rowNumber: 1, mapping: ok({ email, metadata: { cpf: "1" } }) },
        { rowNumber: 3, mapping: ok({ name: "Bia", phone }) },
      ],
      [{ id: "stored", phone: null, email }],
      [required],
      "update",
      ids(),
    );
    expect(plan.updates.get("stored")).toMatchObject({ metadata: { cpf: "1" }, rowNumbers: [1] });
    expect(plan.results[1]).toEqual({
      rowNumber: 3,
      outcome: "error",
      reason: "metadata.cpf: CPF is required",
      reasons: [{ code: "field_required", params: { field: "cpf", label: "CPF" } }],
      warnings: [],
      contactId: null,
    });
  });

  it("carries a row's warnings to its result, but not to a skipped row, whose values were not used", () => {
    const warning = { field: "plan", reason: importReason("invalid_option", { field: "plan" }) };
    const mapping: RowMapping = {
      ok: true,
      contact: { name: "Ana", email, tagNames: [], metadata: {} },
      warnings: [warning],
    };
    const plan = planImportBatch(
      [
        { rowNumber: 1, mapping },
        { rowNumber: 2, mapping },
      ],
      [],
      [],
      "skip",
      ids(),
    );
    expect(plan.results.map((row) => [row.outcome, row.warnings])).toEqual([
      ["created", [warning]],
      ["skipped", []],
    ]);
  });

  it("a fill updates the matching contact like an update (what it writes is decided against the stored one)", () => {
    const plan = planImportBatch(
      [{ rowNumber: 1, mapping: ok({ email, name: "Ana" }) }],
      [{ id: "stored", phone: null, email }],
      [],
      "fill",
      ids(),
    );
    expect(plan.results.map((r) => [r.outcome, r.contactId])).toEqual([["updated", "stored"]]);
  });

  it("turns every row of a contact that could not be written into an error", () => {
    const plan = planImportBatch(
      [
        { rowNumber: 1, mapping: ok({ name: "Ana", phone }) },
        { rowNumber: 2, mapping: ok({ name: "Ana", phone }) },
      ],
      [],
      [],
      "skip",
      ids(),
    );
    failPlannedContact(plan.results, "new-1", importReason("created_meanwhile"));
    const meanwhile = "A contact with this phone or email was created meanwhile";
    expect(plan.results.map((r) => [r.outcome, r.reason, r.reasons[0]?.code, r.contactId])).toEqual([
      ["error", meanwhile, "created_meanwhile", null],
      ["error", meanwhile, "created_meanwhile", null],
    ]);
  });
});

describe("an update that changes nothing", () => {
  const stored: Contact = {
    id: "c1",
    organizationId: "o1",
    name: "Ana",
    email,
    phone,
    company: { id: "co1", name: "Padaria" },
    metadata: { plan: "pro", interests: ["bags", "shoes"], revenue: 12.5 },
    tags: [
      { id: "t1", name: "vip", color: "#000" },
      { id: "t2", name: "lead", color: "#000" },
    ],
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
  };
  const same = {
    name: "Ana",
    email,
    phone,
    companyId: "co1",
    // the same values, written in another order
    metadata: { revenue: 12.5, interests: ["bags", "shoes"], plan: "pro" },
    tagIds: ["t2"],
  };

  it("is one whose every value is the contact's already, and whose tags it already has", () => {
    expect(changesNothing(stored, same)).toBe(true);
    expect(changesNothing(stored, { metadata: stored.metadata, tagIds: [] })).toBe(true);
  });

  it.each([
    ["a name", { name: "Ana Souza" }],
    ["an email", { email: "other@example.com" as Email }],
    ["a phone", { phone: "+5511912345678" as Phone }],
    ["a company", { companyId: "co2" }],
    ["a custom field", { metadata: { ...stored.metadata, plan: "free" } }],
    ["the options' order", { metadata: { ...stored.metadata, interests: ["shoes", "bags"] } }],
    ["a new tag", { tagIds: ["t1", "t3"] }],
  ])("is not one that changes %s", (_, change) => {
    expect(changesNothing(stored, { ...same, ...change })).toBe(false);
  });

  it("turns the contact's updated rows into unchanged ones, saying why", () => {
    const results: ImportRowResult[] = [
      { rowNumber: 1, outcome: "updated", reason: null, reasons: [], warnings: [], contactId: "c1" },
      { rowNumber: 2, outcome: "updated", reason: null, reasons: [], warnings: [], contactId: "c2" },
      { rowNumber: 3, outcome: "updated", reason: null, reasons: [], warnings: [], contactId: "c1" },
    ];
    skipUnchangedContact(results, "c1");
    expect(results.map((row) => [row.outcome, row.reasons.map((reason) => reason.code)])).toEqual([
      ["unchanged", ["unchanged"]],
      ["updated", []],
      ["unchanged", ["unchanged"]],
    ]);
    expect(results[0]?.reason).toBe("The matching contact already has the row's values: nothing to update");
  });
});

describe("an update that changes values", () => {
  it("says which fields it changed", () => {
    const results: ImportRowResult[] = [
      { rowNumber: 1, outcome: "updated", reason: null, reasons: [], warnings: [], contactId: "c1" },
      { rowNumber: 2, outcome: "created", reason: null, reasons: [], warnings: [], contactId: "c2" },
    ];
    reportChangedFields(results, "c1", ["name", "email", "metadata.plan"]);
    expect(results[0]).toEqual({
      rowNumber: 1,
      outcome: "updated",
      reason: "Changed: name, email, metadata.plan",
      reasons: [{ code: "changed_fields", params: { fields: "name,email,metadata.plan" } }],
      warnings: [],
      contactId: "c1",
    });
    expect(results[1]?.reasons).toEqual([]);
  });

  it("a fill that fills nothing is unchanged, saying so", () => {
    const results: ImportRowResult[] = [
      { rowNumber: 1, outcome: "updated", reason: null, reasons: [], warnings: [], contactId: "c1" },
    ];
    skipUnchangedContact(results, "c1", importReason("nothing_to_fill"));
    expect(results[0]).toMatchObject({ outcome: "unchanged", reasons: [{ code: "nothing_to_fill" }] });
  });
});
