import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readEnv } from "@crm/db/cli/env";
import { createContactsStore } from "@crm/db/contacts/contacts-store";
import { createRetentionRepository } from "@crm/db/conversations/retention-repository";
import { type Actor, type ContactsDeps, confirmContactImport } from "@crm/domain";
import { createMediaStorage } from "@crm/worker/jobs/conversations/ingestion-deps";
import { retentionJob } from "@crm/worker/jobs/conversations/retention";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { allPages, type ImportDto, type ImportRowDto, mobile, waitForImport } from "./contact-fixtures";

/* The daily retention job's clean-up of contact import previews, against the real database and a DATA_DIR. */

const api = useTestApi();
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "crm-import-retention-"));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

type Import = ImportDto & { dryRun: boolean; confirmedImportId: string | null };

const dayMs = 24 * 60 * 60 * 1000;
const retentionDays = 7;

/** Runs the retention job as the worker does, its import previews' clock `days` ahead of now. */
async function runRetention(days: number) {
  const reports: object[] = [];
  const db = api.container.db.db;
  await retentionJob({
    retention: createRetentionRepository(db),
    clock: { now: () => new Date() },
    files: createMediaStorage(dataDir),
    logger: { debug() {}, info: (report) => reports.push(report), warn() {}, error() {} },
    importPreviews: {
      imports: createContactsStore(db).imports,
      clock: { now: () => new Date(Date.now() + days * dayMs) },
      retentionDays,
    },
  });
  return reports[0];
}

