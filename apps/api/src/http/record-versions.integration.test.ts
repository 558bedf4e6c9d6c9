import { randomUUID } from "node:crypto";
import { TRPCClientError } from "@trpc/client";
import { describe, expect, it, vi } from "vitest";
import { insertConversation } from "../routers/conversations/conversation-fixtures";
import { createDeal, workspace } from "../routers/deals/deal-fixtures";
import type { TestApi } from "../testing/harness";
import { useTestApi } from "../testing/harness";

const api = useTestApi();

type Client = ReturnType<TestApi["trpc"]>;

interface Versioned {
  id: string;
  updatedAt: string;
}

/** One kind of record integrators edit: how to make one, two different edits, and the same over tRPC. */
interface Kind {
  name: string;
  path: string;
  create(token: string, organizationId: string): Promise<string>;
  edits: [Record<string, unknown>, Record<string, unknown>];
  /** The edited field, to tell which edit was written. */
  field: string;
  trpcUpdate(client: Client, id: string, expectedUpdatedAt: string): Promise<Versioned>;
}

const kinds: Kind[] = [
  {
    name: "deal",
    path: "/deals",
    async create(token) {
      const { pipeline, contactId } = await workspaceOf(token);
      const stage = pipeline.stages[0]?.id ?? "";
      return (await createDeal(api, token, { contactId, pipelineId: pipeline.id, stage })).id;
    },
    edits: [{ title: "Edited by Ana" }, { title: "Edited by Bia" }],
    field: "title",
    trpcUpdate: (client, id, expectedUpdatedAt) =>
      client.deals.update.mutate({ id, title: "Over tRPC", expectedUpdatedAt }),
  },
  {
    name: "contact",
    path: "/contacts",
    create: (token) => created(token, "/contacts", { name: "Maria Souza" }),
    edits: [{ name: "Maria (Ana)" }, { name: "Maria (Bia)" }],
    field: "name",
    trpcUpdate: (client, id, expectedUpdatedAt) =>
      client.contacts.update.mutate({ id, name: "Over tRPC", expectedUpdatedAt }),
  },
  {
    name: "company",
    path: "/companies",
    create: (token) => created(token, "/companies", { name: `Padaria ${Math.random()}` }),
    edits: [{ name: "Padaria Ana" }, { name: "Padaria Bia" }],
    field: "name",
    trpcUpdate: (client, id, expectedUpdatedAt) =>
      client.companies.update.mutate({ id, name: "Over tRPC", expectedUpdatedAt }),
  },
  {
    name: "conversation",
    path: "/conversations",
    create: (_token, organizationId) => insertConversation(api, organizationId),
    edits: [{ status: "pending" }, { status: "closed" }],
    field: "status",
    trpcUpdate: (client, id, expectedUpdatedAt) =>
      client.conversations.update.mutate({ id, status: "closed", expectedUpdatedAt }),
  },
];

const workspaces = new Map<string, Awaited<ReturnType<typeof workspace>>>();
async function workspaceOf(token: string) {
  const known = workspaces.get(token);
  if (!known) throw new Error("no workspace for this token");
  return known;
}

async function created(token: string, path: string, body: Record<string, unknown>): Promise<string> {
  const answer = await api.rest<{ id: string }>("POST", path, { token, body });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.id;
}

async function setUp(kind: Kind) {
  const space = await workspace(api);
  workspaces.set(space.token, space);
  const id = await kind.create(space.token, space.owner.organization.id);
  return { token: space.token, id, url: `${kind.path}/${id}` };
}

async function read(token: string, url: string) {
  const answer = await api.rest<Record<string, unknown> & Versioned>("GET", url, { token });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  const etag = answer.headers.get("etag");
  if (!etag) throw new Error(`GET ${url} answered no ETag`);
  return { record: answer.body, etag };
}

const ifMatch = (etag: string) => ({ "if-match": etag });

