import { describe, expect, it } from "vitest";
import type { RouterOutputs } from "../../lib/api-types";
import {
  changedFields,
  formValuesOf,
  hasUnsavedChanges,
  newContactFields,
  rebaseTags,
  rebaseValues,
} from "./contact-changes";

type Contact = RouterOutputs["contacts"]["get"];

const vip = { id: "00000000-0000-4000-8000-000000000001", name: "VIP", color: "#22c55e" };
const lead = { id: "00000000-0000-4000-8000-000000000002", name: "Lead", color: "#64748b" };
const late = { id: "00000000-0000-4000-8000-000000000003", name: "Late", color: "#64748b" };

const ana: Contact = {
  id: "00000000-0000-4000-8000-0000000000aa",
  name: "Ana Lima",
  email: "ana@example.com",
  phone: "+5511987654321",
  companyId: "00000000-0000-4000-8000-0000000000cc",
  company: { id: "00000000-0000-4000-8000-0000000000cc", name: "Café Aroma" },
  tags: [vip, lead],
  metadata: { observacao: "Cliente antiga" },
  createdAt: "2025-01-01T00:00:00.000Z",
  updatedAt: "2025-01-02T00:00:00.000Z",
};

describe("what an edit sends", () => {
  it("shows the stored phone in the form as people write it, and sends nothing for it when left alone", () => {
    expect(formValuesOf(ana).phone).toBe("(11) 98765-4321");
    expect(changedFields(ana, formValuesOf(ana))).not.toHaveProperty("phone");
  });

  it("sends only the fields the user changed, so a colleague's change to another is not overwritten", () => {
    expect(changedFields(ana, { ...formValuesOf(ana), name: " Ana Souza " })).toEqual({ name: "Ana Souza" });
    expect(changedFields(ana, formValuesOf(ana))).toEqual({});
    expect(changedFields(ana, { ...formValuesOf(ana), email: " ", phone: "+55 11 91234-5678" })).toEqual({
      email: null,
      phone: "+55 11 91234-5678",
    });
  });

  it("names a changed company for the server to find or create, and unlinks an emptied one", () => {
    expect(changedFields(ana, { ...formValuesOf(ana), company: "Empresa Nova" })).toEqual({
      companyName: "Empresa Nova",
    });
    expect(changedFields(ana, { ...formValuesOf(ana), company: "" })).toEqual({ companyId: null });
    expect(newContactFields({ name: "Bia", email: "", phone: "", company: " Loja " })).toEqual({
      name: "Bia",
      email: null,
      phone: null,
      companyName: "Loja",
    });
    expect(newContactFields({ name: "Bia", email: "", phone: "", company: "" })).not.toHaveProperty(
      "companyName",
    );
  });
});

describe("reloading a contact someone else changed", () => {
  it("keeps what the user typed and shows the rest as the contact is now", () => {
    const initial = formValuesOf(ana);
    const typed = { ...initial, name: "Ana Souza" };
    const fresh = { ...initial, email: "ana.nova@example.com", company: "Outra" };
    expect(rebaseValues(initial, typed, fresh)).toEqual({
      name: "Ana Souza",
      email: "ana.nova@example.com",
      phone: "(11) 98765-4321",
      company: "Outra",
    });
  });

  it("applies the user's tag additions and removals to the contact's current tags", () => {
    // the user removed VIP and added Late; meanwhile a colleague removed Lead and added Late too
    expect(rebaseTags([vip, lead], [lead, late], [vip, late])).toEqual([late]);
    // a colleague added Late; the user only removed Lead
    expect(rebaseTags([vip, lead], [vip], [vip, lead, late])).toEqual([vip, late]);
  });
});

describe("whether closing the form loses something", () => {
  const blank = {
    values: { name: "", email: "", phone: "", company: "" },
    drafts: { plano: "", vip: "", interesses: [] as string[] },
    tags: [] as Array<{ id: string; name: string; color: string }>,
  };
  const vip = { id: "t1", name: "vip", color: "#000000" };

  it("is false for a form as it opened, or with only spaces typed", () => {
    expect(hasUnsavedChanges(blank, blank)).toBe(false);
    expect(hasUnsavedChanges(blank, { ...blank, values: { ...blank.values, name: "  " } })).toBe(false);
  });

  it("is true once a field, a custom field or a tag differs", () => {
    expect(hasUnsavedChanges(blank, { ...blank, values: { ...blank.values, company: "Acme" } })).toBe(true);
    expect(hasUnsavedChanges(blank, { ...blank, drafts: { ...blank.drafts, vip: true } })).toBe(true);
    expect(hasUnsavedChanges(blank, { ...blank, drafts: { ...blank.drafts, interesses: ["a"] } })).toBe(true);
    expect(hasUnsavedChanges(blank, { ...blank, tags: [vip] })).toBe(true);
    const tagged = { ...blank, tags: [vip] };
    expect(hasUnsavedChanges(tagged, { ...blank, tags: [vip] })).toBe(false);
    expect(hasUnsavedChanges(tagged, blank)).toBe(true);
  });
});
