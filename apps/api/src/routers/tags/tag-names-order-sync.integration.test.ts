import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { allPages, createResource, type ErrorDto } from "../contacts/contact-fixtures";

const api = useTestApi();

interface TagDto {
  id: string;
  name: string;
  color: string;
  updatedAt: string;
}

interface TagPageDto {
  items: TagDto[];
  nextCursor: string | null;
}

const names = (tags: TagDto[]) => tags.map((tag) => tag.name);

async function ownerWithTags(tagNames: string[]) {
  const owner = await api.register();
  const tags: TagDto[] = [];
  for (const name of tagNames)
    tags.push((await createResource(api, owner.token, "/tags", { name })) as TagDto);
  return { owner, tags };
}

describe("tag names as Portuguese is typed", () => {
  it("search ignores accents and letter case, both ways", async () => {
    const { owner } = await ownerWithTags(["Atacadão", "Açaí", "Promoção", "Varejo"]);
    const found = async (search: string) =>
      names(await allPages<TagDto>(api, owner.token, `/tags?search=${encodeURIComponent(search)}`));
    expect(await found("atacadao")).toEqual(["Atacadão"]);
    expect(await found("ACAI")).toEqual(["Açaí"]);
    expect(await found("promocão")).toEqual(["Promoção"]);
    expect(await found("ÇÃO")).toEqual(["Promoção"]);
    expect(await found("varejó")).toEqual(["Varejo"]);
  });

  it("a name differing only by accents or capitals is taken: 409 with the existing tag's id, on create and rename", async () => {
    const { owner, tags } = await ownerWithTags(["Atacadão", "Varejo"]);
    const [atacadao, varejo] = tags;
    for (const name of ["atacadao", "ATACADAO", "Atacadao", " atacadão "]) {
      const dup = await api.rest<ErrorDto>("POST", "/tags", { token: owner.token, body: { name } });
      expect(dup.status, name).toBe(409);
      expect(dup.body.data.existingId).toBe(atacadao?.id);
      expect(Object.keys(dup.body.data.fieldErrors ?? {})).toEqual(["name"]);
    }
    const rename = await api.rest<ErrorDto>("PATCH", `/tags/${varejo?.id}`, {
      token: owner.token,
      body: { name: "atacadao" },
    });
    expect(rename.status).toBe(409);
    expect(rename.body.data.existingId).toBe(atacadao?.id);
    // its own name with other accents is no conflict
    const own = await api.rest<TagDto>("PATCH", `/tags/${atacadao?.id}`, {
      token: owner.token,
      body: { name: "ATACADÃO" },
    });
    expect(own.status).toBe(200);
    expect(own.body.name).toBe("ATACADÃO");
    expect(names(await allPages<TagDto>(api, owner.token, "/tags"))).toEqual(["ATACADÃO", "Varejo"]);
  });
});

