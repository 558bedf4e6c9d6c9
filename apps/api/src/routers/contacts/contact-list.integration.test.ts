import { beforeAll, describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import {
  allPages,
  type ContactDto,
  createContact,
  createResource,
  type ErrorDto,
  mobile,
  type PageDto,
} from "./contact-fixtures";

const api = useTestApi();
let token: string;
const names = (items: ContactDto[]) => items.map((c) => c.name);
const list = async (query: string) => {
  const res = await api.rest<PageDto<ContactDto>>("GET", `/contacts?${query}`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

let vip: { id: string };
let acme: { id: string };
let created: ContactDto[];

beforeAll(async () => {
  const owner = await api.register();
  token = owner.token;
  vip = await createResource(api, token, "/tags", { name: "vip" });
  acme = await createResource(api, token, "/companies", { name: "Acme" });
  await createResource(api, token, "/custom-fields", {
    key: "plan",
    label: "Plan",
    type: "single_select",
    options: ["free", "pro"],
  });
  await createResource(api, token, "/custom-fields", {
    key: "interests",
    label: "Interests",
    type: "multi_select",
    options: ["shoes", "bags"],
  });
  await createResource(api, token, "/custom-fields", {
    key: "vip_level",
    label: "VIP level",
    type: "number",
  });
  created = [];
  const people = [
    { name: "Zeca Pagodinho", phone: "(21) 99876-5432", metadata: { plan: "pro" } },
    { name: "ana beatriz", email: "ana.beatriz@loja.com.br", tagIds: [vip.id], metadata: { vip_level: 3 } },
    { name: "Bruno Lima", email: "bruno@acme.com", phone: mobile(3), companyId: acme.id },
    { name: "Carla Dias", metadata: { interests: ["shoes", "bags"] } },
    {
      name: "Daniel Souza",
      phone: mobile(5),
      tagIds: [vip.id],
      companyId: acme.id,
      metadata: { plan: "free" },
    },
    { name: "Erica Alves", email: "erica@example.com", metadata: { interests: ["bags"] } },
    { name: "Fabio Junior", phone: "+1 202 555 0143" },
  ];
  for (const person of people) created.push(await createContact(api, token, person));
});

describe("keyset pagination", () => {
  it("walks 3 pages newest first with no duplicate and no gap, even when contacts are added meanwhile", async () => {
    const first = await list("limit=3");
    expect(names(first.items)).toEqual(["Fabio Junior", "Erica Alves", "Daniel Souza"]);
    expect(first.nextCursor).toBeTruthy();
    // a contact created between two pages lands before the cursor: it shifts nothing
    const late = await createContact(api, token, { name: "Late Arrival" });
    const second = await list(`limit=3&cursor=${encodeURIComponent(first.nextCursor ?? "")}`);
    expect(names(second.items)).toEqual(["Carla Dias", "Bruno Lima", "ana beatriz"]);
    const third = await list(`limit=3&cursor=${encodeURIComponent(second.nextCursor ?? "")}`);
    expect(names(third.items)).toEqual(["Zeca Pagodinho"]);
    expect(third.nextCursor).toBeNull();
    await api.rest("DELETE", `/contacts/${late.id}`, { token });
  });

  it("sorts by name, case-insensitively, across pages", async () => {
    const all = await allPages<ContactDto>(api, token, "/contacts?sort=name&limit=3");
    expect(names(all)).toEqual([
      "ana beatriz",
      "Bruno Lima",
      "Carla Dias",
      "Daniel Souza",
      "Erica Alves",
      "Fabio Junior",
      "Zeca Pagodinho",
    ]);
  });

  it("refuses a garbled cursor, one from another sort, and a limit above 100", async () => {
    const page = await list("limit=2");
    for (const query of [
      "cursor=garbage",
      `sort=name&cursor=${encodeURIComponent(page.nextCursor ?? "")}`,
      "limit=101",
    ]) {
      const res = await api.rest<ErrorDto>("GET", `/contacts?${query}`, { token });
      expect(res.status, query).toBe(400);
    }
  });
});

describe("filters", () => {
  it.each([
    [`tagId=TAG`, ["Daniel Souza", "ana beatriz"]],
    [`companyId=COMPANY`, ["Daniel Souza", "Bruno Lima"]],
    ["hasPhone=true", ["Fabio Junior", "Daniel Souza", "Bruno Lima", "Zeca Pagodinho"]],
    ["hasPhone=false", ["Erica Alves", "Carla Dias", "ana beatriz"]],
    ["hasEmail=true&hasPhone=true", ["Bruno Lima"]],
    ["hasEmail=false", ["Fabio Junior", "Daniel Souza", "Carla Dias", "Zeca Pagodinho"]],
    ["field=plan&value=pro", ["Zeca Pagodinho"]],
    ["field=interests&value=bags", ["Erica Alves", "Carla Dias"]],
    ["field=interests&value=shoes", ["Carla Dias"]],
    ["field=vip_level&value=3", ["ana beatriz"]],
    ["tagId=TAG&field=plan&value=free", ["Daniel Souza"]],
  ])("%s", async (query, expected) => {
    const resolved = query.replace("TAG", vip.id).replace("COMPANY", acme.id);
    expect(names(await allPages<ContactDto>(api, token, `/contacts?${resolved}`))).toEqual(expected);
  });

  it("filters by creation time", async () => {
    const third = created[2];
    const fifth = created[4];
    if (!third || !fifth) throw new Error("fixtures missing");
    const from = encodeURIComponent(third.createdAt);
    const to = encodeURIComponent(fifth.createdAt);
    expect(
      names(await allPages<ContactDto>(api, token, `/contacts?createdFrom=${from}&createdTo=${to}`)),
    ).toEqual(["Daniel Souza", "Carla Dias", "Bruno Lima"]);
    const reversed = await api.rest<ErrorDto>("GET", `/contacts?createdFrom=${to}&createdTo=${from}`, {
      token,
    });
    expect(reversed.status).toBe(400);
    expect(reversed.body.data.fieldErrors).toHaveProperty("createdTo");
  });

  it.each([
    ["field=shoe_size&value=42", "field"],
    ["field=plan&value=gold", "value"],
    ["field=vip_level&value=high", "value"],
    ["field=plan", "value"],
    ["value=pro", "field"],
    ["hasPhone=maybe", "hasPhone"],
    ["tagId=42", "tagId"],
    ["createdFrom=yesterday", "createdFrom"],
    ["sort=email", "sort"],
  ])("%s answers 400 naming %s", async (query, field) => {
    const res = await api.rest<ErrorDto>("GET", `/contacts?${query}`, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(Object.keys(res.body.data.fieldErrors ?? {})).toContain(field);
  });
});

describe("search", () => {
  it.each([
    ["pagod", ["Zeca Pagodinho"]],
    ["ANA B", ["ana beatriz"]],
    ["@acme.com", ["Bruno Lima"]],
    ["loja.com", ["ana beatriz"]],
    ["98765", ["Zeca Pagodinho"]],
    ["(21) 99876-5432", ["Zeca Pagodinho"]],
    ["(21) 9876-5432", ["Zeca Pagodinho"]],
    ["552198765432", ["Zeca Pagodinho"]],
    ["+1 202 555", ["Fabio Junior"]],
    ["5550143", ["Fabio Junior"]],
    ["100%", []],
    ["a_c", []],
  ])("%j finds %j", async (search, expected) => {
    expect(
      names(await allPages<ContactDto>(api, token, `/contacts?search=${encodeURIComponent(search)}`)),
    ).toEqual(expected);
  });

  it("refuses a search over 100 characters with 400 saying so, over REST, tRPC and the export", async () => {
    const long = "a".repeat(101);
    const res = await api.rest<ErrorDto>("GET", `/contacts?search=${long}`, { token });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe("search must have at most 100 characters");
    expect(res.body.data.fieldErrors).toEqual({ search: ["search must have at most 100 characters"] });
    await expect(api.trpc(token).contacts.list.query({ search: long })).rejects.toMatchObject({
      data: { fieldErrors: { search: ["search must have at most 100 characters"] } },
    });
    const exported = await fetch(`${api.baseUrl}/api/v1/contacts/export.csv?search=${long}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(exported.status).toBe(400);
    expect(await exported.json()).toMatchObject({
      data: { fieldErrors: { search: ["search must have at most 100 characters"] } },
    });
    expect((await list(`search=${"a".repeat(100)}`)).items).toEqual([]);
  });

  it("combines with filters and pagination", async () => {
    const page = await list(`search=a&hasEmail=true&limit=2&sort=name`);
    expect(names(page.items)).toEqual(["ana beatriz", "Bruno Lima"]);
    const next = await list(
      `search=a&hasEmail=true&limit=2&sort=name&cursor=${encodeURIComponent(page.nextCursor ?? "")}`,
    );
    expect(names(next.items)).toEqual(["Erica Alves"]);
    expect(next.nextCursor).toBeNull();
  });
});
