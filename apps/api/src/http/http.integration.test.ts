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
