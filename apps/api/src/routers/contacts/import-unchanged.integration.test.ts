import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import {
  allPages,
  type ContactDto,
  createContact,
  createResource,
  type ErrorDto,
  type ImportDto,
  type ImportRowDto,
  type PageDto,
  waitForImport,
} from "./contact-fixtures";

const api = useTestApi();

async function registerInEnglish() {
  const owner = await api.register();
  const res = await api.rest("PATCH", "/organizations/current", {
    token: owner.token,
    body: { locale: "en" },
  });
  expect(res.status).toBe(200);
  return owner;
}

async function runImport(token: string, csv: string, onDuplicate: "skip" | "update") {
  const started = await api.rest<ImportDto>("POST", "/contacts/imports", {
    token,
    body: { csv, onDuplicate },
  });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  return waitForImport(api, token, started.body.id);
}

async function exportCsv(token: string) {
  const res = await fetch(`${api.baseUrl}/api/v1/contacts/export.csv`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return (await res.text()).replace(/^\uFEFF/, "");
}

type Stored = ContactDto & { updatedAt: string };

describe("importing back an unchanged export in update mode", () => {
  it("reports the rows that change nothing as unchanged: nothing written, no event; a changed row updates", async () => {
    const owner = await registerInEnglish();
    const { token } = owner;
    await createResource(api, token, "/custom-fields", {
      key: "interests",
      label: "Interests",
      type: "multi_select",
      options: ["shoes", "bags"],
    });
    await createResource(api, token, "/custom-fields", { key: "revenue", label: "Revenue", type: "number" });
    const vip = await createResource(api, token, "/tags", { name: "vip" });
    const lead = await createResource(api, token, "/tags", { name: "lead" });
    const company = await createResource(api, token, "/companies", { name: "Padaria, Pão & Cia" });
    await createContact(api, token, {
      name: "Ana Souza",
      email: "ana@example.com",
      phone: "+5511987654321",
      companyId: company.id,
      tagIds: [vip.id, lead.id],
      metadata: { interests: ["bags", "shoes"], revenue: 1234.5 },
    });
    await createContact(api, token, { name: "Bruno", email: "bruno@example.com" });
    await createContact(api, token, { name: "No Email Nor Phone", metadata: { revenue: -0.5 } });
    const carla = await createContact(api, token, { name: "Carla", phone: "+5521998765432" });

    const list = async () => allPages<Stored>(api, token, "/contacts?sort=name&limit=100");
    const before = await list();
    const csv = await exportCsv(token);
    expect(csv).toContain("Carla");

    const events: Array<{ type: string; payload: unknown }> = [];
    const stop = api.container.events.subscribe((event) => {
      if (event.organizationId === owner.organization.id)
        events.push({ type: event.type, payload: event.payload });
    });
    try {
      const done = await runImport(token, csv.replace("Carla", "Carla Dias"), "update");
      expect(done).toMatchObject({
        status: "completed",
        processed: 4,
        created: 0,
        updated: 1,
        skipped: 0,
        unchanged: 3,
        failed: 0,
      });

      const rows = await allPages<ImportRowDto>(api, token, `/contacts/imports/${done.id}/rows`);
      const carlaRow = rows.find((row) => row.contactId === carla.id);
      expect(carlaRow).toMatchObject({
        outcome: "updated",
        reason: "Changed: name",
        reasons: [{ code: "changed_fields", params: { fields: "name" } }],
      });
      const others = rows.filter((row) => row !== carlaRow);
      expect(others).toHaveLength(3);
      for (const row of others) {
        expect(row).toMatchObject({ outcome: "unchanged", reasons: [{ code: "unchanged", params: {} }] });
        expect(row.reason).toBe("The matching contact already has the row's values: nothing to update");
      }

      const after = await list();
      for (const contact of before) {
        const now = after.find((found) => found.id === contact.id);
        if (contact.id === carla.id) {
          expect(now?.name).toBe("Carla Dias");
          expect(now?.updatedAt).not.toBe(contact.updatedAt);
        } else expect(now, contact.name).toEqual(contact);
      }
      // the changed contact's event arrives; by then every event the import published has
      await expect
        .poll(() => events.filter((event) => event.type === "contact_updated").length, { timeout: 10_000 })
        .toBeGreaterThan(0);
      expect(
        events.filter((event) => event.type === "contact_updated").map((event) => event.payload),
      ).toEqual([{ contactId: carla.id, change: "updated" }]);
    } finally {
      stop();
    }

    // the file as it now is, once more: every row as its contact already is
    const settled = await list();
    const again = await runImport(token, await exportCsv(token), "update");
    expect(again).toMatchObject({
      status: "completed",
      created: 0,
      updated: 0,
      skipped: 0,
      unchanged: 4,
      failed: 0,
    });
    expect(await list()).toEqual(settled);
  });
});

describe("an import's summary", () => {
  it("counts the rows that matched a contact already holding their values as unchanged, not as skipped", async () => {
    const owner = await registerInEnglish();
    const { token } = owner;
    await createContact(api, token, { name: "Ana", email: "ana@example.com" });
    await createContact(api, token, { name: "Bruno", email: "bruno@example.com" });
    await createContact(api, token, { name: "Carla", email: "carla@example.com" });
    const csv = [
      "name,email",
      "Ana,ana@example.com",
      "Bruno,bruno@example.com",
      "Carla Dias,carla@example.com",
      "Davi,davi@example.com",
      "Elisa,not-an-email",
    ].join("\n");

    const updated = await runImport(token, csv, "update");
    const counts = { processed: 5, created: 1, updated: 1, skipped: 0, unchanged: 2, failed: 1 };
    expect(updated).toMatchObject({ status: "completed", ...counts });
    // the list of imports reads the same counts
    const listed = await api.rest<PageDto<ImportDto>>("GET", "/contacts/imports", { token });
    expect(listed.body.items.find((item) => item.id === updated.id)).toMatchObject(counts);

    // the same file skipping duplicates: every matched row is skipped, whatever its values
    const skipped = await runImport(token, csv, "skip");
    expect(skipped).toMatchObject({ created: 0, updated: 0, skipped: 4, unchanged: 0, failed: 1 });
  });
});

describe("an import's rows filtered by outcome", () => {
  it("lists only the rows of that outcome, in file order, page by page; failed is error's other name", async () => {
    const owner = await registerInEnglish();
    const { token } = owner;
    await createContact(api, token, { name: "Existing", email: "existing@example.com" });
    const lines = ["name,email"];
    for (let n = 1; n <= 7; n++) {
      if (n % 3 === 0) lines.push(`Bad ${n},not-an-email`);
      else lines.push(`Person ${n},person${n}@example.com`);
    }
    lines.push("Existing,existing@example.com");
    const done = await runImport(token, lines.join("\n"), "skip");
    expect(done).toMatchObject({ created: 5, skipped: 1, unchanged: 0, failed: 2 });
    const rowsOf = (query: string) =>
      allPages<ImportRowDto>(api, token, `/contacts/imports/${done.id}/rows?limit=2${query}`);

    const all = await rowsOf("");
    expect(all).toHaveLength(8);
    for (const outcome of ["created", "updated", "skipped", "error"] as const) {
      const expected = all.filter((row) => row.outcome === outcome);
      expect(await rowsOf(`&outcome=${outcome}`), outcome).toEqual(expected);
    }
    const failed = await rowsOf("&outcome=failed");
    expect(failed.map((row) => row.rowNumber)).toEqual([3, 6]);
    expect(failed.every((row) => row.outcome === "error")).toBe(true);

    const unknown = await api.rest<ErrorDto>("GET", `/contacts/imports/${done.id}/rows?outcome=broken`, {
      token,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.data.fieldErrors).toHaveProperty("outcome");

    // over tRPC too
    const page = await api.trpc(token).contacts.importRows.query({ id: done.id, outcome: "failed" });
    expect((page as PageDto<ImportRowDto>).items.map((row) => row.rowNumber)).toEqual([3, 6]);
  });
});

describe("an import's rows filtered as unchanged", () => {
  it("lists the rows that changed nothing under unchanged, apart from the duplicates skipped", async () => {
    const owner = await registerInEnglish();
    const { token } = owner;
    await createContact(api, token, { name: "Ana", email: "ana@example.com" });
    await createContact(api, token, { name: "Bruno", email: "bruno@example.com" });
    const csv = [
      "name,email",
      "Ana,ana@example.com",
      "Bruno Dias,bruno@example.com",
      "Carla,carla@example.com",
    ];
    const rowsOf = (importId: string, outcome: string) =>
      allPages<ImportRowDto>(api, token, `/contacts/imports/${importId}/rows?outcome=${outcome}`);

    const updating = await runImport(token, csv.join("\n"), "update");
    expect(updating).toMatchObject({ created: 1, updated: 1, skipped: 0, unchanged: 1, failed: 0 });
    expect(await rowsOf(updating.id, "unchanged")).toEqual([
      {
        rowNumber: 1,
        outcome: "unchanged",
        reason: "The matching contact already has the row's values: nothing to update",
        reasons: [{ code: "unchanged", params: {} }],
        warnings: [],
        contactId: expect.any(String),
      },
    ]);
    expect(await rowsOf(updating.id, "skipped")).toEqual([]);

    // the same file skipping duplicates (every row's contact exists now): all skipped, none unchanged
    const skipping = await runImport(token, csv.join("\n"), "skip");
    expect((await rowsOf(skipping.id, "skipped")).map((row) => row.rowNumber)).toEqual([1, 2, 3]);
    expect(await rowsOf(skipping.id, "unchanged")).toEqual([]);

    // over tRPC too
    const page = await api.trpc(token).contacts.importRows.query({ id: updating.id, outcome: "unchanged" });
    expect((page as PageDto<ImportRowDto>).items.map((row) => [row.rowNumber, row.outcome])).toEqual([
      [1, "unchanged"],
    ]);
  });

  it("is a value of the outcome query parameter in /openapi.json", async () => {
    const doc = (await (await fetch(`${api.baseUrl}/openapi.json`)).json()) as {
      paths: Record<
        string,
        { get?: { parameters?: Array<{ name: string; in: string; schema?: { enum?: string[] } }> } }
      >;
    };
    const outcome = doc.paths["/contacts/imports/{id}/rows"]?.get?.parameters?.find(
      (parameter) => parameter.in === "query" && parameter.name === "outcome",
    );
    expect(outcome?.schema?.enum).toContain("unchanged");
  });
});