/** The version an ETag names (`"<version>.<content>"`): all a 412, which shows no record, can tell. */
const versionPart = (etag: string | null | undefined) => etag?.replace(/\.[\w-]*"$/, '"');

describe.each(kinds)("optimistic concurrency on a $name", (kind) => {
  it("of two writers that read the same version, one wins and the other gets a 412 naming the current version", async () => {
    const { token, url } = await setUp(kind);
    const { etag } = await read(token, url);

    const answers = await Promise.all(
      kind.edits.map((body) => api.rest("PATCH", url, { token, body, headers: ifMatch(etag) })),
    );

    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 412]);
    const winner = answers.findIndex((answer) => answer.status === 200);
    const loser = answers[1 - winner];
    const current = await read(token, url);
    expect(current.record[kind.field]).toBe(kind.edits[winner]?.[kind.field]);
    expect(current.etag).not.toBe(etag);
    expect(answers[winner]?.headers.get("etag")).toBe(current.etag);
    expect(loser?.body).toMatchObject({
      code: "PRECONDITION_FAILED",
      data: { appCode: "PRECONDITION_FAILED", httpStatus: 412 },
      message: expect.stringContaining("changed since you read it"),
    });
    expect(loser?.headers.get("etag")).toBe(versionPart(current.etag));
  });

  it("writes with the current version and answers the next one; a stale or foreign tag writes nothing", async () => {
    const { token, url } = await setUp(kind);
    const first = await read(token, url);
    const [edit, other] = kind.edits;

    const written = await api.rest("PATCH", url, { token, body: edit, headers: ifMatch(first.etag) });
    expect(written.status, JSON.stringify(written.body)).toBe(200);
    const next = written.headers.get("etag");
    expect(next).not.toBe(first.etag);
    expect(next).toBe((await read(token, url)).etag);

    for (const tag of [first.etag, '"stale"']) {
      const refused = await api.rest("PATCH", url, { token, body: other, headers: ifMatch(tag) });
      expect(refused.status, tag).toBe(412);
      expect(refused.headers.get("etag")).toBe(versionPart(next));
    }
    expect((await read(token, url)).record[kind.field]).toBe(edit?.[kind.field]);

    const again = await api.rest("PATCH", url, { token, body: other, headers: ifMatch(next ?? "") });
    expect(again.status).toBe(200);
  });

  it("refuses an If-Match that is no list of quoted tags with a 400, and writes nothing", async () => {
    const { token, url } = await setUp(kind);
    const { record, etag } = await read(token, url);
    for (const tag of ["*garbage*", etag.slice(1, -1)]) {
      const refused = await api.rest("PATCH", url, { token, body: kind.edits[0], headers: ifMatch(tag) });
      expect(refused.status, tag).toBe(400);
      expect(refused.body).toMatchObject({
        code: "BAD_REQUEST",
        data: { appCode: "VALIDATION_FAILED", fieldErrors: { "If-Match": [expect.any(String)] } },
      });
    }
    const deleting = await api.rest("DELETE", url, { token, headers: ifMatch("*garbage*") });
    expect(deleting.status).toBe(400);
    expect(await read(token, url)).toEqual({ record, etag });
  });

  it("refuses a weak If-Match, even of the current version, with a 412 that says why, and writes nothing", async () => {
    const { token, url } = await setUp(kind);
    const { record, etag } = await read(token, url);
    for (const tag of [`W/${etag}`, `W/"other", W/${etag}`]) {
      const refused = await api.rest("PATCH", url, { token, body: kind.edits[0], headers: ifMatch(tag) });
      expect(refused.status, tag).toBe(412);
      expect(refused.body).toMatchObject({
        code: "PRECONDITION_FAILED",
        data: { appCode: "PRECONDITION_FAILED", httpStatus: 412 },
        message: expect.stringContaining("weak"),
      });
      expect((refused.body as { message: string }).message).not.toContain("changed since you read it");
    }
    expect((await api.rest("DELETE", url, { token, headers: ifMatch(`W/${etag}`) })).status).toBe(412);
    expect(await read(token, url)).toEqual({ record, etag });
    // a strong tag among weak ones still counts
    const written = await api.rest("PATCH", url, {
      token,
      body: kind.edits[0],
      headers: ifMatch(`W/"other", ${etag}`),
    });
    expect(written.status, JSON.stringify(written.body)).toBe(200);
  });

  it("answers a GET whose If-None-Match names the current version 304 without a body, else 200", async () => {
    const { token, url } = await setUp(kind);
    const { record, etag } = await read(token, url);
    const get = (ifNoneMatch: string) =>
      fetch(`${api.baseUrl}/api/v1${url}`, {
        headers: { authorization: `Bearer ${token}`, "if-none-match": ifNoneMatch },
      });
    // If-None-Match compares weakly
    for (const tag of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const unchanged = await get(tag);
      expect(unchanged.status, tag).toBe(304);
      expect(unchanged.headers.get("etag")).toBe(etag);
      expect(await unchanged.text()).toBe("");
    }
    await api.rest("PATCH", url, { token, body: kind.edits[0] });
    const changed = await get(etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(((await changed.json()) as Record<string, unknown>).id).toBe(record.id);
  });

  it("without If-Match the last write wins, as before; If-Match: * is any version", async () => {
    const { token, url } = await setUp(kind);
    const [edit, other] = kind.edits;
    expect((await api.rest("PATCH", url, { token, body: edit })).status).toBe(200);
    expect((await api.rest("PATCH", url, { token, body: other })).status).toBe(200);
    expect((await read(token, url)).record[kind.field]).toBe(other?.[kind.field]);
    expect((await api.rest("PATCH", url, { token, body: edit, headers: ifMatch("*") })).status).toBe(200);
  });

  it("deletes only the version If-Match names", async () => {
    const { token, url } = await setUp(kind);
    const { etag } = await read(token, url);
    await api.rest("PATCH", url, { token, body: kind.edits[0] });

    const refused = await api.rest("DELETE", url, { token, headers: ifMatch(etag) });
    expect(refused.status).toBe(412);
    const current = await read(token, url);
    const currentVersion = refused.headers.get("etag") ?? "";
    expect(currentVersion).toBe(versionPart(current.etag));

    // the 412's tag is enough to write that version
    const deleted = await api.rest("DELETE", url, { token, headers: ifMatch(currentVersion) });
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    expect((await api.rest("GET", url, { token })).status).toBe(404);
  });

  it("gives two writes in the same millisecond two versions: If-Match with the first is refused after the second", async () => {
    const { token, url } = await setUp(kind);
    const { etag } = await read(token, url);
    const [edit, other] = kind.edits;
    // the API's clock stands still, as it would for writes close enough together
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 60_000 });
    try {
      const first = await api.rest("PATCH", url, { token, body: edit, headers: ifMatch(etag) });
      const firstTag = first.headers.get("etag") ?? "";
      const second = await api.rest("PATCH", url, { token, body: other, headers: ifMatch(firstTag) });
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(second.headers.get("etag")).not.toBe(firstTag);

      const stale = await api.rest("PATCH", url, { token, body: edit, headers: ifMatch(firstTag) });
      expect(stale.status).toBe(412);
      expect(stale.headers.get("etag")).toBe(versionPart(second.headers.get("etag")));
    } finally {
      vi.useRealTimers();
    }
    expect((await read(token, url)).record[kind.field]).toBe(other?.[kind.field]);
  });

  it("takes the same condition over tRPC as expectedUpdatedAt", async () => {
    const { token, id, url } = await setUp(kind);
    const { record } = await read(token, url);
    const client = api.trpc(token);

    const updated = await kind.trpcUpdate(client, id, record.updatedAt);
    expect(updated.updatedAt).not.toBe(record.updatedAt);

    const stale = await kind.trpcUpdate(client, id, record.updatedAt).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(stale).toBeInstanceOf(TRPCClientError);
    expect((stale as TRPCClientError<never>).data).toMatchObject({
      code: "PRECONDITION_FAILED",
      appCode: "PRECONDITION_FAILED",
    });
    expect((await read(token, url)).record.updatedAt).toBe(updated.updatedAt);
  });
});

