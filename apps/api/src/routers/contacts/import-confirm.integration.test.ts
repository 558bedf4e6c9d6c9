import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import {
  allPages,
  countRows,
  createContact,
  type ErrorDto,
  type ImportDto,
  type ImportRowDto,
  mobile,
  waitForImport,
} from "./contact-fixtures";

const api = useTestApi();

type Import = ImportDto & { onDuplicate: string; dryRun: boolean; confirmedImportId: string | null };
type Refusal = ErrorDto & { data: { fieldReasons?: Record<string, string> } };

async function startPreview(token: string, csv: string, onDuplicate = "skip"): Promise<Import> {
  const res = await api.rest<Import>("POST", "/contacts/imports", {
    token,
    body: { csv, onDuplicate, dryRun: true },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function finishedPreview(token: string, csv: string, onDuplicate = "skip"): Promise<Import> {
  const started = await startPreview(token, csv, onDuplicate);
  return (await waitForImport(api, token, started.id)) as Import;
}

const confirm = (token: string, id: string, body: Record<string, unknown> = {}) =>
  api.rest<Import | Refusal>("POST", `/contacts/imports/${id}/confirm`, { token, body });

/** An import row written straight to the database: one whose job never ran or whose file is gone. */
async function storedImport(
  organizationId: string,
  values: { status: "queued" | "completed"; csv: string | null; dry_run: boolean },
) {
  return api.container.db.db
    .insertInto("contact_imports")
    .values({ organization_id: organizationId, on_duplicate: "skip", ...values })
    .returning("id")
    .executeTakeFirstOrThrow();
}

const rowsOf = async (token: string, id: string) =>
  (await allPages<ImportRowDto>(api, token, `/contacts/imports/${id}/rows`)).map((row) => [
    row.rowNumber,
    row.outcome,
    row.reasons.map((reason) => reason.code),
  ]);

describe("confirming a contacts import preview", () => {
  it("over REST, imports the preview's file with its mode without sending it again, once", async () => {
    const owner = await api.register();
    const { token } = owner;
    await createContact(api, token, { name: "Bruno", phone: mobile(1) });
    const csv = ["name,phone", `Ana,${mobile(2)}`, `Bruno Lima,${mobile(1)}`, ",,"].join("\n");
    const preview = await finishedPreview(token, csv, "update");
    expect(preview).toMatchObject({ status: "completed", created: 1, updated: 1, confirmedImportId: null });

    const confirmed = await confirm(token, preview.id);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(201);
    const started = confirmed.body as Import;
    expect(confirmed.headers.get("location")).toBe(`/api/v1/contacts/imports/${started.id}`);
    expect(started).toMatchObject({ dryRun: false, onDuplicate: "update", confirmedImportId: null });
    const done = await waitForImport(api, token, started.id);
    expect(done).toMatchObject({ status: "completed", processed: 3, created: 1, updated: 1, failed: 1 });
    expect(await rowsOf(token, done.id)).toEqual(await rowsOf(token, preview.id));
    const names = await allPages<{ name: string }>(api, token, "/contacts?sort=name");
    expect(names.map((contact) => contact.name)).toEqual(["Ana", "Bruno Lima"]);

    const after = await api.rest<Import>("GET", `/contacts/imports/${preview.id}`, { token });
    expect(after.body).toMatchObject({ dryRun: true, confirmedImportId: started.id });
    const again = await confirm(token, preview.id);
    expect(again.status).toBe(409);
    expect((again.body as Refusal).data).toMatchObject({
      appCode: "CONFLICT",
      existingId: started.id,
      fieldReasons: { id: "already_confirmed" },
    });
    expect(await countRows(api, "contacts", owner.organization.id)).toBe(2);
  });

  it("over tRPC, takes another mode for the import than the preview's", async () => {
    const owner = await api.register();
    const trpc = api.trpc(owner.token);
    await createContact(api, owner.token, { name: "Bruno", phone: mobile(3) });
    const preview = await finishedPreview(owner.token, `name,phone\nBruno Lima,${mobile(3)}\n`);
    expect(preview).toMatchObject({ skipped: 1, updated: 0 });
    const started = await trpc.contacts.confirmImport.mutate({ id: preview.id, onDuplicate: "update" });
    expect(started).toMatchObject({ dryRun: false, onDuplicate: "update" });
    expect(await waitForImport(api, owner.token, started.id)).toMatchObject({ updated: 1, skipped: 0 });
    await expect(trpc.contacts.confirmImport.mutate({ id: preview.id })).rejects.toSatisfy(
      (error) => error instanceof TRPCClientError && error.data?.httpStatus === 409,
    );
  });

  it("refuses, saying why, a preview not finished, failed, without its file, and an import that is no preview", async () => {
    const owner = await api.register();
    const { token } = owner;
    const organizationId = owner.organization.id;
    const queued = await storedImport(organizationId, {
      status: "queued",
      csv: "name\nAna\n",
      dry_run: true,
    });
    const gone = await storedImport(organizationId, { status: "completed", csv: null, dry_run: true });
    const failed = await finishedPreview(token, "foo,bar\n1,2\n");
    expect(failed.status).toBe("failed");
    const real = await api.rest<Import>("POST", "/contacts/imports", { token, body: { csv: "name\nAna\n" } });
    await waitForImport(api, token, real.body.id);

    for (const [id, reason] of [
      [queued.id, "preview_not_finished"],
      [failed.id, "preview_failed"],
      [gone.id, "preview_file_gone"],
      [real.body.id, "not_a_preview"],
    ] as const) {
      const refused = await confirm(token, id);
      expect(refused.status, reason).toBe(412);
      expect((refused.body as Refusal).data, reason).toMatchObject({
        appCode: "PRECONDITION_FAILED",
        fieldReasons: { id: reason },
      });
    }
    const imports = await allPages<Import>(api, token, "/contacts/imports");
    expect(imports).toHaveLength(4);
    expect(await countRows(api, "contacts", organizationId)).toBe(1);
  });

  it("answers 404 to another organization and 403 to a viewer", async () => {
    const owner = await api.register();
    const preview = await finishedPreview(owner.token, "name\nAna\n");
    const stranger = await api.register();
    const viewer = await api.member(owner.token, "viewer");
    expect((await confirm(stranger.token, preview.id)).status).toBe(404);
    expect((await confirm(viewer.token, preview.id)).status).toBe(403);
    const after = await api.rest<Import>("GET", `/contacts/imports/${preview.id}`, { token: owner.token });
    expect(after.body.confirmedImportId).toBeNull();
    expect((await confirm(owner.token, preview.id)).status).toBe(201);
  });

  it("reports a row with the wrong number of values as that row's error, and imports the other", async () => {
    const owner = await api.register();
    const { token } = owner;
    for (const csv of [
      "name,email\nAna,ana@example.com,sobrando\nBia,bia@example.com",
      // a header ending in CRLF and rows in LF: each line is still a row
      "name,email\r\nAna,ana@example.com,sobrando\nBia,bia@example.com\n",
    ]) {
      const preview = await finishedPreview(token, csv, "update");
      expect(preview).toMatchObject({ status: "completed", errorReason: null, total: 2, failed: 1 });
      const rows = await allPages<ImportRowDto>(api, token, `/contacts/imports/${preview.id}/rows`);
      expect(rows.map((row) => [row.rowNumber, row.outcome, row.reasons])).toEqual([
        [1, "error", [{ code: "row_too_long", params: { values: 3, columns: 2 } }]],
        [2, "created", []],
      ]);
      expect(rows[0]?.reason).toBe("The row has 3 values but the header has 2 columns");
    }
  });
});
