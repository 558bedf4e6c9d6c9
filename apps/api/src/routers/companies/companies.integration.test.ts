import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { expectTenantIsolation } from "../../testing/tenant-isolation";
import {
  allPages,
  type ContactDto,
  createContact,
  createResource,
  type ErrorDto,
} from "../contacts/contact-fixtures";

const api = useTestApi();

describe("companies", () => {
  it("creates, lists, searches, renames and deletes; deleting leaves its contacts without a company", async () => {
    const owner = await api.register();
    const acme = await createResource(api, owner.token, "/companies", { name: "Acme Ltda" });
    await createResource(api, owner.token, "/companies", { name: "Padaria" });
    const contact = await createContact(api, owner.token, { name: "Worker", companyId: acme.id });

    const found = await allPages<{ name: string }>(api, owner.token, "/companies?search=acm");
    expect(found.map((c) => c.name)).toEqual(["Acme Ltda"]);
    const renamed = await api.rest<{ name: string }>("PATCH", `/companies/${acme.id}`, {
      token: owner.token,
      body: { name: "Acme S.A." },
    });
    expect(renamed.body.name).toBe("Acme S.A.");
    const reread = await api.rest<ContactDto>("GET", `/contacts/${contact.id}`, { token: owner.token });
    expect(reread.body.company).toEqual({ id: acme.id, name: "Acme S.A." });

    expect((await api.rest("DELETE", `/companies/${acme.id}`, { token: owner.token })).status).toBe(200);
    expect((await api.rest("GET", `/companies/${acme.id}`, { token: owner.token })).status).toBe(404);
    const orphan = await api.rest<ContactDto>("GET", `/contacts/${contact.id}`, { token: owner.token });
    expect(orphan.body).toMatchObject({ companyId: null, company: null });
  });

  it("lists each company with its number of contacts, following a contact that moves or is deleted", async () => {
    const owner = await api.register();
    const acme = await createResource(api, owner.token, "/companies", { name: "Acme" });
    const padaria = await createResource(api, owner.token, "/companies", { name: "Padaria" });
    await createResource(api, owner.token, "/companies", { name: "Nobody works here" });
    await createContact(api, owner.token, { name: "Ana", companyId: acme.id });
    const bruno = await createContact(api, owner.token, { name: "Bruno", companyId: acme.id });
    const carla = await createContact(api, owner.token, { name: "Carla", companyId: padaria.id });
    await createContact(api, owner.token, { name: "Without a company" });
    // another organization's contacts never count, even at a company of the same name
    const stranger = await api.register();
    const theirs = await createResource(api, stranger.token, "/companies", { name: "Acme" });
    await createContact(api, stranger.token, { name: "Theirs", companyId: theirs.id });

    const counts = async () =>
      Object.fromEntries(
        (await allPages<{ name: string; contactCount: number }>(api, owner.token, "/companies?limit=1")).map(
          (c) => [c.name, c.contactCount],
        ),
      );
    expect(await counts()).toEqual({ Acme: 2, Padaria: 1, "Nobody works here": 0 });

    expect(
      (
        await api.rest("PATCH", `/contacts/${bruno.id}`, {
          token: owner.token,
          body: { companyId: padaria.id },
        })
      ).status,
    ).toBe(200);
    expect((await api.rest("DELETE", `/contacts/${carla.id}`, { token: owner.token })).status).toBe(200);
    expect(await counts()).toEqual({ Acme: 1, Padaria: 1, "Nobody works here": 0 });
  });

  it("a name is unique whatever its letter case (409 with existingId); a blank name is 400", async () => {
    const owner = await api.register();
    const acme = await createResource(api, owner.token, "/companies", { name: "Acme" });
    const dup = await api.rest<ErrorDto>("POST", "/companies", {
      token: owner.token,
      body: { name: " ACME " },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.data.existingId).toBe(acme.id);
    const other = await createResource(api, owner.token, "/companies", { name: "Other" });
    const rename = await api.rest<ErrorDto>("PATCH", `/companies/${other.id}`, {
      token: owner.token,
      body: { name: "acme" },
    });
    expect(rename.status).toBe(409);
    expect(rename.body.data.existingId).toBe(acme.id);
    const blank = await api.rest<ErrorDto>("POST", "/companies", {
      token: owner.token,
      body: { name: "  " },
    });
    expect(blank.status).toBe(400);
    expect(blank.body.data.fieldErrors).toHaveProperty("name");
  });

  it("agents create companies but only managers delete them; viewers only read", async () => {
    const owner = await api.register();
    const agent = await api.member(owner.token, "agent");
    const viewer = await api.member(owner.token, "viewer");
    const company = await createResource(api, agent.token, "/companies", { name: "By agent" });
    expect((await api.rest("DELETE", `/companies/${company.id}`, { token: agent.token })).status).toBe(403);
    expect((await api.rest("POST", "/companies", { token: viewer.token, body: { name: "No" } })).status).toBe(
      403,
    );
    expect((await api.rest("GET", `/companies/${company.id}`, { token: viewer.token })).status).toBe(200);
  });

  it("a contact cannot link another organization's company: 404 Company not found, as for an unknown id", async () => {
    await expectTenantIsolation(
      api,
      async (token) => (await createResource(api, token, "/companies", { name: `Co ${Math.random()}` })).id,
      [
        {
          name: "POST /contacts with its companyId",
          call: (token, companyId) =>
            api.rest("POST", "/contacts", { token, body: { name: "Mine", companyId } }),
        },
        {
          name: "PATCH /contacts/{id} with its companyId",
          call: async (token, companyId) => {
            const contact = await createContact(api, token, { name: "Mine" });
            return api.rest("PATCH", `/contacts/${contact.id}`, { token, body: { companyId } });
          },
        },
      ],
    );
    const owner = await api.register();
    const stranger = await api.register();
    const foreign = await createResource(api, stranger.token, "/companies", { name: "Theirs" });
    const res = await api.rest<ErrorDto>("POST", "/contacts", {
      token: owner.token,
      body: { name: "Mine", companyId: foreign.id },
    });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ message: "Company not found", data: { appCode: "NOT_FOUND" } });
  });

  it("another organization's company ids answer 404", async () => {
    await expectTenantIsolation(
      api,
      async (token) => (await createResource(api, token, "/companies", { name: `Co ${Math.random()}` })).id,
      [
        { name: "GET /companies/{id}", call: (token, id) => api.rest("GET", `/companies/${id}`, { token }) },
        {
          name: "PATCH /companies/{id}",
          call: (token, id) =>
            api.rest("PATCH", `/companies/${id}`, { token, body: { name: `R ${Math.random()}` } }),
        },
        {
          name: "DELETE /companies/{id}",
          call: (token, id) => api.rest("DELETE", `/companies/${id}`, { token }),
        },
      ],
    );
  });
});
