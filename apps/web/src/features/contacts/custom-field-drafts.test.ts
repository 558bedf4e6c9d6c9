import { describe, expect, it } from "vitest";
import {
  type CustomFieldDefinition,
  changedMetadataFromDrafts,
  draftsFromMetadata,
  metadataFromDrafts,
  rebaseDrafts,
} from "./custom-field-drafts";
import { numberDraftFromText } from "./custom-field-number";

const field = (
  key: string,
  type: CustomFieldDefinition["type"],
  extra: Partial<CustomFieldDefinition> = {},
) => ({
  id: `00000000-0000-4000-8000-00000000000${key.length}`,
  key,
  label: key,
  type,
  options: [],
  required: false,
  createdAt: "2025-01-01T00:00:00.000Z",
  updatedAt: "2025-01-01T00:00:00.000Z",
  ...extra,
});

const definitions = [
  field("plan", "single_select", { options: ["basic", "pro"] }),
  field("seats", "number"),
  field("renewal", "date"),
  field("vip", "boolean"),
  field("channels", "multi_select", { options: ["email", "whatsapp"] }),
  field("notes", "text"),
];

describe("custom field values", () => {
  it("turns the inputs into typed values and leaves empty ones out of a new contact", () => {
    const result = metadataFromDrafts(
      definitions,
      { plan: "pro", seats: "12.5", renewal: "2025-12-31", vip: true, channels: ["whatsapp"], notes: "  " },
      "create",
    );
    expect(result.problems).toEqual({});
    expect(result.metadata).toEqual({
      plan: "pro",
      seats: 12.5,
      renewal: "2025-12-31",
      vip: true,
      channels: ["whatsapp"],
    });
  });

  it("clears emptied values with null when a contact is updated", () => {
    const { metadata } = metadataFromDrafts(definitions, { plan: "", seats: "", channels: [] }, "update");
    expect(metadata).toMatchObject({ plan: null, seats: null, channels: null, vip: null, notes: null });
  });

  it("stores nothing for a Yes/No field nobody answered, on a new contact or an edited one", () => {
    const untouched = draftsFromMetadata(definitions, {});
    expect(metadataFromDrafts(definitions, untouched, "create").metadata).not.toHaveProperty("vip");
    const edited = draftsFromMetadata(definitions, { plan: "pro" });
    expect(metadataFromDrafts(definitions, edited, "update").metadata.vip).toBeNull();
  });

  it("keeps a No answer, and clears an answer set back to none", () => {
    const stored = draftsFromMetadata(definitions, { vip: false });
    expect(stored.vip).toBe(false);
    expect(metadataFromDrafts(definitions, stored, "update").metadata.vip).toBe(false);
    expect(metadataFromDrafts(definitions, { ...stored, vip: "" }, "update").metadata.vip).toBeNull();
  });

  it("asks for an answer to a required Yes/No field", () => {
    const required = [field("consent", "boolean", { required: true })];
    expect(metadataFromDrafts(required, { consent: "" }, "create").problems).toEqual({
      consent: "errors.field.required",
    });
    expect(metadataFromDrafts(required, { consent: false }, "create").metadata).toEqual({ consent: false });
  });

  it("saves the number a pt-BR user typed, thousands groups included", () => {
    const typed = (text: string) =>
      metadataFromDrafts(definitions, { seats: numberDraftFromText(text, "pt-BR") }, "create");
    expect(typed("1.500").metadata.seats).toBe(1500);
    expect(typed("1.234,56").metadata.seats).toBe(1234.56);
    expect(typed("12,5").metadata.seats).toBe(12.5);
    expect(typed("1.2.3").problems).toEqual({ seats: "errors.field.number" });
  });

  it("says which values are wrong before anything is sent", () => {
    const required = [field("cpf", "text", { required: true }), ...definitions];
    const { problems } = metadataFromDrafts(required, { seats: "many", plan: "enterprise" }, "create");
    expect(problems).toEqual({
      cpf: "errors.field.required",
      seats: "errors.field.number",
      plan: "errors.field.option",
    });
  });

  it("fills the inputs from a stored contact", () => {
    expect(draftsFromMetadata(definitions, { seats: 3000.5, vip: true, channels: ["email"] })).toEqual({
      plan: "",
      seats: "3000.5",
      renewal: "",
      vip: true,
      channels: ["email"],
      notes: "",
    });
  });
});

describe("custom field values of an edit", () => {
  const stored = { plan: "pro", seats: 12.5, notes: "Old note" };
  const initial = draftsFromMetadata(definitions, stored);

  it("sends only the fields the user changed, null for one emptied", () => {
    const result = changedMetadataFromDrafts(definitions, initial, { ...initial, notes: "", vip: true });
    expect(result).toEqual({ metadata: { notes: null, vip: true }, problems: {} });
    expect(changedMetadataFromDrafts(definitions, initial, initial)).toEqual({ metadata: {}, problems: {} });
    // typed differently, the same value: nothing to send
    expect(changedMetadataFromDrafts(definitions, initial, { ...initial, seats: "12.50" }).metadata).toEqual(
      {},
    );
  });

  it("checks only what the user changed: a field required since, left empty, does not stop the save", () => {
    const required = definitions.map((definition) =>
      definition.key === "renewal" ? { ...definition, required: true } : definition,
    );
    expect(changedMetadataFromDrafts(required, initial, { ...initial, plan: "basic" })).toEqual({
      metadata: { plan: "basic" },
      problems: {},
    });
    expect(changedMetadataFromDrafts(required, initial, { ...initial, seats: "many" }).problems).toEqual({
      seats: "errors.field.number",
    });
  });

  it("after a reload, keeps the fields the user changed and shows the others as they are now", () => {
    const fresh = draftsFromMetadata(definitions, { ...stored, notes: "Colleague's note", vip: false });
    const typed = { ...initial, plan: "basic" };
    expect(rebaseDrafts(initial, typed, fresh)).toEqual({ ...fresh, plan: "basic" });
  });
});
