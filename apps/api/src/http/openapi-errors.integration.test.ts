import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fromJSONSchema } from "zod";
import { createDeal, workspace } from "../routers/deals/deal-fixtures";
import { type RestResponse, useTestApi } from "../testing/harness";

const api = useTestApi();

interface Operation {
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}

interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

const documentOf = async () => (await (await fetch(`${api.baseUrl}/openapi.json`)).json()) as Document;

const operations = (doc: Document) =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );

/** The schema /openapi.json gives this operation's answer with this status, as zod reads it (refs into $defs). */
function documentedBody(doc: Document, method: string, path: string, status: number) {
  const schema =
    doc.paths[path]?.[method.toLowerCase()]?.responses[status]?.content?.["application/json"]?.schema;
  if (!schema) return undefined;
  const text = JSON.stringify({ ...schema, $defs: doc.components.schemas });
  return fromJSONSchema(JSON.parse(text.replaceAll('"#/components/schemas/', '"#/$defs/')));
}

async function expectDocumented(method: string, path: string, answer: RestResponse, status: number) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  const body = documentedBody(await documentOf(), method, path, status);
  expect(body, `${method} ${path} documents ${status}`).toBeDefined();
  const checked = body?.safeParse(answer.body);
  expect(checked?.error?.issues ?? [], JSON.stringify(answer.body)).toEqual([]);
}

describe("the error answers in /openapi.json", () => {
  it("an invalid body is a documented 400 with fieldErrors (and zod's issues when the schema refused it)", async () => {
    const { token } = await api.register();
    const invalid = await api.rest("POST", "/contacts", { token, body: { name: 42 } });
    expect(invalid.body).toMatchObject({
      data: { appCode: "VALIDATION_FAILED", fieldErrors: { name: [expect.any(String)] } },
    });
    expect(invalid.body.issues).toEqual([expect.objectContaining({ code: "invalid_type", path: ["name"] })]);
    await expectDocumented("POST", "/contacts", invalid, 400);
    // checked by the use case rather than the schema: no issues
    const email = await api.rest("POST", "/contacts", {
      token,
      body: { name: "Ana", email: "not an email" },
    });
    expect(email.body).toMatchObject({
      data: { appCode: "VALIDATION_FAILED", fieldErrors: { email: [expect.any(String)] } },
    });
    await expectDocumented("POST", "/contacts", email, 400);
  });

  it("a body that is not JSON is a documented 400 (PARSE_ERROR), of another type a documented 415", async () => {
    const { token } = await api.register();
    const post = (type: string, body: string) =>
      fetch(`${api.baseUrl}/api/v1/contacts`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": type },
        body,
      }).then(async (res) => ({ status: res.status, body: await res.json(), headers: res.headers }));
    const malformed = await post("application/json", "{not json");
    expect(malformed.body).toMatchObject({ code: "PARSE_ERROR" });
    await expectDocumented("POST", "/contacts", malformed, 400);
    await expectDocumented("POST", "/contacts", await post("application/json", "[1]"), 400);
    await expectDocumented("POST", "/contacts", await post("text/plain", "name=Ana"), 415);
  });

  it("a body above the limit is a documented 413", async () => {
    const { token } = await api.register();
    const answer = await api.rest("POST", "/contacts", {
      token,
      body: { name: "x".repeat(1024 * 1024 + 1) },
    });
    await expectDocumented("POST", "/contacts", answer, 413);
  });

  it("signed out, or a wrong password, is a documented 401", async () => {
    await expectDocumented("GET", "/contacts", await api.rest("GET", "/contacts"), 401);
    const { user } = await api.register();
    const login = await api.rest("POST", "/auth/login", {
      body: { email: user.email, password: "wrong password" },
    });
    expect(login.body).toMatchObject({ data: { appCode: "INVALID_CREDENTIALS" } });
    await expectDocumented("POST", "/auth/login", login, 401);
  });

  it("a role without the permission is a documented 403", async () => {
    const owner = await api.register();
    const viewer = await api.member(owner.token, "viewer");
    const answer = await api.rest("POST", "/contacts", { token: viewer.token, body: { name: "Ana" } });
    await expectDocumented("POST", "/contacts", answer, 403);
  });

  it("an id in the path of a POST that does not exist is a documented 404", async () => {
    const { token } = await api.register();
    const tagged = await api.rest("POST", `/contacts/${randomUUID()}/tags`, {
      token,
      body: { tagId: randomUUID() },
    });
    await expectDocumented("POST", "/contacts/{id}/tags", tagged, 404);
    const retried = await api.rest("POST", `/messages/${randomUUID()}/retry`, { token, body: {} });
    await expectDocumented("POST", "/messages/{id}/retry", retried, 404);
  });

  it("a duplicate contact is a documented 409 naming the existing one", async () => {
    const { token } = await api.register();
    const first = await api.rest<{ id: string }>("POST", "/contacts", {
      token,
      body: { name: "Ana", phone: "+5511987654321" },
    });
    const again = await api.rest("POST", "/contacts", {
      token,
      body: { name: "Ana 2", phone: "+5511987654321" },
    });
    expect(again.body).toMatchObject({ data: { appCode: "CONFLICT", existingId: first.body.id } });
    await expectDocumented("POST", "/contacts", again, 409);
  });

  it("demoting the last owner is a documented 412", async () => {
    const { token, user } = await api.register();
    const answer = await api.rest("PATCH", `/users/${user.id}`, { token, body: { role: "admin" } });
    expect(answer.body).toMatchObject({ data: { appCode: "PRECONDITION_FAILED" } });
    await expectDocumented("PATCH", "/users/{id}", answer, 412);
  });

  it("a payment without a payment integration is a documented 422", async () => {
    const { token, contactId, pipeline } = await workspace(api);
    const stage = pipeline.stages[0]?.id ?? "";
    const deal = await createDeal(api, token, { contactId, pipelineId: pipeline.id, stage });
    const answer = await api.rest("POST", "/payments", { token, body: { dealId: deal.id } });
    expect(answer.body).toMatchObject({ data: { appCode: "UNPROCESSABLE" } });
    await expectDocumented("POST", "/payments", answer, 422);
  });

  it("too many sign-in attempts are a documented 429 with retryAfterSeconds", async () => {
    const { user } = await api.register();
    const body = { email: user.email, password: "wrong password" };
    let answer = await api.rest("POST", "/auth/login", { body });
    for (let attempt = 0; attempt < 20 && answer.status !== 429; attempt++)
      answer = await api.rest("POST", "/auth/login", { body });
    expect(answer.body).toMatchObject({
      data: { appCode: "RATE_LIMITED", retryAfterSeconds: expect.any(Number) },
    });
    await expectDocumented("POST", "/auth/login", answer, 429);
  });
});