describe("GET /tags order", () => {
  it("lists A-Z by default, accents and capitals aside, page after page; sort=createdAt is newest first", async () => {
    const { owner } = await ownerWithTags([
      "Zebra",
      "Érica",
      "abacaxi",
      "Ótimo",
      "banana",
      "Elefante",
      "ovo",
    ]);
    const alphabetical = ["abacaxi", "banana", "Elefante", "Érica", "Ótimo", "ovo", "Zebra"];
    expect(names(await allPages<TagDto>(api, owner.token, "/tags?limit=2"))).toEqual(alphabetical);
    expect(names(await allPages<TagDto>(api, owner.token, "/tags?sort=name&limit=3"))).toEqual(alphabetical);
    expect(names(await allPages<TagDto>(api, owner.token, "/tags?search=E&limit=1"))).toEqual([
      "Elefante",
      "Érica",
      "Zebra",
    ]);
    expect(names(await allPages<TagDto>(api, owner.token, "/tags?sort=createdAt&limit=2"))).toEqual([
      "ovo",
      "Elefante",
      "banana",
      "Ótimo",
      "abacaxi",
      "Érica",
      "Zebra",
    ]);
  });

  it("a cursor of one sort is refused by another, with a 400 naming the cursor", async () => {
    const { owner } = await ownerWithTags(["a", "b", "c"]);
    const firstPage = async (query: string) => {
      const res = await api.rest<TagPageDto>("GET", `/tags?limit=1${query}`, { token: owner.token });
      expect(res.status).toBe(200);
      return res.body.nextCursor ?? "";
    };
    const cursors = {
      name: await firstPage(""),
      createdAt: await firstPage("&sort=createdAt"),
      updatedAt: await firstPage("&sort=updatedAt"),
    };
    for (const [from, cursor] of Object.entries(cursors)) {
      for (const sort of ["name", "createdAt", "updatedAt"]) {
        const res = await api.rest<ErrorDto>(
          "GET",
          `/tags?sort=${sort}&cursor=${encodeURIComponent(cursor)}`,
          { token: owner.token },
        );
        expect(res.status, `${from} cursor on sort=${sort}`).toBe(from === sort ? 200 : 400);
        if (from !== sort) expect(Object.keys(res.body.data.fieldErrors ?? {})).toEqual(["cursor"]);
      }
    }
    const companies = await api.rest<TagPageDto>("GET", "/companies?limit=1", { token: owner.token });
    const foreign = await api.rest("GET", `/tags?cursor=${companies.body.nextCursor ?? "x"}`, {
      token: owner.token,
    });
    expect(foreign.status).toBe(400);
  });
});

describe("syncing tags", () => {
  it("sort=updatedAt with updatedFrom/updatedTo returns the tags renamed or recolored since, least recent first", async () => {
    const { owner, tags } = await ownerWithTags(["Cliente", "Lead", "Fornecedor"]);
    const [cliente, lead, fornecedor] = tags;
    const synced = await api.rest<TagPageDto>("GET", "/tags?sort=updatedAt", { token: owner.token });
    expect(names(synced.body.items).sort()).toEqual(["Cliente", "Fornecedor", "Lead"]);
    const since =
      synced.body.items
        .map((tag) => tag.updatedAt)
        .sort()
        .at(-1) ?? "";

    const renamed = await api.rest<TagDto>("PATCH", `/tags/${lead?.id}`, {
      token: owner.token,
      body: { name: "Lead quente" },
    });
    const recolored = await api.rest<TagDto>("PATCH", `/tags/${cliente?.id}`, {
      token: owner.token,
      body: { color: "#22c55e" },
    });
    expect(renamed.body.updatedAt > since).toBe(true);
    expect(recolored.body.updatedAt > renamed.body.updatedAt).toBe(true);

    const changed = await allPages<TagDto>(
      api,
      owner.token,
      `/tags?sort=updatedAt&limit=1&updatedFrom=${encodeURIComponent(renamed.body.updatedAt)}`,
    );
    expect(changed.map((tag) => [tag.id, tag.name, tag.color])).toEqual([
      [lead?.id, "Lead quente", "#64748b"],
      [cliente?.id, "Cliente", "#22c55e"],
    ]);
    const window = await allPages<TagDto>(
      api,
      owner.token,
      `/tags?sort=updatedAt&updatedTo=${encodeURIComponent(renamed.body.updatedAt)}`,
    );
    expect(window.map((tag) => tag.id)).toEqual([fornecedor?.id, lead?.id]);

    const backwards = await api.rest<ErrorDto>(
      "GET",
      `/tags?sort=updatedAt&updatedFrom=${encodeURIComponent(recolored.body.updatedAt)}&updatedTo=${encodeURIComponent(since)}`,
      { token: owner.token },
    );
    expect(backwards.status).toBe(400);
    expect(Object.keys(backwards.body.data.fieldErrors ?? {})).toEqual(["updatedTo"]);
  });
});
