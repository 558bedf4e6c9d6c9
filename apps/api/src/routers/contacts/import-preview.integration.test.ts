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
  waitForImport,
} from "./contact-fixtures";

const api = useTestApi();

type Started = ImportDto & { onDuplicate: string; dryRun: boolean };

const tables = ["contacts", "companies", "tags", "contact_tags", "custom_field_definitions"] as const;
const tableCounts = async (organizationId: string) =>
  Object.fromEntries(
    await Promise.all(tables.map(async (table) => [table, await countRows(api, table, organizationId)])),
  );

const totals = (job: ImportDto) => ({
  processed: job.processed,
  created: job.created,
  updated: job.updated,
  unchanged: job.unchanged,
  skipped: job.skipped,
  failed: job.failed,
});

describe("the preview (dryRun) of a contacts import", () => {
  it("over REST, reports the rows and totals of the import without writing, and the import then does as announced", async () => {
    const owner = await api.register();
    const { token } = owner;
    const organizationId = owner.organization.id;
    await createResource(api, token, "/custom-fields", { key: "plan", label: "Plano", type: "text" });
    const bruno = await createContact(api, token, { name: "Bruno Lima", phone: "+5511987654321" });
    await createContact(api, token, { name: "Ana", email: "ana@example.com" });
    const csv = [
      "name,email,phone,company,plan,tags",
      "Maria,maria@example.com,+5511987654321,Padaria,pro,lead",
      "Ana Souza,ana@example.com,,,,",
      "Carlos,carlos@example.com,,Oficina,free,novo",
      "Carlos de novo,carlos@example.com,,,,",
      ",,+5511900000000,,,",
    ].join("\n");
    const before = await tableCounts(organizationId);

    const started = await api.rest<Started>("POST", "/contacts/imports", {
      token,
      body: { csv, onDuplicate: "fill", dryRun: true },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body).toMatchObject({ dryRun: true, onDuplicate: "fill" });
    const preview = await waitForImport(api, token, started.body.id);
    expect(totals(preview)).toEqual({
      processed: 5,
      created: 1,
      updated: 1,
      unchanged: 1,
      skipped: 1,
      failed: 1,
    });
    expect(await tableCounts(organizationId)).toEqual(before);
    const brunoNow = await api.rest<ContactDto>("GET", `/contacts/${bruno.id}`, { token });
    expect(brunoNow.body).toMatchObject({ email: null, company: null, metadata: {}, tags: [] });

    const previewRows = await allPages<ImportRowDto>(api, token, `/contacts/imports/${preview.id}/rows`);
    expect(
      previewRows.map((row) => [row.outcome, row.reasons.map((reason) => reason.code), row.contactId]),
    ).toEqual([
      ["updated", ["changed_fields"], bruno.id],
      ["unchanged", ["nothing_to_fill"], expect.any(String)],
      ["created", [], null],
      ["skipped", ["duplicate_in_file"], null],
      ["error", ["name_required"], null],
    ]);
    const listed = await api.rest<{ items: Started[] }>("GET", "/contacts/imports", { token });
    expect(listed.body.items.map((item) => item.dryRun)).toEqual([true]);

    const real = await api.rest<Started>("POST", "/contacts/imports", {
      token,
      body: { csv, onDuplicate: "fill" },
    });
    expect(real.body.dryRun).toBe(false);
    const done = await waitForImport(api, token, real.body.id);
    expect(totals(done)).toEqual(totals(preview));
    const rows = await allPages<ImportRowDto>(api, token, `/contacts/imports/${done.id}/rows`);
    const created = rows.find((row) => row.outcome === "created")?.contactId;
    expect(
      rows.map((row) => ({ ...row, contactId: row.contactId === created ? null : row.contactId })),
    ).toEqual(previewRows);
    expect(await countRows(api, "contacts", organizationId)).toBe(before.contacts + 1);
  });

  it("is the same procedure over tRPC, and a preview of a file without known columns fails as the import would", async () => {
    const owner = await api.register();
    const trpc = api.trpc(owner.token);
    const before = await tableCounts(owner.organization.id);
    const viaTrpc = await trpc.contacts.startImport.mutate({ csv: "name,tags\nAna,vip\n", dryRun: true });
    expect(viaTrpc).toMatchObject({ dryRun: true, status: "queued", onDuplicate: "skip" });
    expect(await waitForImport(api, owner.token, viaTrpc.id)).toMatchObject({
      status: "completed",
      created: 1,
    });
    expect(await tableCounts(owner.organization.id)).toEqual(before);

    const broken = await trpc.contacts.startImport.mutate({ csv: "foo,bar\n1,2\n", dryRun: true });
    expect(await waitForImport(api, owner.token, broken.id)).toMatchObject({
      status: "failed",
      errorReason: { code: "no_known_columns" },
    });
  });

  it("is documented as dryRun in /openapi.json", async () => {
    const doc = (await (await fetch(`${api.baseUrl}/openapi.json`)).json()) as {
      paths: Record<
        string,
        {
          post?: {
            requestBody?: {
              content: Record<string, { schema: { properties: Record<string, { type?: string }> } }>;
            };
          };
        }
      >;
    };
    const body = doc.paths["/contacts/imports"]?.post?.requestBody?.content["application/json"];
    expect(body?.schema.properties.dryRun?.type).toBe("boolean");
  });
});
