import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { expectTenantIsolation } from "../../testing/tenant-isolation";
import {
  type ContactDto,
  countRows,
  createContact,
  createResource,
  type ErrorDto,
  mobile,
} from "./contact-fixtures";

const api = useTestApi();

describe("contacts CRUD", () => {
  it("creates a contact with its phone in E.164, its email lower-cased, a company, tags and custom fields", async () => {
    const owner = await api.register();
    const company = await createResource(api, owner.token, "/companies", { name: "Padaria Pão Quente" });
    const tag = await createResource(api, owner.token, "/tags", { name: "VIP", color: "#22C55E" });
    await createResource(api, owner.token, "/custom-fields", {
      key: "birthday",
      label: "Birthday",
      type: "date",
    });
    const created = await createContact(api, owner.token, {
      name: "  Maria Souza ",
      email: "Maria.Souza@Example.COM",
      phone: "(11) 98765-4321",
      companyId: company.id,
      tagIds: [tag.id],
      metadata: { birthday: "1990-05-17" },
    });
    expect(created).toMatchObject({
      name: "Maria Souza",
      email: "maria.souza@example.com",
      phone: "+5511987654321",
      companyId: company.id,
      company: { id: company.id, name: "Padaria Pão Quente" },
      tags: [{ id: tag.id, name: "VIP", color: "#22c55e" }],
      metadata: { birthday: "1990-05-17" },
    });
    const fetched = await api.rest<ContactDto>("GET", `/contacts/${created.id}`, { token: owner.token });
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(created);
  });

  it("updates fields, clears the email, unlinks the company and patches custom fields key by key", async () => {
    const owner = await api.register();
    await createResource(api, owner.token, "/custom-fields", { key: "vip", label: "VIP", type: "boolean" });
    await createResource(api, owner.token, "/custom-fields", { key: "notes", label: "Notes", type: "text" });
    const company = await createResource(api, owner.token, "/companies", { name: "Loja" });
    const contact = await createContact(api, owner.token, {
      name: "Ana",
      email: "ana@example.com",
      companyId: company.id,
      metadata: { vip: true, notes: "first" },
    });
    const res = await api.rest<ContactDto>("PATCH", `/contacts/${contact.id}`, {
      token: owner.token,
      body: {
        name: "Ana Lima",
        email: null,
        phone: "+55 21 2345-6789",
        companyId: null,
        metadata: { notes: null },
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      name: "Ana Lima",
      email: null,
      phone: "+552123456789",
      companyId: null,
      metadata: { vip: true },
    });
  });

  it("deletes a contact (its conversations go with it, its deals stay without a contact)", async () => {
    const owner = await api.register();
    const contact = await createContact(api, owner.token, { name: "Gone", phone: mobile(1) });
    const { db } = api.container.db;
    await db
      .insertInto("conversations")
      .values({ organization_id: owner.organization.id, contact_id: contact.id, channel: "whatsapp" })
      .execute();
    const res = await api.rest("DELETE", `/contacts/${contact.id}`, { token: owner.token });
    expect(res.status).toBe(200);
    expect((await api.rest("GET", `/contacts/${contact.id}`, { token: owner.token })).status).toBe(404);
    expect((await api.rest("DELETE", `/contacts/${contact.id}`, { token: owner.token })).status).toBe(404);
    const conversations = await db
      .selectFrom("conversations")
      .select("id")
      .where("contact_id", "=", contact.id)
      .execute();
    expect(conversations).toEqual([]);
  });

  it("attaches and detaches tags; attaching twice changes nothing", async () => {
    const owner = await api.register();
    const contact = await createContact(api, owner.token, { name: "Tagged" });
    const tag = await createResource(api, owner.token, "/tags", { name: "lead" });
    for (let i = 0; i < 2; i++) {
      const res = await api.rest<ContactDto>("POST", `/contacts/${contact.id}/tags`, {
        token: owner.token,
        body: { tagId: tag.id },
      });
      expect(res.status).toBe(200);
      expect(res.body.tags.map((t) => t.name)).toEqual(["lead"]);
    }
    const detached = await api.rest<ContactDto>("DELETE", `/contacts/${contact.id}/tags/${tag.id}`, {
      token: owner.token,
    });
    expect(detached.status).toBe(200);
    expect(detached.body.tags).toEqual([]);
    const again = await api.rest<ErrorDto>("DELETE", `/contacts/${contact.id}/tags/${tag.id}`, {
      token: owner.token,
    });
    expect(again.status).toBe(404);
    expect(again.body.message).toBe("This tag is not attached to the contact");
  });

  it("detaching an unknown tag, or another organization's, answers 404 Tag not found", async () => {
    const owner = await api.register();
    const stranger = await api.register();
    const contact = await createContact(api, owner.token, { name: "Tagged" });
    const foreign = await createResource(api, stranger.token, "/tags", { name: "theirs" });
    for (const tagId of [foreign.id, "3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"]) {
      const res = await api.rest<ErrorDto>("DELETE", `/contacts/${contact.id}/tags/${tagId}`, {
        token: owner.token,
      });
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ message: "Tag not found", data: { appCode: "NOT_FOUND" } });
    }
  });
});

