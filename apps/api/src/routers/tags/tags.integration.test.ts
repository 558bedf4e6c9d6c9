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

interface TagDto {
  id: string;
  name: string;
  color: string;
}

describe("tags", () => {
  it("creates with a default color, renames, recolors, and deleting detaches it from contacts", async () => {
    const owner = await api.register();
    const tag = await api.rest<TagDto>("POST", "/tags", { token: owner.token, body: { name: " Cliente " } });
    expect(tag.body).toMatchObject({ name: "Cliente", color: "#64748b" });
    const contact = await createContact(api, owner.token, { name: "Tagged", tagIds: [tag.body.id] });
    const updated = await api.rest<TagDto>("PATCH", `/tags/${tag.body.id}`, {
      token: owner.token,
      body: { name: "Customer", color: "#EF4444" },
    });
    expect(updated.body).toMatchObject({ name: "Customer", color: "#ef4444" });
    const reread = await api.rest<ContactDto>("GET", `/contacts/${contact.id}`, { token: owner.token });
    expect(reread.body.tags).toEqual([{ id: tag.body.id, name: "Customer", color: "#ef4444" }]);

    expect(await allPages<TagDto>(api, owner.token, "/tags")).toHaveLength(1);
    expect((await api.rest("DELETE", `/tags/${tag.body.id}`, { token: owner.token })).status).toBe(200);
    const untagged = await api.rest<ContactDto>("GET", `/contacts/${contact.id}`, { token: owner.token });
    expect(untagged.body.tags).toEqual([]);
    expect(await allPages<TagDto>(api, owner.token, "/tags")).toEqual([]);
  });

  it.each([
    [{ name: "" }, "name"],
    [{ name: "x".repeat(51) }, "name"],
    [{ name: "a;b" }, "name"],
    [{ name: "ok", color: "red" }, "color"],
    [{ name: "ok", color: "#12345" }, "color"],
  ])("POST /tags %j answers 400 naming %s", async (body, field) => {
    const owner = await api.register();
    const res = await api.rest<ErrorDto>("POST", "/tags", { token: owner.token, body });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.data.fieldErrors ?? {})).toEqual([field]);
  });

  it("says how many contacts carry a tag, before it is deleted; another organization's tag answers 404", async () => {
    const owner = await api.register();
    const vip = await createResource(api, owner.token, "/tags", { name: "VIP" });
    const unused = await createResource(api, owner.token, "/tags", { name: "Unused" });
    await createContact(api, owner.token, { name: "Ana", tagIds: [vip.id] });
    await createContact(api, owner.token, { name: "Bia", tagIds: [vip.id, unused.id] });
    await createContact(api, owner.token, { name: "Caio" });
    await api.rest("DELETE", `/tags/${unused.id}`, { token: owner.token });
    const viewer = await api.member(owner.token, "viewer");
    const usage = await api.rest("GET", `/tags/${vip.id}/usage`, { token: viewer.token });
    expect(usage.status).toBe(200);
    expect(usage.body).toEqual({ contacts: 2 });
    const other = await api.register();
    const empty = await createResource(api, other.token, "/tags", { name: "VIP" });
    expect((await api.rest("GET", `/tags/${empty.id}/usage`, { token: other.token })).body).toEqual({
      contacts: 0,
    });
    expect((await api.rest("GET", `/tags/${vip.id}/usage`, { token: other.token })).status).toBe(404);
    expect((await api.rest("GET", `/tags/${unused.id}/usage`, { token: owner.token })).status).toBe(404);
  });

  it("a name is unique whatever its letter case (409 with existingId)", async () => {
    const owner = await api.register();
    const vip = await createResource(api, owner.token, "/tags", { name: "VIP" });
    const dup = await api.rest<ErrorDto>("POST", "/tags", { token: owner.token, body: { name: "vip" } });
    expect(dup.status).toBe(409);
    expect(dup.body.data.existingId).toBe(vip.id);
    const other = await createResource(api, owner.token, "/tags", { name: "lead" });
    const rename = await api.rest<ErrorDto>("PATCH", `/tags/${other.id}`, {
      token: owner.token,
      body: { name: "Vip" },
    });
    expect(rename.status).toBe(409);
    expect(rename.body.data.existingId).toBe(vip.id);
  });

  it("lists only the tags whose name contains the search, whatever the letter case, page after page", async () => {
    const owner = await api.register();
    for (const name of [
      "VIP Ouro",
      "Lead frio",
      "vip prata",
      "Desconto 100%",
      "Desconto 1000",
      "Cliente VIP",
    ]) {
      await createResource(api, owner.token, "/tags", { name });
    }
    const other = await api.register();
    await createResource(api, other.token, "/tags", { name: "VIP de outra empresa" });

    const names = async (path: string) =>
      (await allPages<TagDto>(api, owner.token, path)).map((tag) => tag.name);
    // A-Z, one per page: the search holds across the cursor
    expect(await names("/tags?search=vip&limit=1")).toEqual(["Cliente VIP", "VIP Ouro", "vip prata"]);
    expect(await names("/tags?search=%20%20Lead%20")).toEqual(["Lead frio"]);
    // % and _ are letters here, not patterns
    expect(await names("/tags?search=100%25")).toEqual(["Desconto 100%"]);
    expect(await names("/tags?search=_")).toEqual([]);
    expect(await names("/tags?search=")).toHaveLength(6);

    const tooLong = await api.rest<ErrorDto>("GET", `/tags?search=${"x".repeat(101)}`, {
      token: owner.token,
    });
    expect(tooLong.status).toBe(400);
    expect(Object.keys(tooLong.body.data.fieldErrors ?? {})).toEqual(["search"]);
  });

  it("reads one tag by id, for a viewer too", async () => {
    const owner = await api.register();
    const vip = await createResource(api, owner.token, "/tags", { name: "VIP", color: "#22c55e" });
    const viewer = await api.member(owner.token, "viewer");
    const read = await api.rest<TagDto>("GET", `/tags/${vip.id}`, { token: viewer.token });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: vip.id, name: "VIP", color: "#22c55e" });
    await api.rest("DELETE", `/tags/${vip.id}`, { token: owner.token });
    expect((await api.rest("GET", `/tags/${vip.id}`, { token: owner.token })).status).toBe(404);
  });

  it("agents create tags but cannot delete them", async () => {
    const owner = await api.register();
    const agent = await api.member(owner.token, "agent");
    const tag = await createResource(api, agent.token, "/tags", { name: "by agent" });
    expect((await api.rest("DELETE", `/tags/${tag.id}`, { token: agent.token })).status).toBe(403);
  });

  it("another organization's tag ids answer 404", async () => {
    await expectTenantIsolation(
      api,
      async (token) => (await createResource(api, token, "/tags", { name: `t ${Math.random()}` })).id,
      [
        {
          name: "PATCH /tags/{id}",
          call: (token, id) => api.rest("PATCH", `/tags/${id}`, { token, body: { color: "#000000" } }),
        },
        { name: "GET /tags/{id}", call: (token, id) => api.rest("GET", `/tags/${id}`, { token }) },
        { name: "DELETE /tags/{id}", call: (token, id) => api.rest("DELETE", `/tags/${id}`, { token }) },
      ],
    );
  });
});
