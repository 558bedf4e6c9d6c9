import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { allPages, type ContactDto, createContact, createResource } from "./contact-fixtures";

const api = useTestApi();
let token: string;
let otherToken: string;
const names = (items: Array<{ name: string }>) => items.map((c) => c.name);
const search = (query: string, as = token) =>
  allPages<ContactDto>(api, as, `/contacts?sort=name&search=${encodeURIComponent(query)}`);

beforeAll(async () => {
  token = (await api.register()).token;
  const padaria = await createResource(api, token, "/companies", { name: "Padaria Pão Dourado" });
  const oficina = await createResource(api, token, "/companies", { name: "Oficina São João" });
  // none of these names or emails holds the company's words: a match is the company's
  await createContact(api, token, {
    name: "Carla Mendes",
    email: "carla@example.com",
    companyId: padaria.id,
  });
  await createContact(api, token, { name: "Rui Barros", companyId: padaria.id });
  await createContact(api, token, { name: "Téo Moura", companyId: oficina.id });
  await createContact(api, token, { name: "Dora Lins", email: "dora@example.com" });

  // another organization with a company of the same name, and its own people
  otherToken = (await api.register()).token;
  const theirs = await createResource(api, otherToken, "/companies", { name: "Padaria Pão Dourado" });
  await createContact(api, otherToken, { name: "Estranho Alheio", companyId: theirs.id });
});

describe("the contact search finds the people working at a company whose name matches", () => {
  it.each([
    ["padaria", ["Carla Mendes", "Rui Barros"]],
    ["PÃO DOURADO", ["Carla Mendes", "Rui Barros"]],
    ["pao dour", ["Carla Mendes", "Rui Barros"]],
    ["sao joão", ["Téo Moura"]],
    ["OFICINA", ["Téo Moura"]],
  ])("%j finds %j, accents and letter case aside", async (query, expected) => {
    expect(names(await search(query))).toEqual(expected);
  });

  it("still finds by the contact's own name, a contact without a company included", async () => {
    expect(names(await search("dora"))).toEqual(["Dora Lins"]);
    expect(names(await search("carla"))).toEqual(["Carla Mendes"]);
    // the company's branch adds no one when no company matches
    expect(names(await search("zzz"))).toEqual([]);
  });

  it("never reaches another organization's company of the same name, either way", async () => {
    expect(names(await search("padaria"))).not.toContain("Estranho Alheio");
    expect(names(await search("padaria", otherToken))).toEqual(["Estranho Alheio"]);
  });

  it("is the same over tRPC", async () => {
    const page = await api.trpc(token).contacts.list.query({ search: "pão", sort: "name" });
    expect(names(page.items)).toEqual(["Carla Mendes", "Rui Barros"]);
  });

  it("exports the same contacts as the list with the same search", async () => {
    const res = await fetch(`${api.baseUrl}/api/v1/contacts/export.csv?sort=name&search=PADARIA`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    // a new organization is pt-BR: its file is split on ";"
    const rows = parse(await res.text(), { bom: true, delimiter: ";" }) as string[][];
    const listed = await search("PADARIA");
    expect(rows.slice(1).map((row) => row[0])).toEqual(listed.map((contact) => contact.id));
    expect(rows.slice(1).map((row) => row[1])).toEqual(["Carla Mendes", "Rui Barros"]);
  });
});

describe("the companies list searches names the same way", () => {
  it("finds a company without its accents or letter case", async () => {
    const found = async (query: string) =>
      names(await allPages<{ name: string }>(api, token, `/companies?search=${encodeURIComponent(query)}`));
    expect(await found("pao dourado")).toEqual(["Padaria Pão Dourado"]);
    expect(await found("SÃO JOAO")).toEqual(["Oficina São João"]);
    expect(await found("padaria")).toEqual(["Padaria Pão Dourado"]);
  });
});
