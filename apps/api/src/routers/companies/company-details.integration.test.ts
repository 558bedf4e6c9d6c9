import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { allPages, createResource, type ErrorDto } from "../contacts/contact-fixtures";

const api = useTestApi();

interface CompanyDto {
  id: string;
  name: string;
  taxId: string | null;
  domain: string | null;
  phone: string | null;
  address: Record<string, string> | null;
}

describe("company details: CNPJ, website, phone and address", () => {
  it("stores a formatted CNPJ as its 14 digits, with the website, phone and address normalized", async () => {
    const owner = await api.register();
    const created = await api.rest<CompanyDto>("POST", "/companies", {
      token: owner.token,
      body: {
        name: "Padaria Pão Quente",
        taxId: "11.222.333/0001-81",
        domain: "https://www.PadariaPaoQuente.com.br/contato",
        phone: "(11) 3456-7890",
        address: {
          street: "Av. Paulista",
          number: "1578",
          city: "São Paulo",
          state: "sp",
          postalCode: "01310200",
        },
      },
    });
    expect(created.status).toBe(201);
    const expected = {
      name: "Padaria Pão Quente",
      taxId: "11222333000181",
      domain: "padariapaoquente.com.br",
      phone: "+551134567890",
      address: {
        street: "Av. Paulista",
        number: "1578",
        city: "São Paulo",
        state: "SP",
        postalCode: "01310-200",
      },
    };
    expect(created.body).toMatchObject(expected);
    const read = await api.rest<CompanyDto>("GET", `/companies/${created.body.id}`, { token: owner.token });
    expect(read.body).toMatchObject(expected);
  });

  it("a CNPJ is unique in the organization (409 with existingId), on create and on update", async () => {
    const owner = await api.register();
    const first = await createResource(api, owner.token, "/companies", {
      name: "Matriz",
      taxId: "11222333000181",
    });
    const dup = await api.rest<ErrorDto>("POST", "/companies", {
      token: owner.token,
      body: { name: "Outra", taxId: "11.222.333/0001-81" },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.data.existingId).toBe(first.id);
    expect(dup.body.data.fieldErrors).toHaveProperty("taxId");

    const other = await createResource(api, owner.token, "/companies", { name: "Outra" });
    const change = await api.rest<ErrorDto>("PATCH", `/companies/${other.id}`, {
      token: owner.token,
      body: { taxId: "11222333000181" },
    });
    expect(change.status).toBe(409);
    expect(change.body.data.existingId).toBe(first.id);
    // saving a company with its own CNPJ is no conflict
    const same = await api.rest("PATCH", `/companies/${first.id}`, {
      token: owner.token,
      body: { name: "Matriz SP", taxId: "11.222.333/0001-81" },
    });
    expect(same.status).toBe(200);
  });

  it("another organization may hold the same CNPJ", async () => {
    const owner = await api.register();
    const stranger = await api.register();
    await createResource(api, owner.token, "/companies", { name: "Acme", taxId: "11222333000181" });
    const theirs = await api.rest<CompanyDto>("POST", "/companies", {
      token: stranger.token,
      body: { name: "Acme", taxId: "11.222.333/0001-81" },
    });
    expect(theirs.status).toBe(201);
    expect(theirs.body.taxId).toBe("11222333000181");
  });

  it("refuses a CNPJ whose check digit is wrong, a bad website and a bad CEP with 400 and their field errors", async () => {
    const owner = await api.register();
    const bad = await api.rest<ErrorDto>("POST", "/companies", {
      token: owner.token,
      body: {
        name: "Acme",
        taxId: "11.222.333/0001-82",
        domain: "not a website",
        address: { postalCode: "123" },
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.data.fieldErrors).toEqual({
      taxId: ["Invalid CNPJ: its check digits do not match"],
      domain: [expect.any(String)],
      "address.postalCode": [expect.any(String)],
    });
    // nothing half-written
    expect(await allPages(api, owner.token, "/companies")).toEqual([]);
  });

  it("accepts the alphanumeric CNPJ", async () => {
    const owner = await api.register();
    const created = await api.rest<CompanyDto>("POST", "/companies", {
      token: owner.token,
      body: { name: "Nova", taxId: "12.abc.345/01de-35" },
    });
    expect(created.status).toBe(201);
    expect(created.body.taxId).toBe("12ABC34501DE35");
  });

  it("clears a field with null and keeps the ones not sent", async () => {
    const owner = await api.register();
    const acme = await createResource(api, owner.token, "/companies", {
      name: "Acme",
      taxId: "11222333000181",
      domain: "acme.com.br",
      address: { city: "Recife" },
    });
    const cleared = await api.rest<CompanyDto>("PATCH", `/companies/${acme.id}`, {
      token: owner.token,
      body: { taxId: null, address: null },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ name: "Acme", taxId: null, domain: "acme.com.br", address: null });
  });

  it("search finds a company by a fragment of its CNPJ, formatted or not, and by its website", async () => {
    const owner = await api.register();
    await createResource(api, owner.token, "/companies", { name: "Acme", taxId: "11222333000181" });
    await createResource(api, owner.token, "/companies", {
      name: "Padaria",
      taxId: "33000167000101",
      domain: "padaria.com.br",
    });
    await createResource(api, owner.token, "/companies", { name: "Sem CNPJ" });
    const names = async (search: string) =>
      (await allPages<CompanyDto>(api, owner.token, `/companies?search=${encodeURIComponent(search)}`))
        .map((c) => c.name)
        .sort();
    expect(await names("22233")).toEqual(["Acme"]);
    expect(await names("222.333/0001")).toEqual(["Acme"]);
    expect(await names("0001")).toEqual(["Acme", "Padaria"]);
    expect(await names("PADARIA.COM")).toEqual(["Padaria"]);
    expect(await names("sem")).toEqual(["Sem CNPJ"]);
  });
});
