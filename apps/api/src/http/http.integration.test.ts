import { testEnv } from "@crm/runtime/testing/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../testing/harness";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

describe("operational endpoints", () => {
  it("/health answers while the process lives, /ready checks its dependencies", async () => {
    expect(await (await fetch(`${api.baseUrl}/health`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${api.baseUrl}/ready`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { checks: Record<string, string> };
    expect(body.checks.database).toBe("ok");
    if (testEnv().redisUrl) expect(body.checks.redis).toBe("ok");
  });

  it("/ready answers 503 when the database is gone", async () => {
    const broken = await startTestApi();
    await broken.container.db.close();
    const res = await fetch(`${broken.baseUrl}/ready`);
    expect(res.status).toBe(503);
    await broken.close().catch(() => undefined);
  });

  it("returns a request id on every response", async () => {
    const res = await fetch(`${api.baseUrl}/health`);
    expect(res.headers.get("x-request-id")).toMatch(/.{8,}/);
  });

  it("answers unknown paths with a JSON 404", async () => {
    const res = await fetch(`${api.baseUrl}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: "NOT_FOUND" });
  });

  it("answers a known REST path asked with a method it does not take 405, naming the ones it takes", async () => {
    const { token } = await api.register();
    const cases: Array<[string, string, string]> = [
      ["DELETE", "/contacts", "GET, POST"],
      ["PUT", "/contacts/0b5e7c1e-8c1a-4a5e-9a3f-2d3c4b5a6f70", "GET, PATCH, DELETE"],
      ["POST", "/organizations/current", "GET, PATCH"],
      ["POST", "/contacts/export.csv", "GET, PATCH, DELETE"],
    ];
    for (const [method, path, allowed] of cases) {
      const res = await api.rest<{ code: string; message: string }>(method, path, { token });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get("allow"), `${method} ${path}`).toBe(allowed);
      expect(res.body.code).toBe("METHOD_NOT_SUPPORTED");
      expect(res.body.message).toBe(`${method} is not allowed on /api/v1${path}; it takes ${allowed}`);
    }
    const unknown = await api.rest("DELETE", "/nothing-here", { token });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("allow")).toBeNull();
  });

  it("answers malformed JSON with 400, not 500", async () => {
    const res = await fetch(`${api.baseUrl}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
  });
});

describe("OpenAPI", () => {
  it("lists every auth, users and organizations path of the spec", async () => {
    const doc = (await (await fetch(`${api.baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const expected: Array<[string, string]> = [
      ["/auth/register", "post"],
      ["/auth/login", "post"],
      ["/auth/refresh", "post"],
      ["/auth/logout", "post"],
      ["/auth/forgot-password", "post"],
      ["/auth/reset-password", "post"],
      ["/users", "get"],
      ["/users", "post"],
      ["/users/{id}", "get"],
      ["/users/{id}", "patch"],
      ["/users/{id}", "delete"],
      ["/organizations/current", "get"],
      ["/organizations/current", "patch"],
    ];
    for (const [path, method] of expected)
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
  });

  it("serves interactive docs without any CDN", async () => {
    const page = await (await fetch(`${api.baseUrl}/docs`)).text();
    expect(page).toContain("/docs/assets/swagger-ui-bundle.js");
    expect(page).not.toMatch(/https?:\/\//);
    const bundle = await fetch(`${api.baseUrl}/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
  });
});