describe("a contact's company by name", () => {
  it("links the organization's company of that name whatever its letter case, or creates it with the contact", async () => {
    const owner = await api.register();
    const token = owner.token;
    const bakery = await createResource(api, token, "/companies", { name: "Padaria Central" });
    const ana = await createContact(api, token, { name: "Ana", companyName: " padaria CENTRAL " });
    expect(ana.company).toEqual({ id: bakery.id, name: "Padaria Central" });
    const bruno = await createContact(api, token, { name: "Bruno", companyName: "Café Aroma" });
    expect(bruno.company).toMatchObject({ name: "Café Aroma" });
    expect(await countRows(api, "companies", owner.organization.id)).toBe(2);

    const moved = await api.rest<ContactDto>("PATCH", `/contacts/${ana.id}`, {
      token,
      body: { companyName: "café aroma" },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.companyId).toBe(bruno.companyId);
    const renamed = await api.rest<ContactDto>("PATCH", `/contacts/${ana.id}`, {
      token,
      body: { companyName: "Loja Nova" },
    });
    expect(renamed.body.company).toMatchObject({ name: "Loja Nova" });
    expect(await countRows(api, "companies", owner.organization.id)).toBe(3);

    // the same name in another organization is another company
    const stranger = await api.register();
    const elsewhere = await createContact(api, stranger.token, {
      name: "Eva",
      companyName: "Padaria Central",
    });
    expect(elsewhere.companyId).not.toBe(bakery.id);
  });

  it("answers 400 for a blank companyName or one sent with companyId", async () => {
    const owner = await api.register();
    const company = await createResource(api, owner.token, "/companies", { name: "Loja" });
    for (const body of [
      { name: "Ana", companyName: " \u200b " },
      { name: "Ana", companyName: "Loja", companyId: company.id },
      { name: "Ana", companyName: "Loja", companyId: null },
    ]) {
      const res = await api.rest<ErrorDto>("POST", "/contacts", { token: owner.token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.data.fieldErrors).toMatchObject({ companyName: [expect.any(String)] });
    }
    expect(await countRows(api, "contacts", owner.organization.id)).toBe(0);
  });

  it("creates no company for a contact that is refused: a taken phone, a changed version", async () => {
    const owner = await api.register();
    const token = owner.token;
    const first = await createContact(api, token, { name: "First", phone: mobile(1) });
    const other = await createContact(api, token, { name: "Other", phone: mobile(2) });

    const taken = await api.rest<ErrorDto>("POST", "/contacts", {
      token,
      body: { name: "Ghost", phone: mobile(1), companyName: "Empresa Fantasma" },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.data.existingId).toBe(first.id);
    const takenOnEdit = await api.rest<ErrorDto>("PATCH", `/contacts/${other.id}`, {
      token,
      body: { phone: mobile(1), companyName: "Empresa Fantasma" },
    });
    expect(takenOnEdit.status).toBe(409);
    const stale = await api.rest<ErrorDto>("PATCH", `/contacts/${other.id}`, {
      token,
      body: { companyName: "Empresa Fantasma", expectedUpdatedAt: "2020-01-01T00:00:00.000Z" },
    });
    expect(stale.status).toBe(412);
    expect(await countRows(api, "companies", owner.organization.id)).toBe(0);
  });
});

describe("duplicates", () => {
  it("a second contact with the same phone or email answers 409 with the existing contact's id", async () => {
    const owner = await api.register();
    const first = await createContact(api, owner.token, {
      name: "First",
      phone: "(11) 98765-4321",
      email: "first@example.com",
    });
    for (const body of [
      { name: "Same phone, other format", phone: "+55 11 8765-4321" },
      { name: "Same email, other case", email: "FIRST@example.com" },
    ]) {
      const res = await api.rest<ErrorDto>("POST", "/contacts", { token: owner.token, body });
      expect(res.status, JSON.stringify(res.body)).toBe(409);
      expect(res.body.data.existingId).toBe(first.id);
    }
    const other = await createContact(api, owner.token, { name: "Other", email: "other@example.com" });
    const taken = await api.rest<ErrorDto>("PATCH", `/contacts/${other.id}`, {
      token: owner.token,
      body: { phone: "11987654321" },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.data).toMatchObject({
      existingId: first.id,
      fieldErrors: { phone: expect.any(Array) },
    });
    expect(await countRows(api, "contacts", owner.organization.id)).toBe(2);

    // another organization may hold the same phone and email
    const stranger = await api.register();
    await createContact(api, stranger.token, {
      name: "Elsewhere",
      phone: "11987654321",
      email: "first@example.com",
    });
  });

  it("racing inserts of one phone: one is created, every other answers 409 with its id, never 500", async () => {
    const owner = await api.register();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        api.rest<ContactDto & ErrorDto>("POST", "/contacts", {
          token: owner.token,
          body: { name: `Racer ${i}`, phone: mobile(42), email: i % 2 ? "race@example.com" : undefined },
        }),
      ),
    );
    const statuses = results.map((res) => res.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const winner = results.find((res) => res.status === 201)?.body.id;
    for (const res of results.filter((r) => r.status === 409)) expect(res.body.data.existingId).toBe(winner);
    expect(await countRows(api, "contacts", owner.organization.id)).toBe(1);
  });
});

describe("permissions", () => {
  it("a viewer reads but cannot write; an agent writes but cannot delete", async () => {
    const owner = await api.register();
    const contact = await createContact(api, owner.token, { name: "Shared" });
    const viewer = await api.member(owner.token, "viewer");
    const agent = await api.member(owner.token, "agent");
    expect((await api.rest("GET", `/contacts/${contact.id}`, { token: viewer.token })).status).toBe(200);
    expect((await api.rest("POST", "/contacts", { token: viewer.token, body: { name: "No" } })).status).toBe(
      403,
    );
    expect(
      (await api.rest("PATCH", `/contacts/${contact.id}`, { token: viewer.token, body: { name: "No" } }))
        .status,
    ).toBe(403);
    expect((await api.rest("POST", "/tags", { token: viewer.token, body: { name: "no" } })).status).toBe(403);
    expect((await api.rest("POST", "/contacts", { token: agent.token, body: { name: "Yes" } })).status).toBe(
      201,
    );
    expect((await api.rest("DELETE", `/contacts/${contact.id}`, { token: agent.token })).status).toBe(403);
    expect((await api.rest("GET", `/contacts/${contact.id}`, { token: owner.token })).status).toBe(200);
    expect((await api.rest("GET", "/contacts", {})).status).toBe(401);
  });
});

describe("tenant isolation", () => {
  it("another organization's contact ids answer 404 on every procedure taking one", async () => {
    const probeContact = (token: string) =>
      createContact(api, token, { name: "Isolated" }).then((contact) => contact.id);
    await expectTenantIsolation(api, probeContact, [
      { name: "GET /contacts/{id}", call: (token, id) => api.rest("GET", `/contacts/${id}`, { token }) },
      {
        name: "PATCH /contacts/{id}",
        call: (token, id) => api.rest("PATCH", `/contacts/${id}`, { token, body: { name: "Hijacked" } }),
      },
      {
        name: "DELETE /contacts/{id}",
        call: (token, id) => api.rest("DELETE", `/contacts/${id}`, { token }),
      },
      {
        name: "GET /contacts/{id}/conversations",
        call: (token, id) => api.rest("GET", `/contacts/${id}/conversations`, { token }),
      },
      {
        name: "GET /contacts/{id}/deals",
        call: (token, id) => api.rest("GET", `/contacts/${id}/deals`, { token }),
      },
      {
        name: "GET /contacts/{id}/duplicates",
        call: (token, id) => api.rest("GET", `/contacts/${id}/duplicates`, { token }),
      },
      {
        name: "GET /contacts/{id}/deletion-impact",
        call: (token, id) => api.rest("GET", `/contacts/${id}/deletion-impact`, { token }),
      },
      {
        name: "POST /contacts/{id}/tags",
        call: async (token, id) => {
          const tag = await createResource(api, token, "/tags", { name: `t-${Math.random()}` });
          return api.rest("POST", `/contacts/${id}/tags`, { token, body: { tagId: tag.id } });
        },
      },
      {
        name: "POST /contacts/{id}/merge (as survivor)",
        call: async (token, id) => {
          const source = await createContact(api, token, { name: "Source" });
          return api.rest("POST", `/contacts/${id}/merge`, { token, body: { sourceId: source.id } });
        },
      },
      {
        name: "POST /contacts/{id}/merge (as source)",
        call: async (token, id) => {
          const survivor = await createContact(api, token, { name: "Survivor" });
          return api.rest("POST", `/contacts/${survivor.id}/merge`, { token, body: { sourceId: id } });
        },
      },
    ]);

    // a tag of another organization cannot be attached or detached either
    await expectTenantIsolation(
      api,
      async (token) => (await createResource(api, token, "/tags", { name: `foreign-${Math.random()}` })).id,
      [
        {
          name: "POST /contacts with a foreign tag in tagIds",
          call: (token, tagId) =>
            api.rest("POST", "/contacts", { token, body: { name: "Mine", tagIds: [tagId] } }),
        },
        {
          name: "POST /contacts/{id}/tags with a foreign tag",
          call: async (token, tagId) => {
            const contact = await createContact(api, token, { name: "Mine" });
            return api.rest("POST", `/contacts/${contact.id}/tags`, { token, body: { tagId } });
          },
        },
        {
          name: "DELETE /contacts/{id}/tags/{tagId} with a foreign tag",
          call: async (token, tagId) => {
            const contact = await createContact(api, token, { name: "Mine" });
            await api.rest("POST", `/contacts/${contact.id}/tags`, { token, body: { tagId } });
            return api.rest("DELETE", `/contacts/${contact.id}/tags/${tagId}`, { token });
          },
        },
      ],
    );
  });
});
