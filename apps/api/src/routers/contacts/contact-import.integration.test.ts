import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import {
  allPages,
  type ContactDto,
  countRows,
  createContact,
  createResource,
  type ImportDto,
  type ImportRowDto,
  mobile,
  waitForImport,
} from "./contact-fixtures";

const api = useTestApi();

async function startImport(token: string, csv: string, onDuplicate: "skip" | "update" = "skip") {
  const res = await api.rest<ImportDto>("POST", "/contacts/imports", { token, body: { csv, onDuplicate } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.status).toBe("queued");
  return res.body;
}

async function registerIn(locale: "pt-BR" | "en") {
  const owner = await api.register();
  const res = await api.rest("PATCH", "/organizations/current", { token: owner.token, body: { locale } });
  expect(res.status).toBe(200);
  return owner;
}

describe("CSV import", () => {
  // minutes on a busy machine with an embedded PGlite; seconds on an idle Postgres
  it("imports 10,000 rows in one go, with a per-row report", { timeout: 300_000 }, async () => {
    const owner = await api.register();
    const lines = ["name,email,phone,company,tags"];
    for (let n = 0; n < 10_000; n++) {
      lines.push(
        `Contact ${n},contact${n}@example.com,${mobile(n)},Company ${n % 10},${n % 2 ? "odd" : "even"};bulk`,
      );
    }
    const started = await startImport(owner.token, lines.join("\n"));
    const done = await waitForImport(api, owner.token, started.id, 280_000);
    expect(done).toMatchObject({
      status: "completed",
      total: 10_000,
      processed: 10_000,
      created: 10_000,
      updated: 0,
      skipped: 0,
      failed: 0,
      error: null,
    });
    expect(await countRows(api, "contacts", owner.organization.id)).toBe(10_000);
    expect(await countRows(api, "companies", owner.organization.id)).toBe(10);
    expect(await countRows(api, "tags", owner.organization.id)).toBe(3);
    expect(await countRows(api, "contact_tags", owner.organization.id)).toBe(20_000);

    const rows = await allPages<ImportRowDto>(
      api,
      owner.token,
      `/contacts/imports/${started.id}/rows?limit=100`,
    );
    expect(rows).toHaveLength(10_000);
    expect(rows.map((row) => row.rowNumber)).toEqual(Array.from({ length: 10_000 }, (_, i) => i + 1));
    expect(rows.every((row) => row.outcome === "created" && row.contactId !== null)).toBe(true);

    const last = rows.at(-1);
    const contact = await api.rest<ContactDto>("GET", `/contacts/${last?.contactId}`, { token: owner.token });
    expect(contact.body).toMatchObject({
      name: "Contact 9999",
      email: "contact9999@example.com",
      phone: mobile(9999),
      company: { name: "Company 9" },
    });
    expect(contact.body.tags.map((tag) => tag.name).sort()).toEqual(["bulk", "odd"]);
  });

  it("reports broken rows with their reason, writes nothing of them, and goes on with the rest; a bad optional value only warns", async () => {
    const owner = await api.register();
    await createResource(api, owner.token, "/custom-fields", {
      key: "plan",
      label: "Plan",
      type: "single_select",
      options: ["free", "pro"],
    });
    const csv = [
      "name,email,phone,plan,notes",
      "Ana,ana@example.com,(11) 98765-4321,pro,ignored column",
      "Bia,not-an-email,,free,",
      "Caio,caio@example.com,123,,",
      "Duda,duda@example.com,,gold,",
      "Edu,edu@example.com,,,,extra",
      ",nameless@example.com,,,",
      'Fabi "the" best,fabi@example.com,,,',
      "Gil,gil@example.com,,free,",
      'Hugo,"hugo@example.com,,,',
    ].join("\n");
    const started = await startImport(owner.token, csv);
    const done = await waitForImport(api, owner.token, started.id);
    expect(done).toMatchObject({
      status: "completed",
      total: 9,
      processed: 9,
      created: 4,
      failed: 5,
      skipped: 0,
      warned: 1,
      ignoredColumns: ["notes"],
    });

    const rows = await allPages<ImportRowDto>(api, owner.token, `/contacts/imports/${started.id}/rows`);
    const byRow = new Map(rows.map((row) => [row.rowNumber, row]));
    expect(byRow.get(1)?.outcome).toBe("created");
    expect(byRow.get(2)).toMatchObject({
      outcome: "error",
      reason: "email: Invalid email address",
      contactId: null,
    });
    expect(byRow.get(3)?.reason).toBe("phone: Invalid phone number");
    // an optional custom field that does not fit is left out, the rest of the row imported
    expect(byRow.get(4)).toMatchObject({
      outcome: "created",
      reason: null,
      reasons: [],
      warnings: [
        {
          field: "plan",
          reason: { code: "invalid_option", params: { field: "plan", value: "gold", options: "free, pro" } },
        },
      ],
    });
    expect(byRow.get(1)?.warnings).toEqual([]);
    const warned = await allPages<ImportRowDto>(
      api,
      owner.token,
      `/contacts/imports/${started.id}/rows?outcome=warned`,
    );
    expect(warned.map((row) => row.rowNumber)).toEqual([4]);
    expect(byRow.get(5)).toMatchObject({
      reason: "The row has 6 values but the header has 5 columns",
      reasons: [{ code: "row_too_long", params: { values: 6, columns: 5 } }],
    });
    expect(byRow.get(6)?.reason).toBe("name: A name is required to create a contact");
    expect(byRow.get(7)?.outcome).toBe("created");
    expect(byRow.get(8)?.outcome).toBe("created");
    expect(byRow.get(9)).toMatchObject({ outcome: "error", reason: expect.stringContaining("never closed") });

    const contacts = await allPages<ContactDto>(api, owner.token, "/contacts?sort=name");
    expect(contacts.map((c) => c.name)).toEqual(["Ana", "Duda", 'Fabi "the" best', "Gil"]);
    expect(contacts[0]).toMatchObject({ phone: "+5511987654321", metadata: { plan: "pro" } });
    expect(contacts[1]).toMatchObject({ email: "duda@example.com", metadata: {} });
    expect(await countRows(api, "contacts", owner.organization.id)).toBe(4);
  });

  it("reads a spreadsheet saved by Excel in Portuguese: its headers, dates and short rows", async () => {
    const owner = await registerIn("pt-BR");
    await createResource(api, owner.token, "/custom-fields", {
      key: "aniversario",
      label: "Aniversário",
      type: "date",
    });
    await createResource(api, owner.token, "/contacts", { name: "Já Existe", phone: mobile(41), tagIds: [] });
    const csv = [
      "Nome;E-mail;Telefone;Empresa;Etiquetas;ANIVERSARIO",
      `Ana;ana@example.com;${mobile(40)};Loja X;vip;31/12/1990`,
      "Curta;curta@x.com",
      `Bia;bia@example.com;;;;1/2/1985;`,
      "Caio;caio@example.com;;;;31/02/1990",
      `Duda;duda@example.com;${mobile(41)};;;`,
      "Edu;edu@example.com;;;;;;sobrando",
    ].join("\r\n");
    const started = await startImport(owner.token, csv);
    const done = await waitForImport(api, owner.token, started.id);
    expect(done).toMatchObject({
      status: "completed",
      total: 6,
      created: 4,
      skipped: 1,
      failed: 1,
      warned: 1,
    });

    const rows = await allPages<ImportRowDto>(api, owner.token, `/contacts/imports/${started.id}/rows`);
    expect(rows.map((row) => [row.rowNumber, row.outcome, row.reasons])).toEqual([
      [1, "created", []],
      [2, "created", []],
      [3, "created", []],
      [4, "created", []],
      [5, "skipped", [{ code: "duplicate", params: { by: "phone" } }]],
      [6, "error", [{ code: "row_too_long", params: { values: 8, columns: 6 } }]],
    ]);
    // a date not on the calendar is left out of the contact, not a reason to lose the row
    expect(rows[3]?.warnings).toEqual([
      {
        field: "aniversario",
        reason: {
          code: "impossible_date",
          params: { field: "aniversario", label: "Aniversário", value: "31/02/1990", order: "dmy" },
        },
      },
    ]);
    const contacts = await allPages<ContactDto>(api, owner.token, "/contacts?sort=name");
    expect(contacts.map((c) => [c.name, c.email, c.metadata])).toEqual([
      ["Ana", "ana@example.com", { aniversario: "1990-12-31" }],
      ["Bia", "bia@example.com", { aniversario: "1985-02-01" }],
      ["Caio", "caio@example.com", {}],
      ["Curta", "curta@x.com", {}],
      ["Já Existe", null, {}],
    ]);
    expect(contacts[0]).toMatchObject({ phone: mobile(40), company: { name: "Loja X" } });
  });

  it("reads slashed dates month first for an English organization", async () => {
    const owner = await registerIn("en");
    await createResource(api, owner.token, "/custom-fields", {
      key: "birthday",
      label: "Birthday",
      type: "date",
    });
    const csv = "name,birthday\nAna,12/31/1990\nBia,1990-01-02\nCaio,31/12/1990\nDuda,Dec 31\n";
    const done = await waitForImport(api, owner.token, (await startImport(owner.token, csv)).id);
    expect(done).toMatchObject({ created: 4, failed: 0, warned: 2 });
    const rows = await allPages<ImportRowDto>(api, owner.token, `/contacts/imports/${done.id}/rows`);
    expect(rows[2]).toMatchObject({
      outcome: "created",
      warnings: [{ reason: { code: "impossible_date", params: { order: "mdy", value: "31/12/1990" } } }],
    });
    expect(rows[3]).toMatchObject({
      warnings: [{ reason: { code: "invalid_date", params: { order: "mdy", value: "Dec 31" } } }],
    });
    const birthdays = await allPages<ContactDto>(api, owner.token, "/contacts?sort=name");
    expect(birthdays.map((c) => c.metadata)).toEqual([
      { birthday: "1990-12-31" },
      { birthday: "1990-01-02" },
      {},
      {},
    ]);
  });

  it("skips or updates duplicates by phone or email; a row repeating an earlier one is skipped", async () => {
    const owner = await api.register();
    const existing = await createContact(api, owner.token, {
      name: "Old Name",
      email: "ana@example.com",
      tagIds: [],
    });
    const csv = [
      "name,email,phone,tags",
      `Ana Silva,ANA@example.com,${mobile(1)},vip`,
      `Bruno,bruno@example.com,${mobile(2)},`,
      `Bruno Again,,${mobile(2)},lead`,
    ].join("\n");

    const skipped = await waitForImport(api, owner.token, (await startImport(owner.token, csv, "skip")).id);
    expect(skipped).toMatchObject({ created: 1, skipped: 2, unchanged: 0, updated: 0, failed: 0 });
    const untouched = await api.rest<ContactDto>("GET", `/contacts/${existing.id}`, { token: owner.token });
    expect(untouched.body).toMatchObject({ name: "Old Name", phone: null, tags: [] });

    const updated = await waitForImport(api, owner.token, (await startImport(owner.token, csv, "update")).id);
    // Bruno, as the first import created him, is unchanged; the row repeating him is not written
    expect(updated).toMatchObject({ created: 0, updated: 1, skipped: 1, unchanged: 1, failed: 0 });
    const rows = await allPages<ImportRowDto>(api, owner.token, `/contacts/imports/${updated.id}/rows`);
    expect(rows.map((row) => [row.outcome, row.reasons])).toEqual([
      ["updated", [{ code: "changed_fields", params: { fields: "name,phone,tags" } }]],
      ["unchanged", [{ code: "unchanged", params: {} }]],
      ["skipped", [{ code: "duplicate_in_file", params: { row: 2, by: "phone" } }]],
    ]);
    const ana = await api.rest<ContactDto>("GET", `/contacts/${existing.id}`, { token: owner.token });
    expect(ana.body).toMatchObject({ name: "Ana Silva", email: "ana@example.com", phone: mobile(1) });
    expect(ana.body.tags.map((tag) => tag.name)).toEqual(["vip"]);
    const brunos = await allPages<ContactDto>(
      api,
      owner.token,
      `/contacts?search=${encodeURIComponent(mobile(2))}`,
    );
    expect(brunos).toHaveLength(1);
    expect(brunos[0]).toMatchObject({ name: "Bruno", email: "bruno@example.com", tags: [] });
  });

  it("finds the contact an id column names; an id of no contact of the organization is matched by phone and email", async () => {
    const owner = await api.register();
    const token = owner.token;
    const quiet = await createContact(api, token, { name: "No Phone Nor Email" });
    const ana = await createContact(api, token, { name: "Ana", email: "ana@example.com" });
    const stranger = await api.register();
    const theirs = await createContact(api, stranger.token, { name: "Theirs", phone: mobile(9) });
    const csv = [
      "id,name,email,phone",
      `${quiet.id.toUpperCase()},Renamed Quietly,,`,
      `${theirs.id},Theirs Here,,${mobile(9)}`,
      "00000000-0000-4000-8000-000000000000,Ana Again,ana@example.com,",
      `${quiet.id},Clash,ana@example.com,`,
      "not-an-id,Nobody,,",
    ].join("\n");

    const skipped = await waitForImport(api, token, (await startImport(token, csv, "skip")).id);
    expect(skipped).toMatchObject({ created: 2, updated: 0, skipped: 2, failed: 1 });
    const rows = await allPages<ImportRowDto>(api, token, `/contacts/imports/${skipped.id}/rows`);
    expect(rows.map((row) => [row.outcome, row.reasons[0]?.code ?? null, row.reasons[0]?.params])).toEqual([
      ["skipped", "duplicate", { by: "id" }],
      ["created", null, undefined],
      ["skipped", "duplicate", { by: "email" }],
      ["error", "id_conflict", { by: "email", contactId: ana.id }],
      ["created", null, undefined],
    ]);
    // the other organization's contact is untouched: the row made a contact of this organization
    const theirsNow = await api.rest<ContactDto>("GET", `/contacts/${theirs.id}`, { token: stranger.token });
    expect(theirsNow.body.name).toBe("Theirs");

    // "Theirs Here" is found again by its phone, and already as the row says: counted as unchanged, not as
    // skipped; "Nobody", with neither nor an id, is created again
    const updated = await waitForImport(api, token, (await startImport(token, csv, "update")).id);
    // the "Clash" row names the contact the first row renamed: it repeats that row and is not written
    expect(updated).toMatchObject({ created: 1, updated: 2, skipped: 1, unchanged: 1, failed: 0 });
    const updatedRows = await allPages<ImportRowDto>(api, token, `/contacts/imports/${updated.id}/rows`);
    expect(updatedRows.map((row) => [row.outcome, row.reasons[0]?.code ?? null])).toEqual([
      ["updated", "changed_fields"],
      ["unchanged", "unchanged"],
      ["updated", "changed_fields"],
      ["skipped", "duplicate_in_file"],
      ["created", null],
    ]);
    const quietNow = await api.rest<ContactDto>("GET", `/contacts/${quiet.id}`, { token });
    expect(quietNow.body).toMatchObject({ name: "Renamed Quietly", email: null, phone: null });
    const anaNow = await api.rest<ContactDto>("GET", `/contacts/${ana.id}`, { token });
    expect(anaNow.body.name).toBe("Ana Again");
    expect(await countRows(api, "contacts", owner.organization.id)).toBe(5);
  });

  it("fails an import whose header names no known column, and refuses an empty file", async () => {
    const owner = await api.register();
    const started = await startImport(owner.token, "first,second\na,b\n");
    const done = await waitForImport(api, owner.token, started.id);
    expect(done.status).toBe("failed");
    expect(done.error).toMatch(/header/);
    expect(done.errorReason).toEqual({ code: "no_known_columns", params: {} });
    expect(await countRows(api, "contacts", owner.organization.id)).toBe(0);

    const twice = await startImport(owner.token, "Nome;Telefone;Celular\nAna;11987654321;11987654322\n");
    expect(await waitForImport(api, owner.token, twice.id)).toMatchObject({
      status: "failed",
      error: 'The columns "Telefone" and "Celular" are the same column',
      errorReason: { code: "same_column", params: { first: "Telefone", second: "Celular" } },
    });

    const empty = await api.rest<{ data: { fieldErrors: Record<string, string[]> } }>(
      "POST",
      "/contacts/imports",
      {
        token: owner.token,
        body: { csv: "  \n" },
      },
    );
    expect(empty.status).toBe(400);
    expect(empty.body.data.fieldErrors).toEqual({ csv: ["The CSV is empty"] });
  });

  it("running the job again changes nothing: a finished import is not imported twice", async () => {
    const owner = await api.register();
    const started = await startImport(owner.token, `name,phone\nAna,${mobile(7)}\nBia,${mobile(8)}\n`);
    await waitForImport(api, owner.token, started.id);
    await api.container.queue.enqueue("contacts-import", { importId: started.id });
    await api.container.queue.enqueue("contacts-import", { importId: started.id });
    const again = await waitForImport(api, owner.token, started.id);
    expect(again).toMatchObject({ status: "completed", processed: 2, created: 2 });
    expect(await countRows(api, "contacts", owner.organization.id)).toBe(2);
  });

  it("the sweep job resumes an import whose job was lost", async () => {
    const owner = await api.register();
    // as the API leaves it, with its job lost (Redis emptied, the worker died) two minutes and more ago
    const lost = await api.container.db.db
      .insertInto("contact_imports")
      .values({
        organization_id: owner.organization.id,
        on_duplicate: "skip",
        csv: `name,phone\nAna,${mobile(21)}\nBia,${mobile(22)}\n`,
        updated_at: new Date(Date.now() - 10 * 60_000),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await api.container.queue.enqueue("contacts-import-sweep", {});
    const done = await waitForImport(api, owner.token, lost.id);
    expect(done).toMatchObject({ status: "completed", processed: 2, created: 2 });
    expect(await countRows(api, "contacts", owner.organization.id)).toBe(2);
  });

  it("a viewer cannot import; another organization's import answers 404", async () => {
    const owner = await api.register();
    const viewer = await api.member(owner.token, "viewer");
    const refused = await api.rest("POST", "/contacts/imports", {
      token: viewer.token,
      body: { csv: "name\nAna\n" },
    });
    expect(refused.status).toBe(403);
    const started = await startImport(owner.token, "name\nAna\n");
    const stranger = await api.register();
    expect((await api.rest("GET", `/contacts/imports/${started.id}`, { token: stranger.token })).status).toBe(
      404,
    );
    expect(
      (await api.rest("GET", `/contacts/imports/${started.id}/rows`, { token: stranger.token })).status,
    ).toBe(404);
  });
});
