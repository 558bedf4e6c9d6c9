import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { createContact, createResource } from "./contact-fixtures";

const api = useTestApi();

const exportCsv = (token: string | undefined, query = "") =>
  fetch(`${api.baseUrl}/api/v1/contacts/export.csv${query}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

describe("CSV export", () => {
  it("streams the filtered list as CSV with the import's columns, custom fields included", async () => {
    const owner = await api.register();
    await createResource(api, owner.token, "/custom-fields", {
      key: "interests",
      label: "Interests",
      type: "multi_select",
      options: ["shoes", "bags"],
    });
    const vip = await createResource(api, owner.token, "/tags", { name: "vip" });
    const company = await createResource(api, owner.token, "/companies", { name: "Padaria, Pão & Cia" });
    const ana = await createContact(api, owner.token, {
      name: 'Ana "Aninha" Souza',
      email: "ana@example.com",
      phone: "(11) 98765-4321",
      companyId: company.id,
      tagIds: [vip.id],
      metadata: { interests: ["shoes", "bags"] },
    });
    await createContact(api, owner.token, { name: '=HYPERLINK("http://evil")', email: "evil@example.com" });
    await createContact(api, owner.token, { name: "No Email" });

    const res = await exportCsv(owner.token, "?hasEmail=true&sort=name");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const text = await res.text();
    const rows = parse(text, { bom: true }) as string[][];
    expect(rows[0]).toEqual(["id", "name", "email", "phone", "company", "tags", "created_at", "interests"]);
    expect(rows.slice(1)).toEqual([
      [
        expect.any(String),
        `'=HYPERLINK("http://evil")`,
        "evil@example.com",
        "",
        "",
        "",
        expect.any(String),
        "",
      ],
      [
        ana.id,
        'Ana "Aninha" Souza',
        "ana@example.com",
        "+5511987654321",
        "Padaria, Pão & Cia",
        "vip",
        ana.createdAt,
        "shoes;bags",
      ],
    ]);
  });

  it("leaves no formula after a ';' for a spreadsheet that splits the file on ';'", async () => {
    const owner = await api.register();
    const vip = await createResource(api, owner.token, "/tags", { name: "vip" });
    const evil = await createResource(api, owner.token, "/tags", { name: '=HYPERLINK("http://evil")' });
    await createContact(api, owner.token, {
      name: "Inj;=cmd|' /C calc'!A0;x",
      phone: "+5511987654321",
      tagIds: [vip.id, evil.id],
    });

    const text = await (await exportCsv(owner.token)).text();
    const [, row] = parse(text, { bom: true }) as string[][];
    expect(row?.[1]).toBe("Inj;'=cmd|' /C calc'!A0;x");
    expect(row?.[3]).toBe("+5511987654321");
    expect(row?.[5]?.split(";").sort()).toEqual([`'=HYPERLINK("http://evil")`, "vip"]);
    const pieces = text.split(/[\r\n;]+/).map((piece) => piece.replace(/^"/, ""));
    expect(pieces.filter((piece) => /^[=+\-@\t]/.test(piece))).toEqual([]);
    expect(text).toContain(`"Inj;'=cmd|' /C calc'!A0;x"`);
  });

  it("walks past one page of the list", async () => {
    const owner = await api.register();
    await api.container.db.db
      .insertInto("contacts")
      .values(
        Array.from({ length: 105 }, (_, i) => ({
          organization_id: owner.organization.id,
          name: `Bulk ${i}`,
        })),
      )
      .execute();
    const rows = parse(await (await exportCsv(owner.token)).text(), { bom: true }) as string[][];
    expect(rows).toHaveLength(106);
    expect(new Set(rows.slice(1).map((row) => row[0])).size).toBe(105);
  });

  it("answers 401 without a token, 400 for a bad filter, and only shows the caller's organization", async () => {
    const owner = await api.register();
    const stranger = await api.register();
    await createContact(api, stranger.token, { name: "Not yours" });
    expect((await exportCsv(undefined)).status).toBe(401);
    const bad = await exportCsv(owner.token, "?hasPhone=maybe");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ data: { fieldErrors: { hasPhone: expect.any(Array) } } });
    const unknownField = await exportCsv(owner.token, "?field=nope&value=1");
    expect(unknownField.status).toBe(400);
    const viewer = await api.member(owner.token, "viewer");
    const rows = parse(await (await exportCsv(viewer.token)).text(), { bom: true }) as string[][];
    expect(rows).toHaveLength(1);
  });
});
