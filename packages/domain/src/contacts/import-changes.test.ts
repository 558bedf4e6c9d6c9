import { describe, expect, it } from "vitest";
import type { Email } from "../shared/email";
import type { Phone } from "../shared/phone";
import { changedFields, onlyMissingValues } from "./import-changes";
import type { PlannedWrite } from "./import-plan";
import type { Contact } from "./model";

const phone = "+5511987654321" as Phone;
const email = "bruno@example.com" as Email;

const stored: Contact = {
  id: "c1",
  organizationId: "o1",
  name: "Bruno Lima",
  email,
  phone,
  company: { id: "co1", name: "Padaria" },
  metadata: { plan: "pro", notes: "", interests: [] },
  tags: [{ id: "t1", name: "vip", color: "#000" }],
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
};

const row: PlannedWrite = {
  contactId: "c1",
  rowNumbers: [70],
  name: "Maria Oliveira 70",
  email: "maria70@example.com" as Email,
  phone,
  companyName: "Outra",
  tagNames: ["lead"],
  metadata: { plan: "free", notes: "ligar", interests: ["bags"], city: "Recife" },
};

describe("the fields an update changes", () => {
  it("lists the values that differ, custom fields by key, and tags it adds", () => {
    expect(
      changedFields(stored, {
        name: "Maria",
        email,
        phone: "+5511912345678" as Phone,
        companyId: "co1",
        metadata: { ...stored.metadata, plan: "free", city: "Recife" },
        tagIds: ["t1", "t2"],
      }),
    ).toEqual(["name", "phone", "metadata.city", "metadata.plan", "tags"]);
  });

  it("lists a company and a removed custom field, and nothing for the same values", () => {
    expect(changedFields(stored, { companyId: "co2", metadata: { plan: "pro" }, tagIds: [] })).toEqual([
      "company",
      "metadata.interests",
      "metadata.notes",
    ]);
    expect(changedFields(stored, { name: "Bruno Lima", metadata: stored.metadata, tagIds: ["t1"] })).toEqual(
      [],
    );
  });
});

describe("filling a contact", () => {
  it("keeps only the values the contact lacks, and every tag", () => {
    expect(onlyMissingValues(stored, row)).toEqual({
      contactId: "c1",
      rowNumbers: [70],
      tagNames: ["lead"],
      metadata: { notes: "ligar", interests: ["bags"], city: "Recife" },
    });
  });

  it("fills an empty email, phone and company, and a name that is blank or only the phone", () => {
    const bare: Contact = { ...stored, name: " ", email: null, phone: null, company: null, metadata: {} };
    expect(onlyMissingValues(bare, row)).toEqual(row);
    const { phone: _, ...rest } = row;
    expect(onlyMissingValues({ ...bare, name: phone, phone }, row)).toEqual(rest);
    expect(onlyMissingValues({ ...bare, name: "Bruno", phone }, row)).not.toHaveProperty("name");
  });
});
