import { describe, expect, it } from "vitest";
import type { Email } from "../shared/email";
import type { Phone } from "../shared/phone";
import { mergeContactFields } from "./merge";
import type { Contact } from "./model";

type Fields = Pick<Contact, "email" | "phone" | "company" | "metadata">;
const contact = (fields: Partial<Fields>): Fields => ({
  email: null,
  phone: null,
  company: null,
  metadata: {},
  ...fields,
});

describe("merging two contacts' fields", () => {
  it("keeps the survivor's values and fills its empty email, phone and company from the source", () => {
    const { patch, filled } = mergeContactFields(
      contact({ email: "ana@example.com" as Email }),
      contact({
        email: "ana.silva@example.com" as Email,
        phone: "+5511987654321" as Phone,
        company: { id: "c1", name: "Loja" },
      }),
    );
    expect(patch).toEqual({ metadata: {}, phone: "+5511987654321", companyId: "c1" });
    expect(filled).toEqual(["phone", "companyId"]);
  });

  it("unites custom field values, the survivor's winning on a shared key", () => {
    const { patch } = mergeContactFields(
      contact({ metadata: { plan: "pro", vip: true } }),
      contact({ metadata: { plan: "free", birthday: "1990-01-01" } }),
    );
    expect(patch.metadata).toEqual({ plan: "pro", vip: true, birthday: "1990-01-01" });
  });

  it("changes nothing but metadata when the survivor has everything", () => {
    const full = contact({
      email: "a@example.com" as Email,
      phone: "+5511987654321" as Phone,
      company: { id: "c1", name: "Loja" },
    });
    expect(mergeContactFields(full, contact({ email: "b@example.com" as Email }))).toEqual({
      patch: { metadata: {} },
      filled: [],
    });
  });
});