describe("a contact's version", () => {
  it("changes when a tag is attached, detached or deleted: If-Match with the version before is refused", async () => {
    const kind = kinds[1] as Kind;
    const { token, url } = await setUp(kind);
    const tag = await api.rest<{ id: string }>("POST", "/tags", {
      token,
      body: { name: `VIP ${randomUUID().slice(0, 8)}` },
    });
    expect(tag.status, JSON.stringify(tag.body)).toBe(201);
    const tagId = tag.body.id;

    const changes: Array<[string, () => Promise<{ status: number }>]> = [
      ["attach", () => api.rest("POST", `${url}/tags`, { token, body: { tagId } })],
      ["detach", () => api.rest("DELETE", `${url}/tags/${tagId}`, { token })],
      ["attach again", () => api.rest("POST", `${url}/tags`, { token, body: { tagId } })],
      ["delete the tag", () => api.rest("DELETE", `/tags/${tagId}`, { token })],
    ];
    for (const [change, write] of changes) {
      const before = await read(token, url);
      expect((await write()).status, change).toBe(200);
      const after = await read(token, url);
      expect(after.etag, change).not.toBe(before.etag);
      expect(after.record.updatedAt, change).not.toBe(before.record.updatedAt);

      const stale = await api.rest("PATCH", url, {
        token,
        body: kind.edits[0],
        headers: ifMatch(before.etag),
      });
      expect(stale.status, change).toBe(412);
      expect(stale.headers.get("etag"), change).toBe(versionPart(after.etag));
    }
    expect((await read(token, url)).record.tags).toEqual([]);
  });
});

