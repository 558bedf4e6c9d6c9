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

interface FieldDto {
  id: string;
  key: string;
  label: string;
  type: string;
  options: string[];
  required: boolean;
}

describe("custom fields", () => {
  it("defines fields of each type and lists them in creation order", async () => {
    const owner = await api.register();
    for (const body of [
      { key: "notes", label: "Notes", type: "text" },
      { key: "employees", label: "Employees", type: "number" },
      { key: "birthday", label: "Birthday", type: "date" },
      { key: "vip", label: "VIP", type: "boolean", required: true },
      { key: "plan", label: "Plan", type: "single_select", options: ["free", "pro"] },
      { key: "interests", label: "Interests", type: "multi_select", options: ["a", "b"] },
    ]) {
      await createResource(api, owner.token, "/custom-fields", body);
    }
    const fields = await allPages<FieldDto>(api, owner.token, "/custom-fields?limit=4");
    expect(fields.map((f) => [f.key, f.type, f.required])).toEqual([
      ["notes", "text", false],
      ["employees", "number", false],
      ["birthday", "date", false],
      ["vip", "boolean", true],
      ["plan", "single_select", false],
      ["interests", "multi_select", false],
    ]);
  });

  it.each([
    [{ key: "Bad Key", label: "x", type: "text" }, "key"],
    [{ key: "phone", label: "x", type: "text" }, "key"],
    [{ key: "ok", label: "", type: "text" }, "label"],
    [{ key: "ok", label: "x", type: "color" }, "type"],
    [{ key: "ok", label: "x", type: "single_select" }, "options"],
    [{ key: "ok", label: "x", type: "multi_select", options: ["a", "a"] }, "options"],
    [{ key: "ok", label: "x", type: "text", options: ["a"] }, "options"],
  ])("POST /custom-fields %j answers 400 naming %s", async (body, field) => {
    const owner = await api.register();
    const res = await api.rest<ErrorDto>("POST", "/custom-fields", { token: owner.token, body });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(Object.keys(res.body.data.fieldErrors ?? {})).toEqual([field]);
  });

  it("a key is unique (409 with existingId)", async () => {
    const owner = await api.register();
    const plan = await createResource(api, owner.token, "/custom-fields", {
      key: "plan",
      label: "Plan",
      type: "text",
    });
    const dup = await api.rest<ErrorDto>("POST", "/custom-fields", {
      token: owner.token,
      body: { key: "plan", label: "Other", type: "number" },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.data.existingId).toBe(plan.id);
  });

  it("changes label, options and required; key and type stay", async () => {
    const owner = await api.register();
    const plan = await createResource(api, owner.token, "/custom-fields", {
      key: "plan",
      label: "Plan",
      type: "single_select",
      options: ["free"],
    });
    const res = await api.rest<FieldDto>("PATCH", `/custom-fields/${plan.id}`, {
      token: owner.token,
      body: { label: "Subscription", options: ["free", "pro"], required: true },
    });
    expect(res.body).toMatchObject({
      key: "plan",
      type: "single_select",
      label: "Subscription",
      options: ["free", "pro"],
      required: true,
    });
    const bad = await api.rest<ErrorDto>("PATCH", `/custom-fields/${plan.id}`, {
      token: owner.token,
      body: { options: [] },
    });
    expect(bad.status).toBe(400);
  });

  it("says how many contacts have a value for a field, before it is deleted", async () => {
    const owner = await api.register();
    const plan = await createResource(api, owner.token, "/custom-fields", {
      key: "plan",
      label: "Plan",
      type: "text",
    });
    const city = await createResource(api, owner.token, "/custom-fields", {
      key: "city",
      label: "City",
      type: "text",
    });
    await createContact(api, owner.token, { name: "Ana", metadata: { plan: "pro", city: "Natal" } });
    await createContact(api, owner.token, { name: "Bia", metadata: { plan: "basic" } });
    await createContact(api, owner.token, { name: "Caio" });
    const agent = await api.member(owner.token, "agent");
    const usage = (id: string, token = agent.token) =>
      api.rest("GET", `/custom-fields/${id}/usage`, { token });
    expect((await usage(plan.id)).body).toEqual({ contacts: 2 });
    expect((await usage(city.id)).body).toEqual({ contacts: 1 });
    const stranger = await api.register();
    expect((await usage(plan.id, stranger.token)).status).toBe(404);
  });

  it("deleting a field removes its values from every contact", async () => {
    const owner = await api.register();
    const plan = await createResource(api, owner.token, "/custom-fields", {
      key: "plan",
      label: "Plan",
      type: "text",
    });
    await createResource(api, owner.token, "/custom-fields", { key: "city", label: "City", type: "text" });
    const contact = await createContact(api, owner.token, {
      name: "Ana",
      metadata: { plan: "pro", city: "Natal" },
    });
    expect((await api.rest("DELETE", `/custom-fields/${plan.id}`, { token: owner.token })).status).toBe(200);
    const reread = await api.rest<ContactDto>("GET", `/contacts/${contact.id}`, { token: owner.token });
    expect(reread.body.metadata).toEqual({ city: "Natal" });
    const now = await api.rest<ErrorDto>("PATCH", `/contacts/${contact.id}`, {
      token: owner.token,
      body: { metadata: { plan: "pro" } },
    });
    expect(now.status).toBe(400);
    expect(now.body.data.fieldErrors).toEqual({ "metadata.plan": ['Unknown custom field "plan"'] });
  });

  it("only owners and admins define, change and delete fields; agents still fill them in on contacts", async () => {
    const owner = await api.register();
    const admin = await api.member(owner.token, "admin");
    const agent = await api.member(owner.token, "agent");
    const viewer = await api.member(owner.token, "viewer");
    const body = { key: "plan", label: "Plan", type: "text" };
    for (const member of [agent, viewer]) {
      const token = member.token;
      expect((await api.rest("POST", "/custom-fields", { token, body })).status).toBe(403);
    }
    const field = await createResource(api, admin.token, "/custom-fields", body);
    for (const member of [agent, viewer]) {
      const token = member.token;
      const patch = { token, body: { label: "Mine" } };
      expect((await api.rest("PATCH", `/custom-fields/${field.id}`, patch)).status).toBe(403);
      expect((await api.rest("DELETE", `/custom-fields/${field.id}`, { token })).status).toBe(403);
    }
    const fields = await allPages<FieldDto>(api, agent.token, "/custom-fields");
    expect(fields.map((f) => [f.key, f.label])).toEqual([["plan", "Plan"]]);

    const contact = await createContact(api, agent.token, { name: "Ana", metadata: { plan: "pro" } });
    const changed = await api.rest<ContactDto>("PATCH", `/contacts/${contact.id}`, {
      token: agent.token,
      body: { metadata: { plan: "enterprise" } },
    });
    expect(changed.body.metadata).toEqual({ plan: "enterprise" });
    expect(
      (await api.rest("PATCH", `/custom-fields/${field.id}`, { token: admin.token, body: { label: "Tier" } }))
        .status,
    ).toBe(200);
    expect((await api.rest("DELETE", `/custom-fields/${field.id}`, { token: admin.token })).status).toBe(200);
  });

  it("another organization's custom field ids answer 404", async () => {
    await expectTenantIsolation(
      api,
      async (token) =>
        (
          await createResource(api, token, "/custom-fields", {
            key: `f${Date.now()}`,
            label: "F",
            type: "text",
          })
        ).id,
      [
        {
          name: "PATCH /custom-fields/{id}",
          call: (token, id) =>
            api.rest("PATCH", `/custom-fields/${id}`, { token, body: { label: "Mine now" } }),
        },
        {
          name: "DELETE /custom-fields/{id}",
          call: (token, id) => api.rest("DELETE", `/custom-fields/${id}`, { token }),
        },
      ],
    );
  });
});
