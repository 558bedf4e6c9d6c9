import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { countRows, createContact, createResource, type ErrorDto } from "./contact-fixtures";

const api = useTestApi();

const invisible = ["\u200b", "\u200b\u200d ", " \u3000\t", "\u2060\ufeff\u3164"];

describe("a contact, company, tag or custom field named with invisible characters only", () => {
  it.each(invisible)("is refused over REST with a 400 naming the field: %j", async (blank) => {
    const owner = await api.register();
    const token = owner.token;
    const tag = await createResource(api, token, "/tags", { name: "vip" });
    const company = await createResource(api, token, "/companies", { name: "Loja" });
    const field = await createResource(api, token, "/custom-fields", {
      key: "cpf",
      label: "CPF",
      type: "text",
    });
    const contact = await createContact(api, token, { name: "Ana" });
    const attempts: Array<[string, string, Record<string, unknown>, string]> = [
      ["POST", "/contacts", { name: blank }, "name"],
      ["PATCH", `/contacts/${contact.id}`, { name: blank }, "name"],
      ["POST", "/companies", { name: blank }, "name"],
      ["PATCH", `/companies/${company.id}`, { name: blank }, "name"],
      ["POST", "/tags", { name: blank }, "name"],
      ["PATCH", `/tags/${tag.id}`, { name: blank }, "name"],
      ["POST", "/custom-fields", { key: "rg", label: blank, type: "text" }, "label"],
      ["PATCH", `/custom-fields/${field.id}`, { label: blank }, "label"],
    ];
    for (const [method, path, body, name] of attempts) {
      const res = await api.rest<ErrorDto>(method, path, { token, body });
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(res.body.data.fieldErrors, `${method} ${path}`).toEqual({ [name]: [expect.any(String)] });
      expect(res.body.message).toMatch(new RegExp(`^${name} (is required|has only invisible characters)$`));
    }
    expect(await countRows(api, "contacts", owner.organization.id)).toBe(1);
    expect(await countRows(api, "companies", owner.organization.id)).toBe(1);
    expect(await countRows(api, "tags", owner.organization.id)).toBe(1);
    const names = await api.rest<{ name: string }>("GET", `/contacts/${contact.id}`, { token });
    expect(names.body.name).toBe("Ana");
  });

  it("is refused over tRPC the same way", async () => {
    const owner = await api.register();
    const client = api.trpc(owner.token);
    for (const create of [
      () => client.contacts.create.mutate({ name: "\u200b" }),
      () => client.companies.create.mutate({ name: "\u200b\u200d " }),
      () => client.tags.create.mutate({ name: "\u200b" }),
    ]) {
      const error = await create().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TRPCClientError);
      expect((error as TRPCClientError<never>).data).toMatchObject({
        httpStatus: 400,
        fieldErrors: { name: ["name has only invisible characters"] },
      });
    }
  });

  it("keeps the visible name, stripped of invisible characters at its ends", async () => {
    const owner = await api.register();
    const token = owner.token;
    const contact = await createContact(api, token, { name: "\u200b Ana\u200bSouza\u200d " });
    expect(contact.name).toBe("Ana\u200bSouza");
    const tag = await createResource(api, token, "/tags", { name: "\ufeffvip\u2060" });
    expect((tag as { name?: string }).name).toBe("vip");
    const company = await createResource(api, token, "/companies", { name: "\u200bLoja ❤️\u200b" });
    expect((company as { name?: string }).name).toBe("Loja ❤️");
    // the same name as an existing one once stripped: a duplicate
    const again = await api.rest<ErrorDto>("POST", "/tags", { token, body: { name: "vip\u200b" } });
    expect(again.status).toBe(409);
  });
});
