import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { type ContactDto, countRows, createContact, createResource, type ErrorDto } from "./contact-fixtures";

const api = useTestApi();

describe("bad input: a 4xx with a clear message, nothing written", () => {
  it.each([
    [{ name: "" }, "name"],
    [{ name: "x".repeat(201) }, "name"],
    [{ name: "Ana", email: "not-an-email" }, "email"],
    [{ name: "Ana", phone: "12345" }, "phone"],
    [{ name: "Ana", phone: "call me maybe" }, "phone"],
    [{ name: "Ana", companyId: "not-a-uuid" }, "companyId"],
    [{ name: "Ana", metadata: { nope: "x" } }, "metadata.nope"],
    [{ name: "Ana", metadata: { size: "big" } }, "metadata.size"],
    [{ name: "Ana", metadata: { plan: "gold" } }, "metadata.plan"],
    [{ name: "Ana", metadata: { interests: ["cars"] } }, "metadata.interests"],
    [{ name: "Ana", metadata: { since: "31/12/2020" } }, "metadata.since"],
    [{ name: "Ana", metadata: { vip: "yes" } }, "metadata.vip"],
    [{ name: "Ana", metadata: { plan: { nested: true } } }, "metadata.plan"],
  ])("POST /contacts %j answers 400 naming %s", async (body, field) => {
    const owner = await api.register();
    await createResource(api, owner.token, "/custom-fields", { key: "size", label: "Size", type: "number" });
    await createResource(api, owner.token, "/custom-fields", {
      key: "plan",
      label: "Plan",
      type: "single_select",
      options: ["free", "pro"],
    });
    await createResource(api, owner.token, "/custom-fields", {
      key: "interests",
      label: "Interests",
      type: "multi_select",
      options: ["shoes", "bags"],
    });
    await createResource(api, owner.token, "/custom-fields", { key: "since", label: "Since", type: "date" });
    await createResource(api, owner.token, "/custom-fields", { key: "vip", label: "VIP", type: "boolean" });
    const res = await api.rest<ErrorDto>("POST", "/contacts", { token: owner.token, body });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(Object.keys(res.body.data.fieldErrors ?? {})).toContain(field);
    expect(res.body.message.length).toBeGreaterThan(0);
    expect(await countRows(api, "contacts", owner.organization.id)).toBe(0);
  });

  it("gives each field its schema refused a stable reason code, over REST and tRPC alike", async () => {
    const owner = await api.register();
    const body = { name: "x".repeat(501), companyId: "not-a-uuid", nickname: "Aninha" };
    const res = await api.rest<ErrorDto & { data: { fieldReasons?: Record<string, string> } }>(
      "POST",
      "/contacts",
      { token: owner.token, body },
    );
    expect(res.status).toBe(400);
    const fieldReasons = { name: "too_long", companyId: "invalid_id", nickname: "unknown_field" };
    expect(res.body.data).toMatchObject({ appCode: "VALIDATION_FAILED", fieldReasons });
    await expect(api.trpc(owner.token).contacts.create.mutate(body as never)).rejects.toMatchObject({
      data: { fieldReasons },
    });
    expect(await countRows(api, "contacts", owner.organization.id)).toBe(0);
  });

  it("says a Brazilian phone without its area code (DDD) lacks it, with a reason code, over REST and tRPC", async () => {
    const owner = await api.register();
    const res = await api.rest<ErrorDto & { data: { fieldReasons?: Record<string, string> } }>(
      "POST",
      "/contacts",
      { token: owner.token, body: { name: "Ana", phone: "98765-4321" } },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.message).toMatch(/no area code \(DDD\)/);
    expect(res.body.data).toMatchObject({
      appCode: "VALIDATION_FAILED",
      fieldErrors: { phone: [expect.stringMatching(/no area code \(DDD\)/)] },
      fieldReasons: { phone: "missing_area_code" },
    });
    await expect(
      api.trpc(owner.token).contacts.create.mutate({ name: "Ana", phone: "98765-4321" }),
    ).rejects.toMatchObject({ data: { fieldReasons: { phone: "missing_area_code" } } });
    // any other bad number is still just invalid, with no reason code
    const other = await api.rest<ErrorDto>("POST", "/contacts", {
      token: owner.token,
      body: { name: "Ana", phone: "12345" },
    });
    expect(other.body.data).toMatchObject({ fieldErrors: { phone: ["Invalid phone number"] } });
    expect(other.body.data).not.toHaveProperty("fieldReasons");
    expect(await countRows(api, "contacts", owner.organization.id)).toBe(0);
  });

  it("a required custom field must be given on create; a failed update changes nothing", async () => {
    const owner = await api.register();
    const contact = await createContact(api, owner.token, { name: "Before", email: "before@example.com" });
    await createResource(api, owner.token, "/custom-fields", {
      key: "cpf",
      label: "CPF",
      type: "text",
      required: true,
    });
    const missing = await api.rest<ErrorDto>("POST", "/contacts", {
      token: owner.token,
      body: { name: "New" },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.data.fieldErrors).toEqual({ "metadata.cpf": ["CPF is required"] });

    const bad = await api.rest<ErrorDto>("PATCH", `/contacts/${contact.id}`, {
      token: owner.token,
      body: { name: "After", phone: "nope" },
    });
    expect(bad.status).toBe(400);
    const unchanged = await api.rest<ContactDto>("GET", `/contacts/${contact.id}`, { token: owner.token });
    expect(unchanged.body).toMatchObject({ name: "Before", phone: null });
  });

  it("refuses NUL (U+0000) in any text with 400 naming the field, over REST and tRPC, never a Postgres 500", async () => {
    const owner = await api.register();
    await createResource(api, owner.token, "/custom-fields", { key: "cpf", label: "CPF", type: "text" });
    const nul = "Text must not contain the NUL character (U+0000)";
    for (const [body, field] of [
      [{ name: "N\u0000UL" }, "name"],
      [{ name: "Ana", metadata: { cpf: "a\u0000b" } }, "metadata.cpf"],
    ] as const) {
      const res = await api.rest<ErrorDto>("POST", "/contacts", { token: owner.token, body });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.message).toBe(nul);
      expect(res.body.data.fieldErrors).toEqual({ [field]: [nul] });
    }
    const search = await api.rest<ErrorDto>("GET", "/contacts?search=a%00b", { token: owner.token });
    expect(search.status).toBe(400);
    expect(search.body.data.fieldErrors).toEqual({ search: [nul] });
    await expect(api.trpc(owner.token).contacts.create.mutate({ name: "N\u0000UL" })).rejects.toMatchObject({
      data: { code: "BAD_REQUEST", fieldErrors: { name: [nul] } },
    });
    expect(await countRows(api, "contacts", owner.organization.id)).toBe(0);
  });

  it("refuses half an emoji (a lone surrogate) in any text with 400 naming the field, never a Postgres 500", async () => {
    const owner = await api.register();
    await createResource(api, owner.token, "/custom-fields", { key: "cpf", label: "CPF", type: "text" });
    const lone = "Text must be valid Unicode: it holds half of a character (an unpaired surrogate)";
    for (const [raw, field] of [
      ['{"name":"Ana \\ud83d"}', "name"],
      ['{"name":"Ana","metadata":{"cpf":"\\ude00"}}', "metadata.cpf"],
    ] as const) {
      const res = await fetch(`${api.baseUrl}/api/v1/contacts`, {
        method: "POST",
        headers: { authorization: `Bearer ${owner.token}`, "content-type": "application/json" },
        body: raw,
      });
      const body = (await res.json()) as ErrorDto;
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(body.data.fieldErrors).toEqual({ [field]: [lone] });
    }
    const paired = await api.rest("POST", "/contacts", {
      token: owner.token,
      body: { name: "Ana \ud83d\ude00" },
    });
    expect(paired.status).toBe(201);
    expect(await countRows(api, "contacts", owner.organization.id)).toBe(1);
  });

  it("an unknown company or tag answers 404 naming it, on create and update, and writes nothing", async () => {
    const owner = await api.register();
    const tag = await createResource(api, owner.token, "/tags", { name: "known" });
    const unknown = "3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f";
    for (const [body, message] of [
      [{ name: "Ana", companyId: unknown }, "Company not found"],
      [{ name: "Ana", tagIds: [unknown] }, "Tag not found"],
      [{ name: "Ana", tagIds: [tag.id, unknown] }, "Tag not found"],
    ] as const) {
      const res = await api.rest<ErrorDto>("POST", "/contacts", { token: owner.token, body });
      expect(res.status, JSON.stringify(res.body)).toBe(404);
      expect(res.body).toMatchObject({ message, data: { appCode: "NOT_FOUND", fieldErrors: null } });
    }
    expect(await countRows(api, "contacts", owner.organization.id)).toBe(0);

    const contact = await createContact(api, owner.token, { name: "Before" });
    const update = await api.rest<ErrorDto>("PATCH", `/contacts/${contact.id}`, {
      token: owner.token,
      body: { name: "After", companyId: unknown },
    });
    expect(update.status).toBe(404);
    expect(update.body.message).toBe("Company not found");
    const unchanged = await api.rest<ContactDto>("GET", `/contacts/${contact.id}`, { token: owner.token });
    expect(unchanged.body.name).toBe("Before");
  });

  it("answers 400 for a malformed id and 404 for an unknown one", async () => {
    const owner = await api.register();
    expect((await api.rest("GET", "/contacts/42", { token: owner.token })).status).toBe(400);
    expect(
      (await api.rest("GET", "/contacts/3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f", { token: owner.token }))
        .status,
    ).toBe(404);
  });
});
