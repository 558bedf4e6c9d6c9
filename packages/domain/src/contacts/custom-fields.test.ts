import { describe, expect, it } from "vitest";
import { DomainError } from "../shared/errors";
import { applyMetadataPatch, checkCustomFieldText, parseCustomFieldDefinition } from "./custom-fields";
import type { CustomFieldDefinition } from "./model";

const field = (
  key: string,
  type: CustomFieldDefinition["type"],
  extra: Partial<CustomFieldDefinition> = {},
): CustomFieldDefinition => ({
  id: `id-${key}`,
  organizationId: "org",
  key,
  label: key[0]?.toUpperCase() + key.slice(1),
  type,
  options: [],
  required: false,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  ...extra,
});

const definitions = [
  field("notes", "text"),
  field("employees", "number"),
  field("birthday", "date"),
  field("vip", "boolean"),
  field("plan", "single_select", { options: ["free", "pro"] }),
  field("interests", "multi_select", { options: ["shoes", "bags", "hats"] }),
];

const fieldErrorsOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, fieldErrors: error.details?.fieldErrors };
    throw error;
  }
  throw new Error("expected a DomainError");
};

describe("custom field values", () => {
  it("accepts a value of each type and keeps it as stored JSON", () => {
    expect(
      applyMetadataPatch(
        definitions,
        {},
        {
          notes: "Prefers WhatsApp",
          employees: 12,
          birthday: "1990-02-28",
          vip: true,
          plan: "pro",
          interests: ["bags", "shoes", "bags"],
        },
        { requireAll: true },
      ),
    ).toEqual({
      notes: "Prefers WhatsApp",
      employees: 12,
      birthday: "1990-02-28",
      vip: true,
      plan: "pro",
      interests: ["bags", "shoes"],
    });
  });

  it.each([
    ["employees", "12", "Employees must be a number"],
    ["employees", Number.NaN, "Employees must be a number"],
    ["birthday", "28/02/1990", "Birthday must be a date as YYYY-MM-DD"],
    ["birthday", "2023-02-29", "Birthday must be a date as YYYY-MM-DD"],
    ["vip", "yes", "Vip must be true or false"],
    ["plan", "enterprise", "Plan must be one of free, pro"],
    ["interests", ["shoes", "cars"], "Interests has unknown option cars (allowed: shoes, bags, hats)"],
    ["interests", "shoes", "Interests must be a list of options"],
    ["notes", 42, "Notes must be text"],
  ])("rejects %s = %j naming metadata.%s", (key, value, message) => {
    expect(
      fieldErrorsOf(() => applyMetadataPatch(definitions, {}, { [key]: value }, { requireAll: false })),
    ).toEqual({
      code: "VALIDATION_FAILED",
      fieldErrors: { [`metadata.${key}`]: [message] },
    });
  });

  it("rejects a key with no definition", () => {
    expect(
      fieldErrorsOf(() => applyMetadataPatch(definitions, {}, { shoeSize: 42 }, { requireAll: false })),
    ).toEqual({
      code: "VALIDATION_FAILED",
      fieldErrors: { "metadata.shoeSize": ['Unknown custom field "shoeSize"'] },
    });
  });

  it("reports every bad key at once", () => {
    const result = fieldErrorsOf(() =>
      applyMetadataPatch(definitions, {}, { vip: "no", plan: "gold", color: "red" }, { requireAll: false }),
    );
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual([
      "metadata.color",
      "metadata.plan",
      "metadata.vip",
    ]);
  });

  it("patches: keys not named keep their value, null clears one", () => {
    expect(
      applyMetadataPatch(
        definitions,
        { plan: "free", vip: false },
        { plan: "pro", vip: null },
        { requireAll: false },
      ),
    ).toEqual({ plan: "pro" });
  });

  it("requires required fields on create, and never lets a patch clear them", () => {
    const withRequired = [...definitions, field("cpf", "text", { required: true, label: "CPF" })];
    expect(
      fieldErrorsOf(() => applyMetadataPatch(withRequired, {}, {}, { requireAll: true })).fieldErrors,
    ).toEqual({
      "metadata.cpf": ["CPF is required"],
    });
    // an update that does not touch it passes, even for contacts created before the field existed
    expect(applyMetadataPatch(withRequired, {}, { vip: true }, { requireAll: false })).toEqual({ vip: true });
    expect(
      fieldErrorsOf(() =>
        applyMetadataPatch(withRequired, { cpf: "123" }, { cpf: null }, { requireAll: false }),
      ).fieldErrors,
    ).toEqual({ "metadata.cpf": ["CPF is required"] });
  });
});