/** A record whose answer shows another record's name, and how to rename that one without touching the first. */
interface Embedding {
  name: string;
  setUp(token: string, organizationId: string): Promise<{ url: string; renamed: string }>;
  /** Where the answer shows the other record's name. */
  shown(record: Record<string, unknown>): unknown;
  edit: Record<string, unknown>;
}

const embeddings: Embedding[] = [
  {
    name: "a contact shows its company's name",
    async setUp(token) {
      const companyId = await created(token, "/companies", { name: `Padaria ${randomUUID().slice(0, 8)}` });
      const contactId = await created(token, "/contacts", { name: "Maria Souza", companyId });
      return { url: `/contacts/${contactId}`, renamed: `/companies/${companyId}` };
    },
    shown: (record) => (record.company as { name: string }).name,
    edit: { name: "Maria Souza Lima" },
  },
  {
    name: "a conversation shows its contact's name",
    async setUp(token, organizationId) {
      const id = await insertConversation(api, organizationId);
      const { record } = await read(token, `/conversations/${id}`);
      const contact = record.contact as { id: string };
      return { url: `/conversations/${id}`, renamed: `/contacts/${contact.id}` };
    },
    shown: (record) => (record.contact as { name: string }).name,
    edit: { status: "pending" },
  },
];

describe.each(embeddings)("an ETag names what the answer shows: $name", (embedding) => {
  async function renamedMeanwhile() {
    const space = await workspace(api);
    const { token } = space;
    const { url, renamed } = await embedding.setUp(token, space.owner.organization.id);
    const before = await read(token, url);
    const name = `Renamed ${randomUUID().slice(0, 8)}`;
    const rename = await api.rest("PATCH", renamed, { token, body: { name } });
    expect(rename.status, JSON.stringify(rename.body)).toBe(200);
    return { token, url, before, name };
  }

  const get = (token: string, url: string, ifNoneMatch: string) =>
    fetch(`${api.baseUrl}/api/v1${url}`, {
      headers: { authorization: `Bearer ${token}`, "if-none-match": ifNoneMatch },
    });

  it("a GET with the tag read before the other record was renamed answers 200 with the new name and tag", async () => {
    const { token, url, before, name } = await renamedMeanwhile();

    const changed = await get(token, url, before.etag);
    expect(changed.status).toBe(200);
    const body = (await changed.json()) as Record<string, unknown>;
    expect(embedding.shown(body)).toBe(name);
    // the record itself is at the same version: only what it shows of the other one changed
    expect(body.updatedAt).toBe(before.record.updatedAt);
    const etag = changed.headers.get("etag") ?? "";
    expect(etag).not.toBe(before.etag);

    const unchanged = await get(token, url, etag);
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get("etag")).toBe(etag);
    expect(await unchanged.text()).toBe("");
  });

  it("If-Match with the tag read before the rename still writes: it guards the record's own fields", async () => {
    const { token, url, before, name } = await renamedMeanwhile();

    const written = await api.rest("PATCH", url, {
      token,
      body: embedding.edit,
      headers: ifMatch(before.etag),
    });
    expect(written.status, JSON.stringify(written.body)).toBe(200);
    const current = await read(token, url);
    expect(embedding.shown(current.record)).toBe(name);
    expect(written.headers.get("etag")).toBe(current.etag);

    // once the record itself moved on, the tag from before is refused as ever
    const stale = await api.rest("PATCH", url, {
      token,
      body: embedding.edit,
      headers: ifMatch(before.etag),
    });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ message: expect.stringContaining("changed since you read it") });
    expect(stale.headers.get("etag")).toBe(versionPart(current.etag));
  });
});

