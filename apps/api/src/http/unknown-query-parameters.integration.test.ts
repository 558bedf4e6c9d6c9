import { describe, expect, it } from "vitest";
import { useTestApi } from "../testing/harness";

const api = useTestApi();

interface ListDto {
  items: { id: string }[];
}

interface ErrorDto {
  message: string;
  code: string;
  data: {
    httpStatus: number;
    path: string;
    appCode: string | null;
    fieldErrors: Record<string, string[]> | null;
  };
}

describe("query parameters an operation does not declare", () => {
  it("answers 400 naming the unknown one and the ones the operation takes, where it would have ignored it", async () => {
    const owner = await api.register();
    const typo = await api.rest<ErrorDto>("GET", "/deals?Status=won", { token: owner.token });
    expect(typo.status).toBe(400);
    expect(typo.body.code).toBe("BAD_REQUEST");
    expect(typo.body.data.httpStatus).toBe(400);
    // clients branch on appCode, as for any other input that fails validation
    expect(typo.body.data.appCode).toBe("VALIDATION_FAILED");
    expect(typo.body.data.fieldErrors).toEqual({ Status: ['Unknown query parameter "Status"'] });
    expect(typo.body.message).toMatch(/^Unknown query parameter "Status": GET \/deals takes .*\bstatus\b/);

    const two = await api.rest<ErrorDto>("GET", "/contacts?limit=5&serach=ana&tag=x", { token: owner.token });
    expect(two.status).toBe(400);
    expect(two.body.message).toMatch(/^Unknown query parameters "serach", "tag": GET \/contacts takes /);
    expect(Object.keys(two.body.data.fieldErrors ?? {})).toEqual(["serach", "tag"]);
  });

  it("leaves declared parameters, path parameters and raw routes alone", async () => {
    const owner = await api.register();
    const deals = await api.rest<ListDto>("GET", "/deals?status=won&limit=5", { token: owner.token });
    expect(deals.status).toBe(200);
    const contact = await api.rest<{ id: string }>("POST", "/contacts", {
      token: owner.token,
      body: { name: "Ana Souza", email: "ana@example.com" },
    });
    expect(contact.status).toBe(201);
    const one = await api.rest<{ id: string }>("GET", `/contacts/${contact.body.id}`, { token: owner.token });
    expect(one.status).toBe(200);
    // a path with a literal segment is matched before the one with a parameter in its place
    const imports = await api.rest<ListDto>("GET", "/contacts/imports?limit=10", { token: owner.token });
    expect(imports.status).toBe(200);
    const exported = await fetch(`${api.baseUrl}/api/v1/contacts/export.csv?hasEmail=true`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(exported.status).toBe(200);
    const exportTypo = await api.rest<ErrorDto>("GET", "/contacts/export.csv?hasMail=true", {
      token: owner.token,
    });
    expect(exportTypo.status).toBe(400);
    expect(exportTypo.body.message).toContain('"hasMail"');
  });

  it("keeps the 404 of an unknown path and leaves writes alone", async () => {
    const owner = await api.register();
    const missing = await api.rest("GET", "/nothing-here?x=1", { token: owner.token });
    expect(missing.status).toBe(404);
    const created = await api.rest("POST", "/contacts?source=import", {
      token: owner.token,
      body: { name: "Bruno Lima" },
    });
    expect(created.status).toBe(201);
  });
});
