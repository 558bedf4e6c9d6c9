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
  waitForImport,
} from "./contact-fixtures";

const api = useTestApi();

type Started = ImportDto & { onDuplicate: string };

describe("the fill mode of an import", () => {
  it("over REST, writes only the values a matching contact lacks and says what it changed", async () => {
    const owner = await api.register();
    const { token } = owner;
    await createResource(api, token, "/custom-fields", { key: "plan", label: "Plan", type: "text" });
    await createResource(api, token, "/custom-fields", { key: "city", label: "City", type: "text" });
    const bruno = await createContact(api, token, {
      name: "Bruno Lima",
      phone: "+5511987654321",
      metadata: { plan: "pro" },
    });
    const ana = await createContact(api, token, { name: "Ana", email: "ana@example.com" });
    const csv = [
      "name,email,phone,company,plan,city,tags",
      "Maria Oliveira 70,maria70@example.com,+5511987654321,Padaria,free,Recife,lead",
      "Ana Souza,ana@example.com,,,,,",
    ].join("\n");

    const started = await api.rest<Started>("POST", "/contacts/imports", {
      token,
      body: { csv, onDuplicate: "fill" },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body.onDuplicate).toBe("fill");
    const done = await waitForImport(api, token, started.body.id);
    expect(done).toMatchObject({ created: 0, updated: 1, unchanged: 1, skipped: 0, failed: 0 });

    const brunoNow = await api.rest<ContactDto>("GET", `/contacts/${bruno.id}`, { token });
    expect(brunoNow.body).toMatchObject({
      name: "Bruno Lima",
      email: "maria70@example.com",
      phone: "+5511987654321",
      company: { name: "Padaria" },
      metadata: { plan: "pro", city: "Recife" },
    });
    expect(brunoNow.body.tags.map((tag) => tag.name)).toEqual(["lead"]);
    const anaNow = await api.rest<ContactDto>("GET", `/contacts/${ana.id}`, { token });
    expect(anaNow.body.name).toBe("Ana");

    const rows = await allPages<ImportRowDto>(api, token, `/contacts/imports/${done.id}/rows`);
    expect(rows.map((row) => [row.outcome, row.reasons])).toEqual([
      ["updated", [{ code: "changed_fields", params: { fields: "email,company,metadata.city,tags" } }]],
      ["unchanged", [{ code: "nothing_to_fill", params: {} }]],
    ]);
  });

  it("is accepted over tRPC; without a mode an import skips duplicates, as before", async () => {
    const owner = await api.register();
    const viaTrpc = await api
      .trpc(owner.token)
      .contacts.startImport.mutate({ csv: "name\nAna\n", onDuplicate: "fill" });
    expect(viaTrpc).toMatchObject({ onDuplicate: "fill", status: "queued" });
    await waitForImport(api, owner.token, viaTrpc.id);

    const byDefault = await api.rest<Started>("POST", "/contacts/imports", {
      token: owner.token,
      body: { csv: "name\nBia\n" },
    });
    expect(byDefault.status).toBe(201);
    expect(byDefault.body.onDuplicate).toBe("skip");
    await waitForImport(api, owner.token, byDefault.body.id);
  });

  it("an unknown mode answers 400 naming onDuplicate, over REST and tRPC, and starts nothing", async () => {
    const owner = await api.register();
    const refused = await api.rest<ErrorDto>("POST", "/contacts/imports", {
      token: owner.token,
      body: { csv: "name\nAna\n", onDuplicate: "merge" },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.data.fieldErrors).toHaveProperty("onDuplicate");
    await expect(
      api
        .trpc(owner.token)
        // @ts-expect-error an unknown mode, as a client not written in TypeScript could send
        .contacts.startImport.mutate({ csv: "name\nAna\n", onDuplicate: "merge" }),
    ).rejects.toMatchObject({
      data: { code: "BAD_REQUEST", fieldErrors: { onDuplicate: expect.any(Array) } },
    });
    const listed = await api.rest<{ items: ImportDto[] }>("GET", "/contacts/imports", { token: owner.token });
    expect(listed.body.items).toEqual([]);
  });

  it("is a value of onDuplicate in /openapi.json", async () => {
    const doc = (await (await fetch(`${api.baseUrl}/openapi.json`)).json()) as {
      paths: Record<
        string,
        {
          post?: {
            requestBody?: {
              content: Record<string, { schema: { properties: { onDuplicate: { enum: string[] } } } }>;
            };
          };
        }
      >;
    };
    const body = doc.paths["/contacts/imports"]?.post?.requestBody?.content["application/json"];
    expect(body?.schema.properties.onDuplicate.enum).toEqual(["skip", "update", "fill"]);
  });
});