async function finishedImport(token: string, csv: string, dryRun: boolean): Promise<Import> {
  const res = await api.rest<Import>("POST", "/contacts/imports", { token, body: { csv, dryRun } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return (await waitForImport(api, token, res.body.id)) as Import;
}

const confirm = (token: string, id: string) =>
  api.rest<Import>("POST", `/contacts/imports/${id}/confirm`, { token, body: {} });

/** What the database keeps of an import: its row and file, its rows' and batches' count. */
async function stored(id: string) {
  const db = api.container.db.db;
  const row = await db.selectFrom("contact_imports").select("csv").where("id", "=", id).executeTakeFirst();
  const count = async (table: "contact_import_rows" | "contact_import_preview_batches") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .where("import_id", "=", id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { exists: row !== undefined, csv: row?.csv ?? null, rows: await count("contact_import_rows") };
}

const csvOf = (first: number) =>
  ["name,phone", `Ana ${first},${mobile(first)}`, `Bruno ${first},${mobile(first + 1)}`, ",,"].join("\n");

const rowsOf = async (token: string, id: string) =>
  (await allPages<ImportRowDto>(api, token, `/contacts/imports/${id}/rows`)).map((row) => row.outcome);

describe("the retention of contact import previews", () => {
  it("deletes a preview never confirmed, with its file and rows, once its retention has passed", async () => {
    const { token } = await api.register();
    const preview = await finishedImport(token, csvOf(10), true);
    // a file error fails the preview: it can never be confirmed
    const failed = await finishedImport(token, "name,telefone,celular\nAna,1,2", true);
    expect(failed.status).toBe("failed");
    expect(await stored(preview.id)).toEqual({ exists: true, csv: csvOf(10), rows: 3 });

    // within its retention: kept, and still confirmable
    expect(await runRetention(retentionDays - 1)).toMatchObject({ importPreviewsDeleted: 0 });
    expect(await stored(preview.id)).toEqual({ exists: true, csv: csvOf(10), rows: 3 });

    expect(await runRetention(retentionDays + 1)).toMatchObject({ importPreviewsDeleted: 2 });
    expect(await stored(preview.id)).toEqual({ exists: false, csv: null, rows: 0 });
    expect(await stored(failed.id)).toMatchObject({ exists: false });
    const batches = await api.container.db.db
      .selectFrom("contact_import_preview_batches")
      .select("import_id")
      .where("import_id", "in", [preview.id, failed.id])
      .execute();
    expect(batches).toEqual([]);

    // the pages of a deleted preview answer 404, and the list no longer shows it
    for (const path of [`/contacts/imports/${preview.id}`, `/contacts/imports/${preview.id}/rows`]) {
      expect((await api.rest("GET", path, { token })).status, path).toBe(404);
    }
    expect((await confirm(token, preview.id)).status).toBe(404);
    const listed = await allPages<Import>(api, token, "/contacts/imports");
    expect(listed.map((item) => item.id)).not.toContain(preview.id);
    expect(listed.map((item) => item.id)).not.toContain(failed.id);
  });

  it("keeps confirmed previews and finished imports with their rows, their files already dropped", async () => {
    const { token } = await api.register();
    const preview = await finishedImport(token, csvOf(20), true);
    const confirmed = await confirm(token, preview.id);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(201);
    const fromPreview = await waitForImport(api, token, confirmed.body.id);
    const direct = await finishedImport(token, csvOf(30), false);
    expect([fromPreview.status, direct.status]).toEqual(["completed", "completed"]);

    await runRetention(retentionDays * 10);

    for (const id of [preview.id, fromPreview.id, direct.id]) {
      expect(await stored(id), id).toEqual({ exists: true, csv: null, rows: 3 });
      expect(await rowsOf(token, id)).toEqual(["created", "created", "error"]);
    }
    const after = await api.rest<Import>("GET", `/contacts/imports/${preview.id}`, { token });
    expect(after.body).toMatchObject({ status: "completed", confirmedImportId: fromPreview.id });
  });

  // PGlite has one connection: the held confirmation would keep the sweep waiting behind it for ever
  it.skipIf(!readEnv().databaseUrl)(
    "leaves alone a preview being confirmed while it runs, which is then confirmed (Postgres)",
    async () => {
      const owner = await api.register();
      const preview = await finishedImport(owner.token, csvOf(40), true);
      const actor: Actor = {
        kind: "user",
        userId: owner.user.id,
        organizationId: owner.organization.id,
        role: "owner",
        sessionId: "retention-test",
      };
      const held = heldAtConfirmation(api.container.contacts);

      const confirming = confirmContactImport(held.deps, actor, { id: preview.id });
      await held.reached;
      // the confirmation holds the preview's row, not yet marked confirmed: the sweep either passes it by or
      // waits for the confirmation to commit, and must not delete it either way
      const sweeping = runRetention(retentionDays + 1);
      await sweptOrWaitingForTheConfirmation(sweeping);
      held.release();
      const started = await confirming;
      expect(await sweeping).toMatchObject({ importPreviewsDeleted: 0 });

      expect(await stored(preview.id)).toMatchObject({ exists: true, csv: null, rows: 3 });
      const done = await waitForImport(api, owner.token, started.id);
      expect(done).toMatchObject({ status: "completed", created: 2, failed: 1 });
      expect(await runRetention(retentionDays + 1)).toMatchObject({ importPreviewsDeleted: 0 });
      const after = await api.rest<Import>("GET", `/contacts/imports/${preview.id}`, { token: owner.token });
      expect(after.body).toMatchObject({ confirmedImportId: started.id });
    },
  );
});

/** Until the sweep is done, or is waiting for a row lock in its delete of previews. */
async function sweptOrWaitingForTheConfirmation(sweeping: Promise<unknown>) {
  let done = false;
  const settled = sweeping.finally(() => {
    done = true;
  });
  while (!done) {
    const waiting = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'
        and query ilike 'delete from "contact_imports"%'
    `.execute(api.container.db.db);
    if ((waiting.rows[0]?.n ?? 0) > 0) return;
    await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 20))]);
  }
}

/** Contacts deps whose confirmation stops, its transaction open, just before marking the preview confirmed. */
function heldAtConfirmation(contacts: ContactsDeps) {
  let arrive = () => {};
  let release = () => {};
  const reached = new Promise<void>((resolve) => {
    arrive = resolve;
  });
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const store: ContactsDeps["store"] = {
    ...contacts.store,
    transaction: (work) =>
      contacts.store.transaction((repos) =>
        work({
          ...repos,
          imports: {
            ...repos.imports,
            markConfirmed: async (previewId, importId) => {
              arrive();
              await released;
              return repos.imports.markConfirmed(previewId, importId);
            },
          },
        }),
      ),
  };
  return { deps: { ...contacts, store }, reached, release };
}
