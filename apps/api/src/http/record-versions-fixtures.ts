import { expect } from "vitest";
import { insertConversation } from "../routers/conversations/conversation-fixtures";
import { createDeal, workspace } from "../routers/deals/deal-fixtures";
import type { TestApi } from "../testing/harness";

type Client = ReturnType<TestApi["trpc"]>;

export interface Versioned {
  id: string;
  updatedAt: string;
}

/** One kind of record integrators edit: how to make one, two different edits, and the same over tRPC. */
export interface Kind {
  name: string;
  path: string;
  create(token: string, organizationId: string): Promise<string>;
  edits: [Record<string, unknown>, Record<string, unknown>];
  /** The edited field, to tell which edit was written. */
  field: string;
  trpcUpdate(client: Client, id: string, expectedUpdatedAt: string): Promise<Versioned>;
}

export const ifMatch = (etag: string) => ({ "if-match": etag });

/** The version an ETag names (`"<version>.<content>"`): all a 412, which shows no record, can tell. */
export const versionPart = (etag: string | null | undefined) => etag?.replace(/\.[\w-]*"$/, '"');

/** The kinds of versioned records, and how a test makes and reads one, on the test file's API. */
export function recordVersions(api: TestApi) {
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

  return { kinds, created, setUp, read };
}
