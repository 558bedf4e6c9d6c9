import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { createContact, createResource } from "../contacts/contact-fixtures";
import { insertConversation, team } from "../conversations/conversation-fixtures";
import { createDeal, type ErrorDto, stageAt, workspace } from "../deals/deal-fixtures";

const api = useTestApi();

interface Versioned {
  id: string;
  updatedAt: string;
}
interface Page {
  items: Versioned[];
  nextCursor: string | null;
}

const withQuery = (path: string, query: string) => `${path}${path.includes("?") ? "&" : "?"}${query}`;

/**
 * A client's sync: pages of `path` in the sync order from `updatedFrom`, two rows a page, `between` changing
 * rows after each page but the last. Answers the last version seen of each row, and the order seen in.
 */
async function syncLoop(
  token: string,
  path: string,
  updatedFrom: string,
  between: (page: number) => Promise<void>,
): Promise<{ seen: Map<string, string>; versions: string[] }> {
  const seen = new Map<string, string>();
  const versions: string[] = [];
  let cursor: string | null = null;
  let page = 0;
  do {
    const query: string = `sort=updatedAt&limit=2&updatedFrom=${encodeURIComponent(updatedFrom)}`;
    const next: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
    const res = await api.rest<Page>("GET", withQuery(path, query + next), { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    for (const item of res.body.items) {
      seen.set(item.id, item.updatedAt);
      versions.push(item.updatedAt);
    }
    cursor = res.body.nextCursor;
    if (cursor) await between(page);
    page += 1;
    expect(page, "the sync ends").toBeLessThan(50);
  } while (cursor);
  return { seen, versions };
}

/** Every row of `path` changed since `updatedFrom`, at its current version. */
async function currentVersions(token: string, path: string, updatedFrom: string) {
  const query = `sort=updatedAt&limit=100&updatedFrom=${encodeURIComponent(updatedFrom)}`;
  const res = await api.rest<Page>("GET", withQuery(path, query), { token });
  expect(res.status).toBe(200);
  expect(res.body.nextCursor).toBeNull();
  return new Map(res.body.items.map((item) => [item.id, item.updatedAt]));
}

async function expectNothingMissed(
  token: string,
  path: string,
  updatedFrom: string,
  synced: { seen: Map<string, string>; versions: string[] },
  changed: string[],
  deleted: string[] = [],
) {
  const current = await currentVersions(token, path, updatedFrom);
  // a deleted row is not in the list any more (a sync does not see deletions)
  const seen = new Map([...synced.seen].filter(([id]) => !deleted.includes(id)));
  // every row, and each at the version it has now: the rows changed during the loop came again
  expect(seen).toEqual(current);
  for (const id of changed) expect(current.has(id), `${id} changed during the loop`).toBe(true);
  expect(synced.versions).toEqual([...synced.versions].sort());
}

const patch = async (token: string, path: string, body: Record<string, unknown>) => {
  const res = await api.rest("PATCH", path, { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
};
const post = async (token: string, path: string, body: Record<string, unknown>) => {
  const res = await api.rest("POST", path, { token, body });
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
};

const firstIdOf = async (token: string, path: string, updatedFrom: string) => {
  const [first] = (await currentVersions(token, path, updatedFrom)).keys();
  if (!first) throw new Error(`${path} is empty`);
  return first;
};

describe("syncing changes (sort=updatedAt, updatedFrom)", () => {
  it("sees every contact changed while paging, at its latest version: edits, tags, custom fields, merges", async () => {
    const { token } = await workspace(api);
    const since = new Date(Date.now() - 60_000).toISOString();
    const contacts = [];
    for (const n of [1, 2, 3, 4, 5]) contacts.push(await createContact(api, token, { name: `Pessoa ${n}` }));
    const tag = await createResource(api, token, "/tags", { name: "vip" });
    await createResource(api, token, "/custom-fields", { key: "plano", label: "Plano", type: "text" });
    const [a, b, c, d] = contacts.map((contact) => contact.id);
    if (!a || !b || !c || !d) throw new Error("contacts missing");
    const changed: string[] = [];

    const synced = await syncLoop(token, "/contacts", since, async (page) => {
      const first = await firstIdOf(token, "/contacts", since);
      if (page === 0) {
        await patch(token, `/contacts/${first}`, { name: "Renamed" });
        changed.push(first, (await createContact(api, token, { name: "New during sync" })).id);
      } else if (page === 1) {
        await post(token, `/contacts/${a}/tags`, { tagId: tag.id });
        await patch(token, `/contacts/${b}`, { metadata: { plano: "ouro" } });
        changed.push(a, b);
      } else if (page === 2) {
        await post(token, `/contacts/${c}/merge`, { sourceId: d });
        changed.push(c);
      }
    });

    expect(synced.seen.has(d), "the merged contact was seen before it went").toBe(true);
    await expectNothingMissed(token, "/contacts", since, synced, changed, [d]);
  });

  it("sees every company changed while paging", async () => {
    const { token } = await workspace(api);
    const since = new Date(Date.now() - 60_000).toISOString();
    for (const n of [1, 2, 3, 4]) await createResource(api, token, "/companies", { name: `Empresa ${n}` });
    const changed: string[] = [];
    const synced = await syncLoop(token, "/companies", since, async (page) => {
      if (page > 1) return;
      const first = await firstIdOf(token, "/companies", since);
      await patch(token, `/companies/${first}`, { name: `Renomeada ${page}` });
      changed.push(first, (await createResource(api, token, "/companies", { name: `Nova ${page}` })).id);
    });
    await expectNothingMissed(token, "/companies", since, synced, changed);
  });

  it("sees every deal changed while paging, a stage move included", async () => {
    const { token, contactId, pipeline } = await workspace(api);
    const since = new Date(Date.now() - 60_000).toISOString();
    const first = stageAt(pipeline, 0);
    const second = stageAt(pipeline, 1);
    const deals = [];
    for (const n of [1, 2, 3, 4, 5]) {
      deals.push(
        await createDeal(api, token, { contactId, pipelineId: pipeline.id, stage: first.id, title: `D${n}` }),
      );
    }
    const changed: string[] = [];
    const synced = await syncLoop(token, "/deals", since, async (page) => {
      if (page > 1) return;
      const oldest = await firstIdOf(token, "/deals", since);
      await patch(token, `/deals/${oldest}`, { stage: second.id });
      const added = await createDeal(api, token, {
        contactId,
        pipelineId: pipeline.id,
        stage: first.id,
        title: `Nova ${page}`,
      });
      changed.push(oldest, added.id);
    });
    await expectNothingMissed(token, "/deals", since, synced, changed);
    expect(synced.seen.size).toBe(deals.length + 2);
  });

  it("sees every conversation changed while paging (a new message, a status), within an agent's visibility", async () => {
    const { owner, organizationId, agent, otherAgent } = await team(api);
    const since = new Date(Date.now() - 60_000).toISOString();
    const visible = [];
    for (const minutes of [50, 40, 30, 20]) {
      visible.push(await insertConversation(api, organizationId, { lastMessageMinutesAgo: minutes }));
    }
    visible.push(await insertConversation(api, organizationId, { assignedTo: agent.user.id }));
    const hidden = await insertConversation(api, organizationId, { assignedTo: otherAgent.user.id });
    const [replied, closed] = visible;
    if (!replied || !closed) throw new Error("conversations missing");
    const changed: string[] = [];

    const synced = await syncLoop(agent.token, "/conversations", since, async (page) => {
      if (page === 0) {
        // the oldest changes are read first: these two were on the first page. She replies herself: a
        // member's reply takes an unassigned conversation, so the owner's would take it out of her view
        const sent = await api.rest("POST", `/conversations/${replied}/messages`, {
          token: agent.token,
          body: { text: "Já enviamos" },
        });
        expect(sent.status, JSON.stringify(sent.body)).toBe(201);
        await patch(owner.token, `/conversations/${closed}`, { status: "closed" });
        await patch(owner.token, `/conversations/${hidden}`, { status: "pending" });
        changed.push(replied, closed);
      } else if (page === 1) {
        changed.push(await insertConversation(api, organizationId, { lastMessageMinutesAgo: 1 }));
      }
    });

    await expectNothingMissed(agent.token, "/conversations", since, synced, changed);
    expect(synced.seen.has(hidden), "another agent's conversation").toBe(false);
    const all = await currentVersions(owner.token, "/conversations", since);
    expect(all.has(hidden)).toBe(true);
  });

  it("keeps to updatedTo: a row changed after it is left out", async () => {
    const { token } = await workspace(api);
    const since = new Date(Date.now() - 60_000).toISOString();
    const create = async (name: string) =>
      (await api.rest<Versioned>("POST", "/contacts", { token, body: { name } })).body;
    const one = await create("Um");
    const two = await create("Dois");
    const until = two.updatedAt; // created last
    await patch(token, `/contacts/${one.id}`, { name: "Um, de novo" });
    const query = `updatedFrom=${encodeURIComponent(since)}&updatedTo=${encodeURIComponent(until)}&sort=updatedAt`;
    const res = await api.rest<Page>("GET", `/contacts?${query}`, { token });
    expect(res.status).toBe(200);
    const ours = res.body.items.map((item) => item.id).filter((id) => id === one.id || id === two.id);
    expect(ours).toEqual([two.id]);
  });

  it.each(["/contacts", "/companies", "/deals", "/conversations"])(
    "answers %s with a malformed date or an empty window as a 400 naming the field",
    async (path) => {
      const { token } = await workspace(api);
      const malformed = await api.rest<ErrorDto>("GET", `${path}?updatedFrom=yesterday`, { token });
      expect(malformed.status).toBe(400);
      expect(Object.keys(malformed.body.data.fieldErrors ?? {})).toEqual(["updatedFrom"]);

      const from = "2026-02-01T00:00:00.000Z";
      const to = "2026-01-01T00:00:00.000Z";
      const empty = await api.rest<ErrorDto>("GET", `${path}?updatedFrom=${from}&updatedTo=${to}`, { token });
      expect(empty.status).toBe(400);
      expect(empty.body.data.fieldErrors).toEqual({
        updatedTo: ["updatedTo must not be before updatedFrom"],
      });

      const sort = await api.rest<ErrorDto>("GET", `${path}?sort=updated`, { token });
      expect(sort.status).toBe(400);
    },
  );
});