describe("If-Match and expectedUpdatedAt", () => {
  it("may be sent by a browser on another origin, as If-None-Match", async () => {
    const preflight = await fetch(`${api.baseUrl}/api/v1/contacts`, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:3000",
        "access-control-request-method": "GET",
        "access-control-request-headers": "authorization,if-match,if-none-match",
      },
    });
    const allowed = preflight.headers.get("access-control-allow-headers")?.split(",");
    expect(allowed).toEqual(expect.arrayContaining(["if-match", "if-none-match"]));
  });

  it("must name the same version when both are sent", async () => {
    const kind = kinds[2] as Kind;
    const { token, url } = await setUp(kind);
    const { etag, record } = await read(token, url);
    const older = new Date(new Date(record.updatedAt).getTime() - 1000).toISOString();

    const mixed = await api.rest("PATCH", url, {
      token,
      body: { ...kind.edits[0], expectedUpdatedAt: older },
      headers: ifMatch(etag),
    });
    expect(mixed.status).toBe(400);
    expect(mixed.body).toMatchObject({ data: { fieldErrors: { expectedUpdatedAt: [expect.any(String)] } } });

    const agreeing = await api.rest("PATCH", url, {
      token,
      body: { ...kind.edits[0], expectedUpdatedAt: record.updatedAt },
      headers: ifMatch(etag),
    });
    expect(agreeing.status).toBe(200);
  });

  it("are documented on the operations that take them, with the 412", async () => {
    const doc = (await (await fetch(`${api.baseUrl}/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<
          string,
          { parameters?: Array<{ name: string; in: string }>; responses: Record<string, unknown> }
        >
      >;
    };
    for (const kind of kinds) {
      const operations = doc.paths[`${kind.path}/{id}`] ?? {};
      for (const method of ["patch", "delete"]) {
        expect(operations[method]?.responses["412"], `${method} ${kind.path}`).toBeDefined();
        expect(operations[method]?.parameters).toContainEqual(
          expect.objectContaining({ name: "If-Match", in: "header" }),
        );
      }
      const ok = operations.get?.responses["200"] as { headers?: Record<string, unknown> } | undefined;
      expect(Object.keys(ok?.headers ?? {}), `GET ${kind.path}`).toContain("ETag");
    }
  });
});
