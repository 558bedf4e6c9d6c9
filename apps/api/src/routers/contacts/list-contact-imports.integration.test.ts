import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { type ImportDto, type PageDto, waitForImport } from "./contact-fixtures";

const api = useTestApi();

async function startImport(token: string, csv: string) {
  const res = await api.rest<ImportDto>("POST", "/contacts/imports", { token, body: { csv } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe("GET /contacts/imports", () => {
  it("lists the organization's imports newest first, a page at a time, each with its status", async () => {
    const owner = await api.register();
    const first = await startImport(owner.token, "name\nAna\nBruno");
    const second = await startImport(owner.token, "nothing known\nx");
    const third = await startImport(owner.token, "name\nCarla");
    await waitForImport(api, owner.token, first.id);
    await waitForImport(api, owner.token, second.id);

    const page1 = await api.rest<PageDto<ImportDto>>("GET", "/contacts/imports?limit=2", {
      token: owner.token,
    });
    expect(page1.status, JSON.stringify(page1.body)).toBe(200);
    expect(page1.body.items.map((item) => item.id)).toEqual([third.id, second.id]);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await api.rest<PageDto<ImportDto>>(
      "GET",
      `/contacts/imports?limit=2&cursor=${encodeURIComponent(page1.body.nextCursor ?? "")}`,
      { token: owner.token },
    );
    expect(page2.body).toEqual({
      items: [expect.objectContaining({ id: first.id, status: "completed", created: 2 })],
      nextCursor: null,
    });
    expect(page1.body.items[1]).toMatchObject({
      status: "failed",
      errorReason: { code: "no_known_columns" },
    });

    const viaTrpc = await api.trpc(owner.token).contacts.listImports.query({});
    expect(viaTrpc.items.map((item) => item.id)).toEqual([third.id, second.id, first.id]);
  });

  it("shows an organization only its own imports, and refuses another list's cursor", async () => {
    const owner = await api.register();
    const stranger = await api.register();
    const started = await startImport(owner.token, "name\nAna");
    const theirs = await api.rest<PageDto<ImportDto>>("GET", "/contacts/imports", { token: stranger.token });
    expect(theirs.status).toBe(200);
    expect(theirs.body).toEqual({ items: [], nextCursor: null });
    const ours = await api.rest<PageDto<ImportDto>>("GET", "/contacts/imports", { token: owner.token });
    expect(ours.body.items.map((item) => item.id)).toEqual([started.id]);
    expect(
      (await api.trpc(stranger.token).contacts.listImports.query({})).items.map((item) => item.id),
    ).toEqual([]);

    await api.rest("POST", "/contacts", { token: owner.token, body: { name: "Ana" } });
    await api.rest("POST", "/contacts", { token: owner.token, body: { name: "Bia" } });
    const contacts = await api.rest<PageDto<unknown>>("GET", "/contacts?limit=1", { token: owner.token });
    const foreign = await api.rest("GET", `/contacts/imports?cursor=${contacts.body.nextCursor ?? ""}`, {
      token: owner.token,
    });
    expect(foreign.status).toBe(400);
  });

  it("needs a signed-in caller", async () => {
    expect((await api.rest("GET", "/contacts/imports")).status).toBe(401);
  });
});