describe("the error statuses in /openapi.json", () => {
  it("every operation with an id in its path documents 404, every one with a body 413 and 415", async () => {
    const undocumented = operations(await documentOf()).flatMap(({ path, method, operation }) => {
      const expected = [
        ...(path.includes("{") ? ["404"] : []),
        ...(["post", "patch", "put"].includes(method) ? ["413", "415"] : []),
      ];
      return expected
        .filter((status) => !operation.responses[status])
        .map((status) => `${method} ${path} ${status}`);
    });
    expect(undocumented).toEqual([]);
  });

  it("the rate-limited auth operations document 429", async () => {
    const doc = await documentOf();
    for (const path of [
      "/auth/register",
      "/auth/login",
      "/auth/forgot-password",
      "/auth/reset-password",
      "/auth/accept-invitation",
    ])
      expect(doc.paths[path]?.post?.responses["429"], path).toBeDefined();
  });

  it("every error response describes the body the server sends, with its data", async () => {
    const doc = await documentOf();
    const dataless = operations(doc).flatMap(({ path, method, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => Number(status) >= 400)
        .filter(([, response]) => {
          const ref = (response.content?.["application/json"]?.schema as { $ref?: string } | undefined)?.$ref;
          const schema = doc.components.schemas[ref?.replace("#/components/schemas/", "") ?? ""];
          return !(schema as { required?: string[] } | undefined)?.required?.includes("data");
        })
        .map(([status]) => `${method} ${path} ${status}`),
    );
    expect(dataless).toEqual([]);
  });
});