describe("values typed as text (CSV cells, query parameters)", () => {
  const read = (key: string, text: string) => {
    const definition = definitions.find((d) => d.key === key);
    if (!definition) throw new Error(key);
    return checkCustomFieldText(definition, text);
  };

  it("reads numbers, booleans in English and Portuguese, dates and option lists", () => {
    expect(read("employees", " 1,5 ")).toEqual({ ok: true, value: 1.5 });
    expect(read("vip", "Sim")).toEqual({ ok: true, value: true });
    expect(read("vip", "não")).toEqual({ ok: true, value: false });
    expect(read("birthday", "2000-01-31")).toEqual({ ok: true, value: "2000-01-31" });
    expect(read("interests", "shoes; hats")).toEqual({ ok: true, value: ["shoes", "hats"] });
  });

  it("reads a Yes/No as an export of either language writes it, whatever the organization's language", () => {
    for (const [text, value] of [
      ["true", true],
      ["FALSE", false],
      ["sim", true],
      ["NÃO", false],
      ["nao", false],
      ["na\u0303o", false],
    ] as const) {
      expect(read("vip", text), text).toEqual({ ok: true, value });
    }
  });

  it("reads numbers written either way, with or without thousands separators", () => {
    expect(read("employees", "1.234,56")).toEqual({ ok: true, value: 1234.56 });
    expect(read("employees", "1,234.56")).toEqual({ ok: true, value: 1234.56 });
    expect(read("employees", "1.234.567")).toEqual({ ok: true, value: 1234567 });
    expect(read("employees", "-1,5")).toEqual({ ok: true, value: -1.5 });
    expect(read("employees", "1234,567")).toEqual({ ok: true, value: 1234.567 });
    expect(read("employees", "0,125")).toEqual({ ok: true, value: 0.125 });
  });

  it("refuses a number that means a thousand times more one way than the other", () => {
    for (const text of ["1.234", "12,500", "-100.000"]) {
      const checked = read("employees", text);
      expect(checked.ok, text).toBe(false);
      if (!checked.ok) expect(checked.problem).toContain("ambiguous");
    }
  });

  it("leaves what does not fit to be reported", () => {
    expect(read("employees", "twelve")).toEqual({
      ok: false,
      code: "invalid_number",
      problem: "must be a number",
    });
    expect(read("vip", "maybe")).toEqual({
      ok: false,
      code: "invalid_boolean",
      problem: "must be true or false",
    });
  });
});

describe("custom field definitions", () => {
  it("normalizes a select's options and rejects bad keys, types and options", () => {
    expect(
      parseCustomFieldDefinition({
        key: "plan",
        label: " Plan ",
        type: "single_select",
        options: [" free", "pro "],
      }),
    ).toEqual({
      key: "plan",
      label: "Plan",
      type: "single_select",
      options: ["free", "pro"],
      required: false,
    });
    expect(
      fieldErrorsOf(() => parseCustomFieldDefinition({ key: "Plan", label: "x", type: "text" })).fieldErrors,
    ).toHaveProperty("key");
    expect(
      fieldErrorsOf(() => parseCustomFieldDefinition({ key: "email", label: "x", type: "text" })).fieldErrors,
    ).toEqual({
      key: ['"email" is a built-in contact field'],
    });
    expect(
      fieldErrorsOf(() => parseCustomFieldDefinition({ key: "k", label: "x", type: "color" })).fieldErrors,
    ).toHaveProperty("type");
    expect(
      fieldErrorsOf(() =>
        parseCustomFieldDefinition({ key: "k", label: "x", type: "multi_select", options: [] }),
      ).fieldErrors,
    ).toEqual({ options: ["A select field needs at least one option"] });
    expect(
      fieldErrorsOf(() =>
        parseCustomFieldDefinition({ key: "k", label: "x", type: "single_select", options: ["a", "a"] }),
      ).fieldErrors,
    ).toEqual({ options: ["Options must be unique"] });
    expect(
      fieldErrorsOf(() =>
        parseCustomFieldDefinition({ key: "k", label: "x", type: "number", options: ["a"] }),
      ).fieldErrors,
    ).toEqual({ options: ["A number field has no options"] });
  });
});
