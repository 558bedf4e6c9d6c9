import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestApi } from "../testing/harness";

const api = useTestApi();

interface Created {
  id: string;
}

interface Document {
  paths: Record<string, Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>>;
}

describe("a REST create", () => {
  it("answers 201 with the Location of the new resource, which a GET there reads", async () => {
    const { token } = await api.register();
    const creates: Array<[string, Record<string, unknown>]> = [
      ["/contacts", { name: "Ana Souza" }],
      ["/companies", { name: "Padaria Central" }],
      ["/tags", { name: "VIP" }],
      ["/pipelines", { name: "Vendas B2B", stages: [{ name: "Lead" }, { name: "Proposta" }] }],
      ["/contacts/imports", { csv: "name,email\nBia,bia@example.com\n" }],
    ];
    for (const [path, body] of creates) {
      const created = await api.rest<Created>("POST", path, { token, body });
      expect(created.status, `POST ${path}: ${JSON.stringify(created.body)}`).toBe(201);
      const location = created.headers.get("location");
      expect(location, `POST ${path}`).toBe(`/api/v1${path}/${created.body.id}`);
      const read = await fetch(`${api.baseUrl}${location}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(read.status, `GET ${location}`).toBe(200);
      expect(((await read.json()) as Created).id).toBe(created.body.id);
    }
  });

  it("lets browsers on an allowed origin read the Location", async () => {
    const { token } = await api.register();
    const created = await api.rest("POST", "/tags", {
      token,
      body: { name: "Cross-origin" },
      headers: { origin: "http://localhost:3000" },
    });
    expect(created.status).toBe(201);
    const exposed = (created.headers.get("access-control-expose-headers") ?? "").split(/,\s*/);
    expect(exposed).toContain("Location");
  });

  it("answers 201 without a Location when the new resource has no GET of its own", async () => {
    const { token } = await api.register();
    const field = await api.rest("POST", "/custom-fields", {
      token,
      body: { key: "regiao", label: "Região", type: "text" },
    });
    expect(field.status, JSON.stringify(field.body)).toBe(201);
    expect(field.headers.get("location")).toBeNull();
    const key = await api.rest("POST", "/api-keys", { token, body: { name: "Zapier", role: "agent" } });
    expect(key.status, JSON.stringify(key.body)).toBe(201);
    expect(key.headers.get("location")).toBeNull();
  });

  it("leaves a POST that creates nothing, and a refused create, as they were", async () => {
    const { token } = await api.register();
    const contact = await api.rest<Created>("POST", "/contacts", { token, body: { name: "Caio" } });
    const tag = await api.rest<Created>("POST", "/tags", { token, body: { name: "Lead" } });
    const tagged = await api.rest("POST", `/contacts/${contact.body.id}/tags`, {
      token,
      body: { tagId: tag.body.id },
    });
    expect(tagged.status, JSON.stringify(tagged.body)).toBe(200);
    expect(tagged.headers.get("location")).toBeNull();
    const duplicate = await api.rest("POST", "/tags", { token, body: { name: "Lead" } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.headers.get("location")).toBeNull();
  });

  it("replays the first answer's 201 and Location to a retry with the same Idempotency-Key", async () => {
    const { token } = await api.register();
    const headers = { "idempotency-key": randomUUID() };
    const first = await api.rest<Created>("POST", "/tags", { token, body: { name: "Retry" }, headers });
    const retry = await api.rest<Created>("POST", "/tags", { token, body: { name: "Retry" }, headers });
    expect(first.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.status).toBe(201);
    expect(retry.headers.get("location")).toBe(`/api/v1/tags/${first.body.id}`);
    expect(retry.body).toEqual(first.body);
  });

  it("leaves tRPC's answer to a create a 200", async () => {
    const { token } = await api.register();
    const answer = await fetch(`${api.baseUrl}/trpc/tags.create`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "Via tRPC" }),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("location")).toBeNull();
  });

  it("is documented as a 201 with its Location, and a POST that creates nothing as a 200", async () => {
    const doc = (await (await fetch(`${api.baseUrl}/openapi.json`)).json()) as Document;
    const responses = (path: string) => doc.paths[path]?.post?.responses ?? {};
    for (const path of ["/contacts", "/deals", "/conversations/{id}/messages", "/payments/send-link"]) {
      expect(responses(path)["200"], path).toBeUndefined();
      expect(responses(path)["201"]?.headers?.Location, path).toBeDefined();
    }
    expect(responses("/custom-fields")["201"]).toBeDefined();
    expect(responses("/custom-fields")["201"]?.headers?.Location).toBeUndefined();
    expect(responses("/auth/login")["200"]).toBeDefined();
    expect(responses("/contacts/{id}/merge")["200"]).toBeDefined();
    expect(responses("/contacts/{id}/merge")["201"]).toBeUndefined();
  });
});
