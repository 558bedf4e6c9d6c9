import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { insertConversation } from "../routers/conversations/conversation-fixtures";
import { workspace } from "../routers/deals/deal-fixtures";
import { useTestApi } from "../testing/harness";
import { ifMatch, type Kind, recordVersions, versionPart } from "./record-versions-fixtures";

const api = useTestApi();
const { kinds, created, setUp, read } = recordVersions(api);

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
