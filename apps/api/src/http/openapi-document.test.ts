import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";
import { entityNames } from "./openapi-entities";

interface Answer {
  description?: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema?: unknown }>;
}

interface Operation {
  tags?: string[];
  security?: unknown[];
  parameters?: Array<{ name?: string; in?: string }>;
  responses: Record<string, Answer>;
}

const doc = openApiDocument("http://localhost:3000") as unknown as {
  tags?: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; headers?: Record<string, unknown> };
};

const operation = (method: string, path: string): Operation => {
  const found = doc.paths[path]?.[method];
  if (!found) throw new Error(`${method} ${path} is not documented`);
  return found;
};

const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, each]) => ({ path, method, operation: each })),
);

describe("the OpenAPI document", () => {
  it("documents the RateLimit-* headers on what an API key may call, and Retry-After on every 429", () => {
    const headersOf = (answer: Answer | undefined) => Object.keys(answer?.headers ?? {});
    const limited = ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"];
    expect(headersOf(operation("get", "/contacts").responses["200"])).toEqual(
      expect.arrayContaining(limited),
    );
    expect(headersOf(operation("post", "/contacts").responses["429"])).toEqual(
      expect.arrayContaining([...limited, "Retry-After"]),
    );
    // no credential, so no API key to count
    expect(headersOf(operation("post", "/auth/login").responses["200"])).not.toContain("RateLimit-Limit");
    for (const { path, method, operation: each } of operations) {
      const tooMany = each.responses["429"];
      if (tooMany) expect(headersOf(tooMany), `${method} ${path}`).toContain("Retry-After");
    }
    expect(Object.keys(doc.components.headers ?? {})).toEqual(
      expect.arrayContaining(["RateLimitLimit", "RateLimitRemaining", "RateLimitReset", "RetryAfter"]),
    );
  });

  it("documents the ETag of a record's GET, the If-None-Match it takes and the 304 it answers", () => {
    for (const path of ["/contacts/{id}", "/companies/{id}", "/deals/{id}", "/conversations/{id}"]) {
      const read = operation("get", path);
      expect(read.responses["200"]?.headers?.ETag, path).toBeDefined();
      expect(read.parameters, path).toContainEqual(
        expect.objectContaining({ name: "If-None-Match", in: "header" }),
      );
      expect(read.responses["304"]?.headers?.ETag, path).toBeDefined();
    }
    expect(operation("get", "/tags/{id}").responses["304"]).toBeUndefined();
  });

  it("documents a create's Location", () => {
    expect(operation("post", "/contacts").responses["201"]?.headers?.Location).toBeDefined();
  });

  it("describes every tag its operations use, in one line each", () => {
    const used = new Set(operations.flatMap(({ operation: each }) => each.tags ?? []));
    const described = doc.tags ?? [];
    expect(new Set(described.map((tag) => tag.name))).toEqual(used);
    for (const tag of described) expect(tag.description, tag.name).toMatch(/^[^\n]{10,}$/);
  });

  it("names the main entities as component schemas, and answers refer to them", () => {
    const names = [
      "Contact",
      "Company",
      "Tag",
      "CustomField",
      "Deal",
      "Pipeline",
      "Stage",
      "Activity",
      "Conversation",
      "Message",
      "Integration",
      "Payment",
      "User",
      "ApiKey",
      "Notification",
      "Error",
    ];
    expect(new Set([...entityNames, "Error"])).toEqual(new Set(names));
    for (const name of names) expect(doc.components.schemas[name], name).toBeDefined();
    const schemaOf = (method: string, path: string, status: string) =>
      operation(method, path).responses[status]?.content?.["application/json"]?.schema;
    expect(schemaOf("get", "/contacts/{id}", "200")).toEqual({ $ref: "#/components/schemas/Contact" });
    expect(schemaOf("post", "/deals", "201")).toEqual({ $ref: "#/components/schemas/Deal" });
    expect(JSON.stringify(schemaOf("get", "/contacts", "200"))).toContain("#/components/schemas/Contact");
    expect(JSON.stringify(doc.components.schemas.Pipeline)).toContain("#/components/schemas/Stage");
    expect(JSON.stringify(doc.components.schemas.Error)).toContain("#/components/schemas/error.NOT_FOUND");
  });
});
