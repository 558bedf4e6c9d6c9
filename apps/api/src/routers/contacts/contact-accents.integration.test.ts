import { beforeAll, describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { allPages, type ContactDto, createContact, mobile, type PageDto } from "./contact-fixtures";

const api = useTestApi();
let token: string;
const names = (items: ContactDto[]) => items.map((c) => c.name);
const byId = new Map<string, ContactDto>();

// Brazilians type names with and without accents; none of the emails holds a name, so a match is the name's
const people = [
  { name: "Zuleica Prado" },
  { name: "Érica Prado", email: "eprado@example.com" },
  { name: "Enzo Lima" },
  { name: "Álvaro Dias" },
  { name: "ana souza" },
  { name: "Ícaro Nunes" },
  { name: "Igor Reis" },
  { name: "Óscar Moura" },
  { name: "Otávio Ramos" },
  { name: "Úrsula Maia" },
  { name: "Ulisses Brito" },
  { name: "Gonzaga Lima" },
  { name: "Gonçalo Pires" },
  { name: "José Lima", phone: mobile(21) },
  { name: "João Pedro Santos", email: "jp.santos@example.com", phone: "(21) 99876-5432" },
  { name: "Joao Silva" },
  { name: "JOSE LIMA" },
];

beforeAll(async () => {
  token = (await api.register()).token;
  for (const person of people) {
    const contact = await createContact(api, token, person);
    byId.set(contact.id, contact);
  }
});

describe("search ignores accents and letter case, both ways", () => {
  it.each([
    ["Joao", ["João Pedro Santos", "Joao Silva"]],
    ["joão", ["João Pedro Santos", "Joao Silva"]],
    ["JOAO PEDRO", ["João Pedro Santos"]],
    ["erica", ["Érica Prado"]],
    ["ZULÉICA", ["Zuleica Prado"]],
    ["goncalo", ["Gonçalo Pires"]],
    ["úlisses", ["Ulisses Brito"]],
  ])("%j finds %j", async (search, expected) => {
    const found = await allPages<ContactDto>(
      api,
      token,
      `/contacts?sort=name&search=${encodeURIComponent(search)}`,
    );
    expect(names(found)).toEqual(expected);
  });

  it.each([
    ["jp.santos@", ["João Pedro Santos"]],
    ["EPRADO@EXAMPLE", ["Érica Prado"]],
    ["98765", ["João Pedro Santos"]],
    ["(21) 9876-5432", ["João Pedro Santos"]],
    [mobile(21).slice(-8), ["José Lima"]],
    ["%", []],
  ])("an email or phone fragment %j still finds %j", async (search, expected) => {
    const found = await allPages<ContactDto>(
      api,
      token,
      `/contacts?sort=name&search=${encodeURIComponent(search)}`,
    );
    expect(names(found)).toEqual(expected);
  });
});

describe("sort=name follows the alphabet, accents and letter case aside", () => {
  it("puts Á, É, Í, Ó, Ú and Ç names among the plain ones, on every page of 3", async () => {
    const all = await allPages<ContactDto>(api, token, "/contacts?sort=name&limit=3");
    // the two José Lima spell one key: the id breaks the tie, as it does for the cursor
    const joses = [...byId.values()]
      .filter((c) => c.name.toLowerCase().startsWith("jos"))
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((c) => c.name);
    expect(names(all)).toEqual([
      "Álvaro Dias",
      "ana souza",
      "Enzo Lima",
      "Érica Prado",
      "Gonçalo Pires",
      "Gonzaga Lima",
      "Ícaro Nunes",
      "Igor Reis",
      "João Pedro Santos",
      "Joao Silva",
      ...joses,
      "Óscar Moura",
      "Otávio Ramos",
      "Ulisses Brito",
      "Úrsula Maia",
      "Zuleica Prado",
    ]);
  });

  it("keeps the stored sort key out of what a list returns", async () => {
    const res = await api.rest<PageDto<Record<string, unknown>>>("GET", "/contacts?sort=name&search=erica", {
      token,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const keys = res.body.items.flatMap((item) => Object.keys(item));
    expect(keys).toContain("name");
    expect(keys.filter((key) => /key|sort/i.test(key))).toEqual([]);
  });

  it("goes on from a cursor written before the fix, whose key kept the accents", async () => {
    const erica = [...byId.values()].find((c) => c.name === "Érica Prado");
    if (!erica) throw new Error("fixture missing");
    const old = Buffer.from(JSON.stringify(["name", "érica prado", erica.id])).toString("base64url");
    const res = await api.rest<PageDto<ContactDto>>("GET", `/contacts?sort=name&limit=2&cursor=${old}`, {
      token,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(names(res.body.items)).toEqual(["Gonçalo Pires", "Gonzaga Lima"]);
  });
});
