import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { createContact, createResource, type ErrorDto } from "../contacts/contact-fixtures";
import { insertConversation, team } from "../conversations/conversation-fixtures";
import { createDeal, workspace } from "../deals/deal-fixtures";

const api = useTestApi();

interface DeletionDto {
  entity: string;
  id: string;
  deletedAt: string;
  mergedIntoId: string | null;
}
interface Page {
  items: DeletionDto[];
  nextCursor: string | null;
}

const list = (token: string, query: string) => api.rest<Page>("GET", `/deletions?${query}`, { token });

async function listed(token: string, query: string): Promise<DeletionDto[]> {
  const res = await list(token, query);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items;
}

async function remove(token: string, path: string): Promise<void> {
  const res = await api.rest("DELETE", path, { token });
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
}

/** Pins a tombstone's time, so that the windows and the order of a test do not depend on the clock. */
async function deletedAt(id: string, at: string): Promise<void> {
  await api.container.db.db
    .updateTable("deletions")
    .set({ deleted_at: new Date(at) })
    .where("entity_id", "=", id)
    .execute();
}

const apiKey = async (ownerToken: string, role: "agent" | "viewer") =>
  (await api.trpc(ownerToken).apiKeys.create.mutate({ name: `${role} key`, role })).secret;

describe("GET /deletions", () => {
  it("lists what each delete removed, by kind, a merged contact naming the contact it went into", async () => {
    const { token, owner, pipeline } = await workspace(api);
    const organizationId = owner.organization.id;
    const deleted = await createContact(api, token, { name: "Deleted" });
    const survivor = await createContact(api, token, { name: "Survivor" });
    const merged = await createContact(api, token, { name: "Merged" });
    const company = await createResource(api, token, "/companies", { name: "Atacadão" });
    const tag = await createResource(api, token, "/tags", { name: "vip" });
    const deal = await createDeal(api, token, {
      contactId: survivor.id,
      pipelineId: pipeline.id,
      stage: pipeline.stages[0]?.id ?? "",
    });
    const conversation = await insertConversation(api, organizationId, { contactId: survivor.id });
    // deleted with its contact
    const orphaned = await insertConversation(api, organizationId, { contactId: deleted.id });

    await remove(token, `/contacts/${deleted.id}`);
    const merge = await api.rest("POST", `/contacts/${survivor.id}/merge`, {
      token,
      body: { sourceId: merged.id },
    });
    expect(merge.status, JSON.stringify(merge.body)).toBe(200);
    await remove(token, `/companies/${company.id}`);
    await remove(token, `/tags/${tag.id}`);
    await remove(token, `/deals/${deal.id}`);
    await remove(token, `/conversations/${conversation}`);

    const contacts = await listed(token, "entity=contact");
    expect(contacts.map(({ id, mergedIntoId }) => ({ id, mergedIntoId }))).toEqual([
      { id: deleted.id, mergedIntoId: null },
      { id: merged.id, mergedIntoId: survivor.id },
    ]);
    expect(
      contacts.every((item) => item.entity === "contact" && !Number.isNaN(Date.parse(item.deletedAt))),
    ).toBe(true);
    const idsOf = async (entity: string) => (await listed(token, `entity=${entity}`)).map((item) => item.id);
    expect(await idsOf("company")).toEqual([company.id]);
    expect(await idsOf("tag")).toEqual([tag.id]);
    expect(await idsOf("deal")).toEqual([deal.id]);
    expect(new Set(await idsOf("conversation"))).toEqual(new Set([orphaned, conversation]));
  });

  it("pages oldest first within deletedFrom and deletedTo, with a cursor only its kind's list takes", async () => {
    const { token } = await workspace(api);
    const ids: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) {
      const contact = await createContact(api, token, { name: `Pessoa ${n}` });
      await remove(token, `/contacts/${contact.id}`);
      ids.push(contact.id);
    }
    // deleted in another order than created: the list goes by deletedAt
    const times = ["2026-03-05", "2026-03-01", "2026-03-04", "2026-03-02", "2026-03-03"];
    for (const [index, id] of ids.entries()) await deletedAt(id, `${times[index]}T12:00:00.000Z`);
    const byTime = [ids[1], ids[3], ids[4], ids[2], ids[0]];

    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const next: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const res = await list(token, `entity=contact&limit=2${next}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      pages.push(res.body.items.map((item) => item.id));
      cursor = res.body.nextCursor;
    } while (cursor && pages.length < 10);
    expect(pages).toEqual([byTime.slice(0, 2), byTime.slice(2, 4), byTime.slice(4)]);

    const window = "deletedFrom=2026-03-02T12:00:00.000Z&deletedTo=2026-03-04T12:00:00.000Z";
    expect((await listed(token, `entity=contact&${window}`)).map((item) => item.id)).toEqual(
      byTime.slice(1, 4),
    );

    const first = await list(token, "entity=contact&limit=1");
    const foreign = encodeURIComponent(first.body.nextCursor ?? "");
    const otherKind = await api.rest<ErrorDto>("GET", `/deletions?entity=deal&cursor=${foreign}`, { token });
    expect(otherKind.status).toBe(400);
    expect(otherKind.body.message).toBe(
      "This cursor belongs to another list or sort; start again without it",
    );
    for (const n of [1, 2]) await createContact(api, token, { name: `Kept ${n}` });
    const contactsCursor = (await api.rest<Page>("GET", "/contacts?limit=1", { token })).body.nextCursor;
    expect(contactsCursor).not.toBeNull();
    const otherList = await api.rest<ErrorDto>(
      "GET",
      `/deletions?entity=contact&cursor=${encodeURIComponent(contactsCursor ?? "")}`,
      { token },
    );
    expect(otherList.status).toBe(400);
    expect(Object.keys(otherList.body.data.fieldErrors ?? {})).toEqual(["cursor"]);
  });

  it.each([
    ["entity=contact&deletedFrom=yesterday", "deletedFrom"],
    ["entity=contact&deletedTo=2026-13-01", "deletedTo"],
    ["entity=contacts", "entity"],
    ["", "entity"],
    ["entity=deal&limit=0", "limit"],
  ])("answers %s with a 400 naming %s", async (query, field) => {
    const { token } = await workspace(api);
    const res = await api.rest<ErrorDto>("GET", `/deletions?${query}`, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(Object.keys(res.body.data.fieldErrors ?? {})).toEqual([field]);
  });

  it("answers an empty window with a 400 naming deletedTo", async () => {
    const { token } = await workspace(api);
    const query = "entity=tag&deletedFrom=2026-02-01T00:00:00.000Z&deletedTo=2026-01-01T00:00:00.000Z";
    const res = await api.rest<ErrorDto>("GET", `/deletions?${query}`, { token });
    expect(res.status).toBe(400);
    expect(res.body.data.fieldErrors).toEqual({ deletedTo: ["deletedTo must not be before deletedFrom"] });
  });

  it("lists conversation deletions only to roles that see every conversation", async () => {
    const { owner, organizationId, agent, viewer } = await team(api);
    const conversation = await insertConversation(api, organizationId, { assignedTo: owner.user.id });
    await remove(owner.token, `/conversations/${conversation}`);
    const contact = await createContact(api, owner.token, { name: "Ana" });
    await remove(owner.token, `/contacts/${contact.id}`);

    for (const token of [viewer.token, await apiKey(owner.token, "viewer")]) {
      expect((await listed(token, "entity=conversation")).map((item) => item.id)).toContain(conversation);
    }
    for (const token of [agent.token, await apiKey(owner.token, "agent")]) {
      const res = await api.rest<ErrorDto>("GET", "/deletions?entity=conversation", { token });
      expect(res.status, JSON.stringify(res.body)).toBe(403);
      // the kinds an agent can list in full it learns of
      expect((await listed(token, "entity=contact")).map((item) => item.id)).toEqual([contact.id]);
    }
    const anonymous = await api.rest("GET", "/deletions?entity=contact");
    expect(anonymous.status).toBe(401);
  });

  it("never lists another organization's deletions", async () => {
    const ours = await workspace(api);
    const theirs = await workspace(api);
    const contact = await createContact(api, theirs.token, { name: "Theirs" });
    await remove(theirs.token, `/contacts/${contact.id}`);
    const other = await createContact(api, theirs.token, { name: "Theirs too" });
    await remove(theirs.token, `/contacts/${other.id}`);
    const tag = await createResource(api, theirs.token, "/tags", { name: "theirs" });
    await remove(theirs.token, `/tags/${tag.id}`);

    expect(await listed(ours.token, "entity=contact")).toEqual([]);
    expect(await listed(ours.token, "entity=tag")).toEqual([]);
    expect((await listed(theirs.token, "entity=contact")).map((item) => item.id)).toEqual([
      contact.id,
      other.id,
    ]);
    // their cursor, replayed by us, pages through our organization's deletions only
    const cursor = (await list(theirs.token, "entity=contact&limit=1")).body.nextCursor ?? "";
    expect(await listed(ours.token, `entity=contact&cursor=${encodeURIComponent(cursor)}`)).toEqual([]);
  });
});
